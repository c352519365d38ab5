import KioskDevices

/// What the emulated printer's sensors say; tests and the CLI change it.
public struct PrinterCondition: Sendable, Equatable {
    /// The paper roll sensors.
    public enum Paper: String, Sendable, Equatable, CaseIterable {
        case ok
        case nearEnd = "near-end"
        case out
    }

    public var paper: Paper
    public var coverOpen: Bool
    /// Switched offline (as by a panel button or a host that never sent data), with no other cause.
    public var offline: Bool
    public var cutterError: Bool
    /// The paper runs out after this many more printed lines (fed lines count); nil: it does not.
    public var paperRunsOutAfterLines: Int?

    public init(paper: Paper = .ok, coverOpen: Bool = false, offline: Bool = false, cutterError: Bool = false, paperRunsOutAfterLines: Int? = nil) {
        self.paper = paper
        self.coverOpen = coverOpen
        self.offline = offline
        self.cutterError = cutterError
        self.paperRunsOutAfterLines = paperRunsOutAfterLines
    }

    /// Whether the printer prints: not when out of paper, open, offline or after a cutter error.
    /// It still answers real-time requests.
    public var printing: Bool {
        paper != .out && !coverOpen && !offline && !cutterError
    }

    // MARK: The bytes a printer in this condition sends (Epson ESC/POS reference), written out here
    // rather than taken from kioskd's decoder so that the tests check one against the other.

    /// The answer to `DLE EOT n`.
    public func statusByte(_ request: StatusRequest) -> UInt8 {
        var byte: UInt8 = 0x12
        switch request {
        case .printer:
            if !printing { byte |= 0x08 }
            if cutterError { byte |= 0x20 }
        case .offlineCause:
            if coverOpen { byte |= 0x04 }
            if paper == .out { byte |= 0x20 }
            if cutterError { byte |= 0x40 }
        case .errorCause:
            if cutterError { byte |= 0x08 }
        case .paperRoll:
            if paper != .ok { byte |= 0x0C }
            if paper == .out { byte |= 0x60 }
        }
        return byte
    }

    /// The automatic status back block (`GS a`).
    public var automaticStatusBlock: [UInt8] {
        var first: UInt8 = 0x10
        if !printing { first |= 0x08 }
        if coverOpen { first |= 0x20 }
        let second: UInt8 = cutterError ? 0x08 : 0x00
        var third: UInt8 = 0x00
        if paper != .ok { third |= 0x03 }
        if paper == .out { third |= 0x0C }
        return [first, second, third, 0x00]
    }

    /// The answer to `GS r 1`: bits 0-1 near end, bits 2-3 end.
    public var paperSensorByte: UInt8 {
        switch paper {
        case .ok: 0x00
        case .nearEnd: 0x03
        case .out: 0x0F
        }
    }
}
