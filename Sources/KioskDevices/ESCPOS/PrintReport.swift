import KioskTransport

/// What printing a receipt did.
public struct PrintReport: Sendable, Equatable {
    /// The printer's status once the job was done (paper near end shows here).
    public var status: PrinterStatus
    /// Characters printed as the replacement marker (see `ReceiptEncoder`).
    public var replacedCharacters: Int
    /// Bytes of the job.
    public var bytesSent: Int
    /// Paper the receipt used, estimated.
    public var paperMillimetres: Double
    /// The USB GET_PORT_STATUS before the job, where the printer has one (a second opinion; many
    /// printers answer a constant).
    public var portStatus: PrinterPortStatus?

    public init(status: PrinterStatus, replacedCharacters: Int, bytesSent: Int, paperMillimetres: Double, portStatus: PrinterPortStatus?) {
        self.status = status
        self.replacedCharacters = replacedCharacters
        self.bytesSent = bytesSent
        self.paperMillimetres = paperMillimetres
        self.portStatus = portStatus
    }
}
