/// Why a certificate could not be printed or the A4 printer queried, with what to do about it.
public enum CUPSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// cupsd does not answer (not running, wrong `CUPS_SERVER`).
    case serverUnavailable(server: String)
    /// The configured queue does not exist in cupsd.
    case queueMissing(queue: String)
    /// The queue rejects jobs (`cupsreject`); nothing was sent.
    case notAccepting(queue: String)
    /// The queue is stopped (`cupsdisable`, or CUPS stopped it after a backend error); nothing was sent.
    case queueStopped(queue: String, message: String)
    /// The printer reports a fault that stops printing (paper out, jam, cover open); nothing was sent.
    case printerFault(A4PrinterStatus.Fault, message: String)
    /// cupsd refused the job or the document.
    case submitFailed(queue: String, detail: String)
    /// The job ended without being printed (`aborted`, `canceled`, `stopped`).
    case jobFailed(jobID: Int32, state: A4JobState, reasons: [String], message: String)
    /// The job did not complete within the profile's `job_timeout`; it is left in the queue.
    case jobTimedOut(jobID: Int32, state: A4JobState, after: Duration)
    /// An IPP request other than the job failed.
    case requestFailed(operation: String, detail: String)
    /// The certificate could not be rendered; nothing was sent.
    case rendering(CertificateError)

    /// A stable name for scripts and the API.
    public var code: String {
        switch self {
        case .serverUnavailable: "serverUnavailable"
        case .queueMissing: "queueMissing"
        case .notAccepting: "notAccepting"
        case .queueStopped: "queueStopped"
        case .printerFault(let fault, _): "printerFault.\(fault.rawValue)"
        case .submitFailed: "submitFailed"
        case .jobFailed(_, let state, _, _): "jobFailed.\(state)"
        case .jobTimedOut: "jobTimedOut"
        case .requestFailed: "requestFailed"
        case .rendering: "rendering"
        }
    }

    public var description: String {
        switch self {
        case .serverUnavailable(let server):
            "cupsd does not answer at \(server) — start it (`systemctl start cups`)"
        case .queueMissing(let queue):
            "no CUPS queue \"\(queue)\" — add it with lpadmin or fix the device's `cups: {queue: …}`"
        case .notAccepting(let queue):
            "CUPS queue \(queue) rejects jobs — `cupsaccept \(queue)` (or the enable-queue recovery step)"
        case .queueStopped(let queue, let message):
            "CUPS queue \(queue) is stopped\(message.isEmpty ? "" : " (\(message))") — clear the printer's fault, then `cupsenable \(queue)` (or the enable-queue recovery step)"
        case .printerFault(let fault, let message):
            "the A4 printer reports \(fault.rawValue)\(message.isEmpty ? "" : " (\(message))") — \(fault.action)"
        case .submitFailed(let queue, let detail):
            "CUPS refused the job on \(queue): \(detail)"
        case .jobFailed(let jobID, let state, let reasons, let message):
            "job \(jobID) ended \(state) (\(([message] + reasons).filter { !$0.isEmpty }.joined(separator: ", "))) — check the printer and the queue's error log"
        case .jobTimedOut(let jobID, let state, let after):
            "job \(jobID) is still \(state) after \(after) — the printer may be off or out of paper; the job stays queued"
        case .requestFailed(let operation, let detail):
            "IPP \(operation) failed: \(detail)"
        case .rendering(let error):
            "the certificate could not be rendered: \(error)"
        }
    }
}
