/// One ISO 7816-4 command APDU (short form): header, optional data, optional Le.
public struct CommandAPDU: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var cla: UInt8
    public var ins: UInt8
    public var p1: UInt8
    public var p2: UInt8
    /// Command data (Lc is its length); at most 255 bytes.
    public var data: [UInt8]
    /// Expected response length; nil sends no Le, 0 means "up to 256".
    public var le: UInt8?

    public init(cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], le: UInt8? = nil) {
        precondition(data.count <= 255, "a short APDU carries at most 255 data bytes")
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.le = le
    }

    /// The bytes on the wire: `CLA INS P1 P2 [Lc data] [Le]`.
    public var bytes: [UInt8] {
        var bytes = [cla, ins, p1, p2]
        if !data.isEmpty {
            bytes.append(UInt8(data.count))
            bytes += data
        }
        if let le { bytes.append(le) }
        return bytes
    }

    /// The same command with another Le (after `6Cxx`).
    public func with(le: UInt8) -> CommandAPDU {
        var copy = self
        copy.le = le
        return copy
    }

    /// The header as hex (`00 A4 04 00`): data is left out, so a description never carries card data.
    public var description: String {
        CardHex.string([cla, ins, p1, p2]) + (data.isEmpty ? "" : " +\(data.count) bytes") + (le.map { " Le=\($0)" } ?? "")
    }
}
