import Foundation
import KioskCore
@testable import KioskDevices
import Logging
import Testing

/// The A4 printer against a private cupsd with a cups-pdf queue (scripts/test-services.d/cupsd.sh).
@Suite("A4 certificates through cupsd and cups-pdf", .serialized)
struct CUPSPrinterTests {
    static let logger = Logger(label: "kioskd.test.cups", factory: { _ in SwiftLogNoOpLogHandler() })

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The queue and output folder; fails (never skips) when cupsd.sh did not run.
    static func environment() throws -> (queue: String, pdfFolder: String) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["CUPS_SERVER"] != nil, let queue = environment["KIOSK_TEST_CUPS_QUEUE"], let folder = environment["KIOSK_TEST_CUPS_PDF_DIR"] else {
            throw Failure(description: "CUPS_SERVER / KIOSK_TEST_CUPS_QUEUE / KIOSK_TEST_CUPS_PDF_DIR are not set: run `source scripts/test-services.d/cupsd.sh` (scripts/run-tests does)")
        }
        return (queue, folder)
    }

    @Test("a certificate is printed, the job followed to completion, and cups-pdf's PDF has the name and code as text")
    func printCertificate() async throws {
        let (queue, folder) = try Self.environment()
        let reference = "T\(UInt32.random(in: 100_000...999_999))"
        let printer = A4Printer(configuration: A4PrinterConfiguration(queue: queue, jobTimeout: .seconds(30)), logger: Self.logger)
        let report = try await printer.print(CertificateRenderingTests.sample(), reference: reference)
        #expect(report.state == .completed)
        #expect(report.pages == 1)
        // cups-pdf names the file after the job title (kind and reference, never the holder).
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.contains(reference) })
        defer { try? FileManager.default.removeItem(atPath: folder + "/" + file) }
        #expect(!file.contains("欧阳"))
        let text = try await CertificateRenderingTests.pdftotext(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))))
        #expect(text.contains("欧阳喆"))
        #expect(text.contains("KV7Q-2M9X-83HD"))
        #expect(text.contains("缴存证明"))
    }

    @Test("a stopped queue and a rejecting queue are faults; printing is refused; enable-queue recovers")
    func stoppedAndRejecting() async throws {
        let (queue, _) = try Self.environment()
        let device = A4PrinterDevice(id: "a4-printer", configuration: A4PrinterConfiguration(queue: queue), logger: Self.logger)
        #expect(await device.probe(level: .internal).state == .online)

        try await Self.command("/usr/sbin/cupsdisable", ["-r", "test: printer switched off", queue])
        let stopped = await device.probe(level: .internal)
        #expect(stopped.fault == .a4QueueStopped)
        #expect(stopped.state == .offline)
        await #expect(throws: CUPSError.queueStopped(queue: queue, message: "test: printer switched off")) {
            _ = try await device.printer.print(CertificateRenderingTests.sample(), reference: "refused")
        }

        try await Self.command("/usr/sbin/cupsreject", [queue])
        let both = await device.probe(level: .internal)
        #expect(both.facts["accepting"] == "no")
        #expect(both.fault == .a4QueueStopped)

        #expect(device.recoverySteps == [.enableQueue])
        #expect(await device.recover(.enableQueue).succeeded)
        let recovered = await device.probe(level: .internal)
        #expect(recovered.state == .online && recovered.fault == nil)

        try await Self.command("/usr/sbin/cupsreject", [queue])
        #expect(await device.probe(level: .internal).fault == .a4NotAccepting)
        #expect(await device.recover(.enableQueue).succeeded)
        #expect(await device.probe(level: .internal).fault == nil)
    }

    @Test("document names carry no whitespace or control characters (Debian 12's cupsd dies on a space)")
    func documentNames() {
        #expect(CUPSConnection.documentName("deposit-certificate T123456") == "deposit-certificate_T123456")
        #expect(CUPSConnection.documentName("缴存证明\t\nA\u{3000}B\u{7F}") == "缴存证明__A_B_")
        #expect(CUPSConnection.documentName("") == "document")
    }

    @Test("a queue that does not exist is a missing device")
    func missingQueue() async throws {
        _ = try Self.environment()
        let device = A4PrinterDevice(id: "a4-printer", configuration: A4PrinterConfiguration(queue: "no-such-queue"), logger: Self.logger)
        let report = await device.probe(level: .internal)
        #expect(report.state == .noDevice && report.fault == .deviceMissing)
    }

    @Test("printer-state-reasons map onto a4.* faults", arguments: [
        (["media-empty-error"], FaultCode.a4MediaEmpty, DeviceState.userError),
        (["media-jam-error"], .a4MediaJam, .userError),
        (["cover-open-report", "toner-low-report"], .a4CoverOpen, .userError),
        (["toner-low-report"], .a4TonerLow, .online),
        (["offline-report"], .a4Offline, .offline),
    ])
    func reasons(reasons: [String], fault: FaultCode, state: DeviceState) {
        let report = A4PrinterStatus(state: .idle, reasons: reasons).report(deviceID: "a4", queue: "q")
        #expect(report.fault == fault)
        #expect(report.state == state)
    }

    @Test("a printer that stays processing with reasons none but says it is gone is offline")
    func messageOnly() {
        let status = A4PrinterStatus(state: .processing, reasons: ["none"], message: "Waiting for printer to become available.", queuedJobs: 4)
        let report = status.report(deviceID: "a4", queue: "q")
        #expect(report.fault == .a4Offline)
        #expect(report.facts["queued-jobs"] == "4")
    }

    static func command(_ path: String, _ arguments: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        try process.run()
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning {
            if ContinuousClock.now > deadline { process.terminate(); throw Failure(description: "\(path) hung") }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard process.terminationStatus == 0 else { throw Failure(description: "\(path) \(arguments) exited \(process.terminationStatus)") }
    }
}
