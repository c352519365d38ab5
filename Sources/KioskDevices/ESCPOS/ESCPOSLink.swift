import KioskTransport

/// The transport under an `ESCPOSPrinter`: bytes out, decoded replies in. `SerialPrinterLink` and
/// `USBPrinterLink` are the real ones; tests may bring their own.
public protocol ESCPOSLink: Sendable {
    /// Names the printer in messages: "serial port /dev/ttyUSB0", "USB 0416:5011 at port 1-1.4 …".
    var device: String { get }
    /// Whether the printer can answer at all (false for a USB printer without a bulk IN endpoint).
    var answers: Bool { get }
    /// How long `count` bytes take on the wire (zero where the transport is not the bottleneck).
    func wireTime(forBytes count: Int) -> Duration
    /// Sends `bytes`.
    func send(_ bytes: [UInt8]) async throws(PrinterError)
    /// The next reply, or nil once `deadline` has passed without one.
    func receive(until deadline: ContinuousClock.Instant) async throws(PrinterError) -> PrinterReply?
    /// The replies that have already arrived, without waiting or any I/O.
    func takeArrived() async -> [PrinterReply]
    /// The USB printer-class port status, nil where the transport has none.
    func portStatus() async throws(PrinterError) -> PrinterPortStatus?
    /// Closes the transport; later calls fail with `.disconnected` or `.unavailable`.
    func close() async
}
