import Logging

/// kioskd's A4 printer: renders certificates to PDF, submits them to a CUPS queue through libcups,
/// follows each job to completion over IPP, and reads the queue's health.
///
/// ```swift
/// let printer = A4Printer(configuration: A4PrinterConfiguration(queue: "a4"), logger: logger)
/// let report = try await printer.print(certificate, reference: "C-20261201-0007")   // A4PrintReport
/// let status = try await printer.status()                                            // A4PrinterStatus
/// ```
public actor A4Printer {
    public nonisolated let configuration: A4PrinterConfiguration
    public nonisolated let renderer: CertificateRenderer
    private let logger: Logger
    private var connection: CUPSConnection?

    public init(configuration: A4PrinterConfiguration, renderer: CertificateRenderer = CertificateRenderer(), logger: Logger) {
        self.configuration = configuration
        self.renderer = renderer
        self.logger = logger
    }

    /// The queue's state now.
    public func status() async throws(CUPSError) -> A4PrinterStatus {
        try await withConnection { connection throws(CUPSError) in try await connection.printerStatus(queue: self.configuration.queue) }
    }

    /// Re-enables a stopped queue and makes it accept jobs (Resume-Printer, CUPS-Accept-Jobs).
    public func enableQueue() async throws(CUPSError) {
        try await withConnection { connection throws(CUPSError) in try await connection.enable(queue: self.configuration.queue) }
        logger.notice("A4 queue re-enabled", metadata: ["queue": "\(configuration.queue)"])
    }

    /// Prints `certificate` and waits until CUPS says the job completed.
    ///
    /// Refuses before sending when the queue is stopped, rejects jobs or the printer shows a fault
    /// that blocks printing. `reference` becomes the job title (with the kind): never the holder's name.
    public func print(_ certificate: Certificate, reference: String) async throws(CUPSError) -> A4PrintReport {
        let rendered: RenderedCertificate
        do { rendered = try renderer.render(certificate) } catch { throw .rendering(error) }
        let status = try await status()
        if let fault = status.faults.first(where: \.blocksPrinting) {
            switch fault {
            case .queueStopped: throw .queueStopped(queue: configuration.queue, message: status.message)
            case .notAccepting: throw .notAccepting(queue: configuration.queue)
            default: throw .printerFault(fault, message: status.message)
            }
        }
        let title = "\(certificate.kind.rawValue) \(reference)"
        let started = ContinuousClock.now
        let jobID = try await withConnection { connection throws(CUPSError) in
            try await connection.submit(pdf: rendered.pdf, queue: self.configuration.queue, title: title, options: ["media": self.configuration.media])
        }
        logger.info("certificate submitted", metadata: ["queue": "\(configuration.queue)", "job": "\(jobID)", "kind": "\(certificate.kind.rawValue)", "pages": "\(rendered.pages)", "bytes": "\(rendered.pdf.count)"])
        let state = try await follow(jobID: jobID, started: started)
        return A4PrintReport(jobID: jobID, pages: rendered.pages, bytes: rendered.pdf.count, state: state, duration: ContinuousClock.now - started)
    }

    /// Polls the job until it is final or `jobTimeout` passes.
    private func follow(jobID: Int32, started: ContinuousClock.Instant) async throws(CUPSError) -> A4JobState {
        let deadline = started + configuration.jobTimeout
        while true {
            let job = try await withConnection { connection throws(CUPSError) in try await connection.jobStatus(queue: self.configuration.queue, jobID: jobID) }
            switch job.state {
            case .completed:
                logger.info("certificate printed", metadata: ["queue": "\(configuration.queue)", "job": "\(jobID)"])
                return .completed
            case .canceled, .aborted, .stopped:
                logger.warning("certificate job failed", metadata: ["queue": "\(configuration.queue)", "job": "\(jobID)", "state": "\(job.state)", "reasons": "\(job.reasons.joined(separator: ","))"])
                throw .jobFailed(jobID: jobID, state: job.state, reasons: job.reasons, message: job.message)
            case .pending, .held, .processing:
                // A queue stopped while the job waits: the job would sit there until someone re-enables it.
                if job.state == .pending, let status = try? await status(), status.state == .stopped {
                    throw .queueStopped(queue: configuration.queue, message: status.message)
                }
                if ContinuousClock.now >= deadline { throw .jobTimedOut(jobID: jobID, state: job.state, after: configuration.jobTimeout) }
                try? await Task.sleep(for: configuration.pollInterval)
            }
        }
    }

    /// Runs `body` on the connection, connecting (again) when needed; a dropped connection is retried once.
    private func withConnection<T: Sendable>(_ body: @Sendable (CUPSConnection) async throws(CUPSError) -> T) async throws(CUPSError) -> T {
        for attempt in 0..<2 {
            let active: CUPSConnection
            if let connection { active = connection } else {
                active = try await CUPSConnection.connect(timeout: configuration.requestTimeout)
                connection = active
            }
            do {
                return try await body(active)
            } catch {
                guard attempt == 0, case .serverUnavailable = error else { throw error }
                connection = nil
            }
        }
        throw .serverUnavailable(server: connection?.server ?? "cupsd")
    }
}
