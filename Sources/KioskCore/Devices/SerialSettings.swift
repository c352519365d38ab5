/// How a serial line is framed and paced: baud rate, data bits, parity, stop bits and flow control.
public struct SerialSettings: Sendable, Equatable, Hashable, Codable {
    /// Parity bit added to each character.
    public enum Parity: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case none
        case even
        case odd
    }

    /// How the two ends hold each other back when a buffer fills.
    public enum FlowControl: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case none
        /// Hardware handshake on the RTS and CTS lines.
        case rtsCts = "rts-cts"
        /// Software handshake with the XON (0x11) and XOFF (0x13) characters.
        case xonXoff = "xon-xoff"
    }

    /// Why settings cannot be applied to a line.
    public enum Problem: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
        case unsupportedBaud(Int)
        case unsupportedDataBits(Int)
        case unsupportedStopBits(Int)

        public var description: String {
            switch self {
            case .unsupportedBaud(let baud):
                let rates = SerialSettings.standardBaudRates.map(String.init).joined(separator: ", ")
                return "baud rate \(baud) is not supported; use one of \(rates)"
            case .unsupportedDataBits(let bits):
                return "\(bits) data bits is not supported; use \(SerialSettings.dataBitsRange.lowerBound) to \(SerialSettings.dataBitsRange.upperBound)"
            case .unsupportedStopBits(let bits):
                return "\(bits) stop bits is not supported; use 1 or 2"
            }
        }
    }

    /// The standard rates a Linux tty can be set to, slowest first.
    public static let standardBaudRates: [Int] = [
        1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600,
        115_200, 230_400, 460_800, 500_000, 576_000, 921_600,
    ]
    /// Character sizes a tty supports.
    public static let dataBitsRange: ClosedRange<Int> = 5...8
    /// Stop bits a tty supports.
    public static let stopBitsRange: ClosedRange<Int> = 1...2

    /// 115200 baud, 8 data bits, no parity, 1 stop bit, no flow control.
    public static let `default` = SerialSettings()

    /// Bits per second; one of `standardBaudRates`.
    public var baud: Int
    /// Data bits per character, 5 to 8.
    public var dataBits: Int
    /// Parity bit.
    public var parity: Parity
    /// Stop bits, 1 or 2.
    public var stopBits: Int
    /// Flow control.
    public var flowControl: FlowControl

    public init(
        baud: Int = 115_200,
        dataBits: Int = 8,
        parity: Parity = .none,
        stopBits: Int = 1,
        flowControl: FlowControl = .none
    ) {
        self.baud = baud
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
    }

    /// The first reason these settings cannot be applied, or nil when they can.
    public var problem: Problem? {
        if !Self.standardBaudRates.contains(baud) { return .unsupportedBaud(baud) }
        if !Self.dataBitsRange.contains(dataBits) { return .unsupportedDataBits(dataBits) }
        if !Self.stopBitsRange.contains(stopBits) { return .unsupportedStopBits(stopBits) }
        return nil
    }

    /// Throws the first reason these settings cannot be applied.
    public func validate() throws(Problem) {
        if let problem { throw problem }
    }

    private enum CodingKeys: String, CodingKey {
        case baud, dataBits, parity, stopBits, flowControl
    }

    /// Decodes settings; absent keys take the `default` values and unsupported values are rejected.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let fallback = SerialSettings.default
        self.init(
            baud: try container.decodeIfPresent(Int.self, forKey: .baud) ?? fallback.baud,
            dataBits: try container.decodeIfPresent(Int.self, forKey: .dataBits) ?? fallback.dataBits,
            parity: try container.decodeIfPresent(Parity.self, forKey: .parity) ?? fallback.parity,
            stopBits: try container.decodeIfPresent(Int.self, forKey: .stopBits) ?? fallback.stopBits,
            flowControl: try container.decodeIfPresent(FlowControl.self, forKey: .flowControl) ?? fallback.flowControl
        )
        if let problem {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: problem.description)
            )
        }
    }
}

extension SerialSettings: CustomStringConvertible {
    /// The usual short form, e.g. `115200 8N1` or `9600 7E2 rts-cts`.
    public var description: String {
        let parityLetter: String
        switch parity {
        case .none: parityLetter = "N"
        case .even: parityLetter = "E"
        case .odd: parityLetter = "O"
        }
        let framing = "\(baud) \(dataBits)\(parityLetter)\(stopBits)"
        switch flowControl {
        case .none: return framing
        case .rtsCts, .xonXoff: return "\(framing) \(flowControl.rawValue)"
        }
    }
}
