import KioskCore

/// A scanner driver's settings, from its profile's `parameters`.
public struct QRScannerOptions: Sendable, Equatable {
    /// The most bytes (serial) or characters (keyboard mode) a code may have: `max_length`.
    public var maxLength: Int
    /// What ends a code on a serial line: `terminator`.
    public var terminator: QRScannerTerminator
    /// Whether keyboard mode takes the input device exclusively (EVIOCGRAB), so the browser never sees the keys: `grab`.
    public var grab: Bool
    /// How long part of a code may wait for the rest before it is dropped (serial).
    public var partialCodeTimeout: Duration

    public init(
        maxLength: Int = 2048,
        terminator: QRScannerTerminator = .crlf,
        grab: Bool = true,
        partialCodeTimeout: Duration = .seconds(2)
    ) {
        self.maxLength = maxLength
        self.terminator = terminator
        self.grab = grab
        self.partialCodeTimeout = partialCodeTimeout
    }

    /// The options a profile's parameters give; absent parameters keep their defaults.
    public init(parameters: [String: ProfileParameter]) throws(QRScannerError) {
        self.init()
        if let value = parameters["max_length"] {
            guard let length = value.integerValue, length > 0 else {
                throw .invalidParameter(name: "max_length", reason: "expected a positive number of bytes, found \(value)")
            }
            maxLength = length
        }
        if let value = parameters["terminator"] {
            guard case .text(let name) = value, let terminator = QRScannerTerminator(rawValue: name.lowercased()) else {
                throw .invalidParameter(name: "terminator", reason: "expected cr, lf or crlf, found \(value)")
            }
            self.terminator = terminator
        }
        if let value = parameters["grab"] {
            guard let grab = value.booleanValue else {
                throw .invalidParameter(name: "grab", reason: "expected true or false, found \(value)")
            }
            self.grab = grab
        }
    }
}
