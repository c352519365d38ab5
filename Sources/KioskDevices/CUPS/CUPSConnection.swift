import CCups
import Dispatch
import Foundation

/// One connection to cupsd (`httpConnect2` to `cupsServer()`: `CUPS_SERVER`, a socket path or a host),
/// with the IPP requests kioskd needs. Blocking libcups calls run on the connection's own serial queue.
public final class CUPSConnection: @unchecked Sendable {
    private let http: OpaquePointer
    private let queue = DispatchQueue(label: "kioskd.cups")
    /// The server as libcups resolved it, for messages.
    public let server: String

    private init(http: OpaquePointer, server: String) {
        self.http = http
        self.server = server
    }

    deinit {
        httpClose(http)
    }

    /// Connects to cupsd, waiting at most `timeout`.
    public static func connect(timeout: Duration = .seconds(5)) async throws(CUPSError) -> CUPSConnection {
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let result: Result<CUPSConnection, CUPSError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let server = String(cString: cupsServer())
                guard let http = httpConnect2(server, ippPort(), nil, AF_UNSPEC, cupsEncryption(), 1, milliseconds, nil) else {
                    continuation.resume(returning: .failure(.serverUnavailable(server: server)))
                    return
                }
                httpSetTimeout(http, Double(milliseconds) / 1000, nil, nil)
                continuation.resume(returning: .success(CUPSConnection(http: http, server: server)))
            }
        }
        return try result.get()
    }

    /// Runs `body` with the connection on its queue.
    private func run<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws(CUPSError) -> T) async throws(CUPSError) -> T {
        let http = HTTPHandle(pointer: http)
        let result: Result<T, CUPSError> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(CUPSError) { continuation.resume(returning: .success(try body(http.pointer))) } catch { continuation.resume(returning: .failure(error)) }
            }
        }
        return try result.get()
    }

    static func printerURI(_ queue: String) -> String { "ipp://localhost/printers/\(queue)" }

    /// The queue's state: Get-Printer-Attributes.
    public func printerStatus(queue: String) async throws(CUPSError) -> A4PrinterStatus {
        let server = server
        return try await run { http throws(CUPSError) -> A4PrinterStatus in
            let request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Self.printerURI(queue))
            Self.requestAttributes(request, ["printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs", "queued-job-count"])
            guard let response = cupsDoRequest(http, request, "/") else {
                throw Self.failure(operation: "Get-Printer-Attributes", queue: queue, server: server)
            }
            defer { ippDelete(response) }
            let status = ippGetStatusCode(response)
            if status == IPP_STATUS_ERROR_NOT_FOUND { throw .queueMissing(queue: queue) }
            guard status.rawValue < 0x0400 else { throw .requestFailed(operation: "Get-Printer-Attributes", detail: Self.lastError()) }
            let state = A4PrinterStatus.State(rawValue: Self.integer(response, "printer-state") ?? 3) ?? .idle
            let reasons = Self.strings(response, "printer-state-reasons")
            return A4PrinterStatus(
                state: state,
                reasons: reasons.isEmpty ? ["none"] : reasons,
                message: Self.strings(response, "printer-state-message").first ?? "",
                acceptingJobs: Self.boolean(response, "printer-is-accepting-jobs") ?? true,
                queuedJobs: Int(Self.integer(response, "queued-job-count") ?? 0)
            )
        }
    }

    /// Creates a job and sends `pdf` as its one document: Create-Job, Send-Document. Returns the job id.
    public func submit(pdf: [UInt8], queue: String, title: String, options: [String: String] = [:]) async throws(CUPSError) -> Int32 {
        let server = server
        return try await run { http throws(CUPSError) -> Int32 in
            var optionCount: Int32 = 0
            var cupsOptions: UnsafeMutablePointer<cups_option_t>?
            for (name, value) in options.sorted(by: { $0.key < $1.key }) {
                optionCount = cupsAddOption(name, value, optionCount, &cupsOptions)
            }
            defer { cupsFreeOptions(optionCount, cupsOptions) }
            let jobID = cupsCreateJob(http, queue, title, optionCount, cupsOptions)
            guard jobID > 0 else {
                if cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND { throw .queueMissing(queue: queue) }
                if cupsLastError() == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS { throw .notAccepting(queue: queue) }
                throw Self.failure(operation: "Create-Job", queue: queue, server: server)
            }
            guard cupsStartDocument(http, queue, jobID, Self.documentName(title), "application/pdf", 1) == HTTP_STATUS_CONTINUE else {
                throw .submitFailed(queue: queue, detail: "Send-Document: \(Self.lastError())")
            }
            var offset = 0
            while offset < pdf.count {
                let chunk = min(65536, pdf.count - offset)
                let status = pdf.withUnsafeBytes { bytes in
                    cupsWriteRequestData(http, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self), chunk)
                }
                guard status == HTTP_STATUS_CONTINUE else {
                    _ = cupsFinishDocument(http, queue)
                    throw .submitFailed(queue: queue, detail: "writing the document: \(Self.lastError())")
                }
                offset += chunk
            }
            let finished = cupsFinishDocument(http, queue)
            guard finished.rawValue < 0x0400 else { throw .submitFailed(queue: queue, detail: "Send-Document: \(Self.lastError())") }
            return jobID
        }
    }

    /// The document-name for a job title: whitespace and control characters become `_`. Debian 12's cupsd
    /// (2.4.2-3+deb12u10) loops writing past its buffer and dies with SIGSEGV when a document-name holds a space.
    static func documentName(_ title: String) -> String {
        let name = String(title.unicodeScalars.map { scalar -> Character in
            scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F ? "_" : Character(scalar)
        })
        return name.isEmpty ? "document" : name
    }

    /// A job's state, reasons and message: Get-Job-Attributes.
    public func jobStatus(queue: String, jobID: Int32) async throws(CUPSError) -> (state: A4JobState, reasons: [String], message: String) {
        let server = server
        return try await run { http throws(CUPSError) -> (state: A4JobState, reasons: [String], message: String) in
            let request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Self.printerURI(queue))
            ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", jobID)
            Self.requestAttributes(request, ["job-state", "job-state-reasons", "job-printer-state-message"])
            guard let response = cupsDoRequest(http, request, "/") else {
                throw Self.failure(operation: "Get-Job-Attributes", queue: queue, server: server)
            }
            defer { ippDelete(response) }
            guard ippGetStatusCode(response).rawValue < 0x0400 else { throw .requestFailed(operation: "Get-Job-Attributes", detail: Self.lastError()) }
            let state = A4JobState(rawValue: Self.integer(response, "job-state") ?? 3) ?? .pending
            return (state, Self.strings(response, "job-state-reasons"), Self.strings(response, "job-printer-state-message").first ?? "")
        }
    }

    /// Resume-Printer then CUPS-Accept-Jobs: what `cupsenable` and `cupsaccept` do.
    public func enable(queue: String) async throws(CUPSError) {
        let server = server
        try await run { http throws(CUPSError) in
            for (operation, name) in [(IPP_OP_RESUME_PRINTER, "Resume-Printer"), (IPP_OP_CUPS_ACCEPT_JOBS, "CUPS-Accept-Jobs")] {
                let request = ippNewRequest(operation)
                ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Self.printerURI(queue))
                ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
                guard let response = cupsDoRequest(http, request, "/admin/") else {
                    throw Self.failure(operation: name, queue: queue, server: server)
                }
                let status = ippGetStatusCode(response)
                ippDelete(response)
                if status == IPP_STATUS_ERROR_NOT_FOUND { throw .queueMissing(queue: queue) }
                guard status.rawValue < 0x0400 else { throw .requestFailed(operation: name, detail: Self.lastError()) }
            }
        }
    }

    private static func requestAttributes(_ request: OpaquePointer?, _ names: [String]) {
        let pointers = names.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        var values = pointers.map { UnsafePointer($0) }
        ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", Int32(names.count), nil, &values)
    }

    private static func integer(_ response: OpaquePointer?, _ name: String) -> Int32? {
        guard let attribute = ippFindAttribute(response, name, IPP_TAG_ZERO) else { return nil }
        return ippGetInteger(attribute, 0)
    }

    private static func boolean(_ response: OpaquePointer?, _ name: String) -> Bool? {
        guard let attribute = ippFindAttribute(response, name, IPP_TAG_BOOLEAN) else { return nil }
        return ippGetBoolean(attribute, 0) != 0
    }

    private static func strings(_ response: OpaquePointer?, _ name: String) -> [String] {
        guard let attribute = ippFindAttribute(response, name, IPP_TAG_ZERO) else { return [] }
        return (0..<ippGetCount(attribute)).compactMap { index in ippGetString(attribute, index, nil).map { String(cString: $0) } }
    }

    private static func lastError() -> String {
        cupsLastErrorString().map { String(cString: $0) } ?? "unknown error"
    }

    /// The error for a request that got no response at all.
    private static func failure(operation: String, queue: String, server: String) -> CUPSError {
        switch cupsLastError() {
        case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE, IPP_STATUS_ERROR_INTERNAL: .serverUnavailable(server: server)
        case IPP_STATUS_ERROR_NOT_FOUND: .queueMissing(queue: queue)
        default: .requestFailed(operation: operation, detail: lastError())
        }
    }
}

/// libcups's `http_t`, used only on the connection's serial queue.
private struct HTTPHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
