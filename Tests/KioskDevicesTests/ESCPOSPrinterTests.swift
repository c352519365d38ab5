import Foundation
import KioskCore
import KioskStore
import KioskTransport
import Testing
@testable import KioskDevices
@testable import KioskEmulators

#if canImport(Glibc)
import Glibc
#endif

/// kioskd's ESC/POS driver against the emulated printer over real pseudo-terminals (termios,
/// SwiftNIO and the reply decoder all run as in production).
@Suite("ESC/POS printer driver", .timeLimit(.minutes(1)))
struct ESCPOSPrinterTests {
    @Test("a receipt is printed: its text, QR payload and cut are in the transcript")
    func printsReceipt() async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            // When
            let report = try await printer.print(ESCPOSTestSupport.receipt(lines: 2))

            // Then
            let transcript = await emulator.transcript
            #expect(transcript.lines == ["凭条测试", "第1行：示例", "第2行：示例", String(repeating: "-", count: 48)])
            #expect(transcript.entries.contains(.line(.init(text: "凭条测试", bold: true, size: .double, alignment: .center))))
            #expect(transcript.qrPayloads == ["https://zw.example.gov.cn/r/7Q2K"])
            #expect(transcript.cuts == 1)
            #expect(report.status == PrinterStatus())
            #expect(report.replacedCharacters == 0)
        }
    }

    @Test("a rare name character is printed as 〓 and reported")
    func replacementReported() async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            // When
            let report = try await printer.print(Receipt([.text("王𠀀")]))

            // Then
            #expect(report.replacedCharacters == 1)
            #expect(await emulator.transcript.lines == ["王〓"])
        }
    }

    @Test("paper out before the job: refused with .paperOut and nothing printed, even once paper is back")
    func paperOutRefused() async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            // Given
            await emulator.set(.paper(.out))

            // When
            let error = await ESCPOSTestSupport.error { try await printer.print(ESCPOSTestSupport.receipt()) }

            // Then
            #expect(error == .paperOut(paperWidth: .mm80))
            #expect(error?.description == "receipt paper out — replace the 80 mm roll")
            await emulator.set(.paper(.ok))
            #expect(await emulator.transcript.entries.isEmpty)
        }
    }

    @Test("paper running out mid-job is reported as .interrupted(.paperEnd), not lost silently")
    func paperRunsOutMidJob() async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            // Given: paper for the title and two lines only
            await emulator.set(.paperRunsOut(afterLines: 3))

            // When
            let error = await ESCPOSTestSupport.error { try await printer.print(ESCPOSTestSupport.receipt(lines: 10)) }

            // Then
            #expect(error == .interrupted(.paperEnd))
            let transcript = await emulator.transcript
            #expect(transcript.lines.count == 3)
            #expect(transcript.cuts == 0)
        }
    }

    @Test("cover open: refused with .coverOpen; offline: .offline; cutter error: .cutterError", arguments: [
        (PrinterEmulator.Change.coverOpen(true), PrinterError.coverOpen),
        (.offline(true), .offline),
        (.cutterError(true), .cutterError),
    ] as [(PrinterEmulator.Change, PrinterError)])
    func refusals(change: PrinterEmulator.Change, expected: PrinterError) async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            // Given
            await emulator.set(change)

            // When
            let error = await ESCPOSTestSupport.error { try await printer.print(ESCPOSTestSupport.receipt()) }

            // Then
            #expect(error == expected)
            #expect(await emulator.transcript.entries.isEmpty)
        }
    }

    @Test("paper near end prints and says so in the report")
    func nearEnd() async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            // Given
            await emulator.set(.paper(.nearEnd))

            // When
            let report = try await printer.print(ESCPOSTestSupport.receipt())

            // Then
            #expect(report.status == PrinterStatus(paperNearEnd: true))
            #expect(await emulator.transcript.cuts == 1)
        }
    }

    @Test("DLE EOT 4 inside a QR payload makes the printer answer mid-job; the status after the job is still right")
    func strayStatusInPayload() async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            // Given: paper near end, so the stray answer (0x1E) would read as "offline" if taken for DLE EOT 1
            await emulator.set(.paper(.nearEnd))
            let payload: [UInt8] = Array("ID:".utf8) + [0x10, 0x04, 0x04] + Array("END".utf8)

            // When
            let report = try await printer.print(Receipt([.qrCode(QRCode(payload: payload)), .cut()]))

            // Then
            #expect(report.status == PrinterStatus(paperNearEnd: true))
            #expect(await emulator.transcript.entries.contains(.qrCode(payload: payload, moduleSize: 6, errorCorrection: 0x31)))
        }
    }

    @Test("status() reports what the printer says", arguments: [
        (PrinterEmulator.Change.paper(.out), PrinterStatus(online: false, paperNearEnd: true, paperEnd: true)),
        (.coverOpen(true), PrinterStatus(online: false, coverOpen: true)),
        (.cutterError(true), PrinterStatus(online: false, cutterError: true, waitingForRecovery: true)),
        (.paper(.nearEnd), PrinterStatus(paperNearEnd: true)),
    ] as [(PrinterEmulator.Change, PrinterStatus)])
    func status(change: PrinterEmulator.Change, expected: PrinterStatus) async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            await emulator.set(change)
            let status = try await printer.status()
            #expect(status == expected)
        }
    }

    @Test("the printer unplugged (emulator gone): print and status fail with .disconnected")
    func unplugged() async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            // Given
            await emulator.stop()

            // When
            let printError = await ESCPOSTestSupport.error { try await printer.print(ESCPOSTestSupport.receipt()) }
            let statusError = await ESCPOSTestSupport.error { try await printer.status() }

            // Then
            #expect(printError?.code == "disconnected")
            #expect(statusError?.code == "disconnected")
        }
    }

    @Test("a printer that never answers: .noAnswer after the status timeout")
    func noAnswer() async throws {
        // Given: a pty nobody answers on
        var master: CInt = -1
        var slave: CInt = -1
        var name = [CChar](repeating: 0, count: 128)
        try #require(openpty(&master, &slave, &name, nil, nil) == 0)
        defer {
            close(master)
            close(slave)
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let printer = try await ESCPOSTestSupport.open(path)

        // When
        let error = await ESCPOSTestSupport.error { try await printer.status() }

        // Then
        #expect(error == .noAnswer(device: "on serial port \(path)", after: .seconds(1)))
        #expect(ESCPOSHealthProbe(printer: printer).configurationState(for: error) == .offline)
        await printer.close()
    }

    @Test("counters are persisted in the store: receipts, cuts, paper fed, errors")
    func counters() async throws {
        try await ESCPOSTestSupport.withTemporaryFolder { folder in
            // Given
            let store = try KioskStore(directory: folder + "/state")
            let receipt = ESCPOSTestSupport.receipt()
            let paper = try ESCPOSTestSupport.configuration.encoder.encode(receipt).paperMillimetres

            // When: two receipts printed, one refused
            try await ESCPOSTestSupport.withPrinter(counters: store) { emulator, printer in
                try await printer.print(receipt)
                try await printer.print(receipt)
                await emulator.set(.coverOpen(true))
                _ = await ESCPOSTestSupport.error { try await printer.print(receipt) }
            }

            // Then: read back from the database
            let counters = try await KioskStore(directory: folder + "/state").counters(of: "receipt-printer")
            #expect(counters["receipts"] == 2)
            #expect(counters["cuts"] == 2)
            #expect(counters["errors"] == 1)
            #expect(counters["paper_fed_mm"] == 2 * Int64(paper.rounded()))
        }
    }

    @Test("with automatic status back on, the printer's own reports are kept")
    func automaticStatusBack() async throws {
        var configuration = ESCPOSTestSupport.configuration
        configuration.automaticStatusBack = true
        try await ESCPOSTestSupport.withPrinter(configuration: configuration) { emulator, printer in
            // Given: GS a has been processed once a status request sent after it is answered (its
            // real-time answer may still come before the first block: the printer answers on receipt)
            _ = try await printer.status()

            // When
            await emulator.set(.coverOpen(true))
            let status = try await printer.status()

            // Then
            #expect(status.coverOpen)
            let latest = await printer.latestAutomaticStatus
            #expect(latest == PrinterStatus(online: false, coverOpen: true))
        }
    }

    @Test("paced at 115200 baud, a print takes at least the wire time of its bytes")
    func paced() async throws {
        try await ESCPOSTestSupport.withPrinter(paced: true) { _, printer in
            // Given
            let receipt = ESCPOSTestSupport.receipt(lines: 30)
            let bytes = try ESCPOSTestSupport.configuration.encoder.encode(receipt).bytes.count + 27

            // When
            let start = ContinuousClock.now
            try await printer.print(receipt)
            let elapsed = ContinuousClock.now - start

            // Then
            #expect(elapsed >= .nanoseconds(Int64(bytes) * 10 * 1_000_000_000 / 115_200))
        }
    }
}

/// The health probe against the emulator.
@Suite("ESC/POS health probe", .timeLimit(.minutes(1)))
struct ESCPOSHealthProbeTests {
    @Test("paper end and cover open are userError, cutter error hardwareError, near end online", arguments: [
        (PrinterEmulator.Change.paper(.out), DeviceState.userError, "receipt paper out — replace the 80 mm roll"),
        (.coverOpen(true), .userError, "receipt printer cover open — close the cover (check the roll sits right)"),
        (.cutterError(true), .hardwareError, PrinterError.cutterError.description),
        (.offline(true), .offline, PrinterError.offline.description),
        (.paper(.nearEnd), .online, "paper near end — have a 80 mm roll ready"),
        (.paper(.ok), .online, "ready"),
    ] as [(PrinterEmulator.Change, DeviceState, String)])
    func states(change: PrinterEmulator.Change, state: DeviceState, detail: String) async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            await emulator.set(change)
            let health = await ESCPOSHealthProbe(printer: printer).probe()
            #expect(health == ESCPOSHealthProbe.Health(state: state, detail: detail))
        }
    }

    @Test("a printer gone is noDevice")
    func gone() async throws {
        try await ESCPOSTestSupport.withPrinter { emulator, printer in
            await emulator.stop()
            #expect(await ESCPOSHealthProbe(printer: printer).probe().state == .noDevice)
        }
    }
}

extension ESCPOSHealthProbe {
    /// The state a failed status request maps to.
    func configurationState(for error: PrinterError?) -> DeviceState? {
        error.map { Self.health(of: $0).state }
    }
}
