/// The bit layouts of status replies (shared PROTOCOLS.md §2; Epson ESC/POS reference `DLE EOT`,
/// `GS a`, `GS r`), declared once.
extension PrinterStatus {
    /// The full status from the four `DLE EOT` replies, in request order 1, 2, 3, 4.
    public init(printer: UInt8, offlineCause: UInt8, errorCause: UInt8, paperRoll: UInt8) {
        self.init()
        apply(printer, answering: .printer)
        apply(offlineCause, answering: .offlineCause)
        apply(errorCause, answering: .errorCause)
        apply(paperRoll, answering: .paperRoll)
    }

    /// Sets the fields that the reply to `DLE EOT request` carries.
    public mutating func apply(_ reply: UInt8, answering request: StatusRequest) {
        func bit(_ number: UInt8) -> Bool { reply & (1 << number) != 0 }
        switch request {
        case .printer:
            online = !bit(3)
            waitingForRecovery = bit(5)
            feedButton = bit(6)
        case .offlineCause:
            coverOpen = bit(2)
            feedButton = feedButton || bit(3)
            paperEnd = paperEnd || bit(5)
        case .errorCause:
            cutterError = bit(3)
            unrecoverableError = bit(5)
            autoRecoverableError = bit(6)
        case .paperRoll:
            paperNearEnd = reply & 0x0C != 0
            paperEnd = paperEnd || reply & 0x60 != 0
        }
    }

    /// The status an automatic status back block (`GS a`) reports.
    public init(automaticStatus block: AutomaticStatusBlock) {
        self.init()
        online = block.first & 0x08 == 0
        coverOpen = block.first & 0x20 != 0
        feedButton = block.first & 0x40 != 0
        cutterError = block.second & 0x08 != 0
        unrecoverableError = block.second & 0x20 != 0
        autoRecoverableError = block.second & 0x40 != 0
        paperNearEnd = block.third & 0x03 != 0
        paperEnd = block.third & 0x0C != 0
    }

    /// This status with the paper sensor bits of a `GS r 1` reply (0x03 near end, 0x0C end).
    public func updating(paperSensor reply: UInt8) -> PrinterStatus {
        var status = self
        status.paperNearEnd = reply & 0x03 != 0
        status.paperEnd = reply & 0x0C != 0
        return status
    }
}

/// The four bytes of an automatic status back (`GS a n`), sent by the printer on every change.
public struct AutomaticStatusBlock: Sendable, Equatable, Hashable {
    /// b3 offline, b5 cover open, b6 feed button; bit 4 set, bits 0, 1, 7 clear.
    public var first: UInt8
    /// b3 autocutter error, b5 unrecoverable, b6 auto-recoverable; bits 4 and 7 clear.
    public var second: UInt8
    /// b0-1 paper near end, b2-3 paper end; bits 4 and 7 clear.
    public var third: UInt8
    /// Reserved; bits 4 and 7 clear.
    public var fourth: UInt8

    public init(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) {
        self.first = first
        self.second = second
        self.third = third
        self.fourth = fourth
    }

    public var bytes: [UInt8] { [first, second, third, fourth] }
}
