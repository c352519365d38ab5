import ArgumentParser
import Foundation
import KioskCore
import KioskDevices
import KioskTransport
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `kiosk-bench receipt`: a 40-line Chinese receipt with a QR code and a cut, printed by kioskd's
/// driver with a status check before and after, against `kiosk-emulator printer` on a pty:
/// (a) paced at 115200 baud, elapsed time over wire time; (b) unpaced, against python-escpos 3.1
/// printing the same receipt without any check (bench/receipt_escpos.py), and python-escpos's
/// `paper_status()` beside one kioskd status round trip.
struct ReceiptBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "A 40-line Chinese receipt with QR and cut, status-checked (paced and against python-escpos).",
        subcommands: [Measure.self, USBPrint.self],
        defaultSubcommand: Measure.self
    )

    static let baud = 115_200
    static let goalPacedRatio = 1.05
    static let goalPythonRatio = 1.0
    static let goalStatusShare = 0.01

    /// The receipt: a title, 40 lines of a real-estate certificate query (synthetic data), a QR code, a cut.
    static var receipt: Receipt {
        var receipt = Receipt([
            .text("不动产登记信息查询结果", style: TextStyle(size: .double, bold: true, alignment: .center)),
            .text("城市政务服务自助终端 07 号", style: TextStyle(alignment: .center)),
            .separator("-"),
        ])
        let fields = ["业务编号", "查询时间", "不动产单元号", "坐落", "权利类型", "权利性质", "用途", "面积", "使用期限", "登记机构"]
        for line in 1...40 {
            let field = fields[(line - 1) % fields.count]
            receipt.append(.text("\(field)：示例数据第\(line)行 2024-06-\(String(format: "%02d", line % 28 + 1)) 合格"))
        }
        receipt.append(.separator("-"))
        receipt.append(.qrCode(QRCode("https://zwfw.example.gov.cn/verify?no=BDC2024060100001234&k=7Q2KX9", moduleSize: 6, errorCorrection: .medium)))
        receipt.append(.text("请妥善保管本凭条", style: TextStyle(alignment: .center)))
        receipt.append(.cut(.feedToCutter))
        return receipt
    }

    static var executableFolder: URL {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }
}

extension ReceiptBenchmark {
    /// The measurement (the default subcommand).
    struct Measure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "measure", abstract: "Run the receipt benchmark.")

        @Option(help: "Prints per measurement.") var runs = 10
        @Option(help: "python-escpos paper_status() calls (each waits for its serial timeout).") var statusRuns = 2
        @Option(help: "The Python with python-escpos 3.1 (scripts/install-deps makes .venv).") var python = ".venv/bin/python"
        @Flag(help: "Skip the python-escpos comparison.") var skipPython = false

        func validate() throws {
            guard runs >= 1, statusRuns >= 1 else { throw ValidationError("--runs and --status-runs must be at least 1") }
        }

        func run() async throws {
            // The checkout above the executable, or the working folder (for a build with --scratch-path elsewhere).
            let root = (try? HotplugBenchmark.repositoryRoot()) ?? FileManager.default.currentDirectoryPath
            let emulatorPath = ReceiptBenchmark.executableFolder.appendingPathComponent("kiosk-emulator").path
            guard FileManager.default.isExecutableFile(atPath: emulatorPath) else {
                throw ValidationError("\(emulatorPath) is missing: build it (swift build --product kiosk-emulator, same configuration)")
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-receipt-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let link = folder.appendingPathComponent("printer").path
            #if DEBUG
            let build = "debug"
            #else
            let build = "release"
            #endif
            let encoded = try ESCPOSConfiguration().encoder.encode(ReceiptBenchmark.receipt)
            print("receipt: 40-line Chinese receipt with a QR code and a cut, \(encoded.bytes.count) bytes (\(build) build), \(runs) runs each")
            let encodeStart = ContinuousClock.now
            for _ in 0..<runs { _ = try ESCPOSConfiguration().encoder.encode(ReceiptBenchmark.receipt) }
            row("encode", seconds(ContinuousClock.now - encodeStart) / Double(runs) * 1e3, "ms", "Receipt to ESC/POS bytes (GB18030 through iconv), part of each print")

            // (a) paced at 115200 baud
            let paced = try await EmulatorProcess.start(emulatorPath, link: link, paced: true)
            let pacedTimes = try await Self.kioskdPrints(link: link, runs: runs)
            await paced.stop()
            let sentBytes = ESCPOSCommand.fullStatusRequest.count * 2 + encoded.bytes.count + ESCPOSCommand.transmitPaperStatus.count
            let wire = Double(sentBytes * 10) / Double(ReceiptBenchmark.baud)
            let pacedMedian = median(pacedTimes)
            row("paced-print", pacedMedian * 1e3, "ms", "kioskd print with status before and after, emulator paced at 115200 baud (median)")
            row("paced-wire", wire * 1e3, "ms", "wire time of the \(sentBytes) bytes kioskd sends (10 bits a byte)")
            goal("paced time / wire time", pacedMedian / wire, ReceiptBenchmark.goalPacedRatio)

            // (b) unpaced: kioskd against python-escpos
            let unpaced = try await EmulatorProcess.start(emulatorPath, link: link, paced: false)
            defer { Task { await unpaced.stop() } }
            let kioskdTimes = try await Self.kioskdPrints(link: link, runs: runs)
            let statusTimes = try await Self.kioskdStatus(link: link, runs: runs)
            let kioskdMedian = median(kioskdTimes)
            let statusMedian = median(statusTimes)
            row("kioskd-print", kioskdMedian * 1e3, "ms", "kioskd print with status before and after, unpaced (median)")
            row("kioskd-status", statusMedian * 1e3, "ms", "kioskd status(): DLE EOT 1-4 round trip (median)")
            guard !skipPython else { await unpaced.stop(); return }

            let receiptFile = folder.appendingPathComponent("receipt.json")
            try ReceiptBenchmark.receipt.benchmarkJSON().write(to: receiptFile)
            let python = python.hasPrefix("/") ? python : root + "/" + python
            let result = try Self.runPython(
                python, [root + "/bench/receipt_escpos.py", "--pty", link, "--receipt", receiptFile.path,
                         "--runs", "\(runs)", "--status-runs", "\(statusRuns)", "--baud", "\(ReceiptBenchmark.baud)"])
            await unpaced.stop()
            let pythonMedian = median(result.printSeconds)
            let paperStatusMedian = median(result.paperStatusSeconds)
            row("escpos-print", pythonMedian * 1e3, "ms", "python-escpos 3.1 print of the same receipt, no status check (median)")
            row("escpos-status", paperStatusMedian * 1e3, "ms", "python-escpos paper_status() (median; waits for its serial timeout, \(result.timeout) s)")
            goal("kioskd print / python-escpos print", kioskdMedian / pythonMedian, ReceiptBenchmark.goalPythonRatio)
            goal("kioskd status / python-escpos paper_status", statusMedian / paperStatusMedian, ReceiptBenchmark.goalStatusShare)
        }

        static func open(_ link: String) async throws -> ESCPOSPrinter {
            let settings = SerialSettings(baud: ReceiptBenchmark.baud, dataBits: 8, parity: .none, stopBits: 1, flowControl: .none)
            return try await ESCPOSPrinter.open(
                serial: SerialPort(path: link, settings: settings), deviceID: "bench-printer", configuration: ESCPOSConfiguration(),
                logger: Logger(label: "kiosk-bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        }

        /// Seconds per `print`, after one warm-up print.
        static func kioskdPrints(link: String, runs: Int) async throws -> [Double] {
            let printer = try await open(link)
            let receipt = ReceiptBenchmark.receipt
            try await printer.print(receipt)
            var times: [Double] = []
            for _ in 0..<runs {
                let start = ContinuousClock.now
                try await printer.print(receipt)
                times.append(seconds(ContinuousClock.now - start))
            }
            await printer.close()
            return times
        }

        /// Seconds per `status()`, after one warm-up.
        static func kioskdStatus(link: String, runs: Int) async throws -> [Double] {
            let printer = try await open(link)
            _ = try await printer.status()
            var times: [Double] = []
            for _ in 0..<runs {
                let start = ContinuousClock.now
                _ = try await printer.status()
                times.append(seconds(ContinuousClock.now - start))
            }
            await printer.close()
            return times
        }

        struct PythonResult: Decodable {
            var printSeconds: [Double]
            var paperStatusSeconds: [Double]
            var paperStatus: Int
            var timeout: Double

            enum CodingKeys: String, CodingKey {
                case printSeconds = "print_s"
                case paperStatusSeconds = "paper_status_s"
                case paperStatus = "paper_status"
                case timeout
            }
        }

        static func runPython(_ python: String, _ arguments: [String]) throws -> PythonResult {
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw ValidationError("\(python) is missing: run scripts/install-deps (it installs python-escpos 3.1 into .venv)")
            }
            let output = try HotplugBenchmark.runToEnd(python, arguments, limit: .seconds(120))
            guard output.status == 0, let line = output.lines.last,
                  let result = try? JSONDecoder().decode(PythonResult.self, from: Data(line.utf8))
            else {
                throw ValidationError("bench/receipt_escpos.py ended with status \(output.status): \(output.lines.suffix(5).joined(separator: "\n"))")
            }
            return result
        }
    }
}

/// `kiosk-emulator printer` run as a child for the benchmark.
private struct EmulatorProcess {
    let process: Process

    static func start(_ path: String, link: String, paced: Bool) async throws -> EmulatorProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["printer", "--pty", link] + (paced ? ["--paced", "--baud", "\(ReceiptBenchmark.baud)"] : [])
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = Pipe()
        try process.run()
        // "ready <slave>" once the link exists.
        let line = await Task.detached { output.fileHandleForReading.availableData }.value
        guard String(decoding: line, as: UTF8.self).hasPrefix("ready") else {
            process.terminate()
            throw ValidationError("kiosk-emulator printer did not start: \(String(decoding: line, as: UTF8.self))")
        }
        return EmulatorProcess(process: process)
    }

    func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        await Task.detached { process.waitUntilExit() }.value
    }
}

extension Receipt {
    /// The receipt for bench/receipt_escpos.py: one JSON object per element.
    func benchmarkJSON() throws -> Data {
        let columns = PaperWidth.mm80.columns
        let elements: [[String: Any]] = elements.map { element in
            switch element {
            case .text(let text, let style):
                ["text": text, "bold": style.bold, "width": style.size.width, "height": style.size.height,
                 "align": ["left", "center", "right"][Int(style.alignment.rawValue)]]
            case .separator(let character):
                ["separator": String(character), "columns": columns]
            case .qrCode(let code):
                ["qr": String(decoding: code.payload, as: UTF8.self), "size": code.moduleSize,
                 "ec": ["L", "M", "Q", "H"][Int(code.errorCorrection.rawValue & 0x03)]]
            case .feed(let lines):
                ["feed": lines]
            case .cut:
                ["cut": true]
            }
        }
        return try JSONSerialization.data(withJSONObject: ["elements": elements])
    }
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

private func row(_ name: String, _ value: Double, _ unit: String, _ what: String) {
    BenchTable.row(name, value, decimals: 3, unit, what)
}

private func goal(_ what: String, _ value: Double, _ goal: Double) {
    print(String(format: "GOAL %@: %@ = %.4f, goal ≤ %.2f", value <= goal ? "MET" : "MISSED", what, value, goal))
    fflush(nil)
}

extension ReceiptBenchmark {
    /// `kiosk-bench receipt usb-print --vendor 0416 --product 5011`: prints one small receipt through
    /// kioskd's driver over USB and prints one JSON line (`printed` or `error`). The ESC/POS replay
    /// test runs it under `umockdev-run` (umockdev works by LD_PRELOAD, so libusb must run in a child).
    struct USBPrint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "usb-print",
            abstract: "Print one receipt on a USB printer through kioskd's driver (for the umockdev replay test).",
            shouldDisplay: false
        )

        /// The receipt, whose bytes Tests/Helpers/escpos/generate.py writes from the ESC/POS reference.
        static let receipt = Receipt([
            .text("缴费成功", style: TextStyle(size: .double, bold: true, alignment: .center)),
            .text("Kiosk 07"),
            .separator("-"),
            .qrCode(QRCode("https://zw.example.gov.cn/r/7Q2K", moduleSize: 6, errorCorrection: .medium)),
            .cut(.feedToCutter),
        ])

        @Option(help: "Vendor id in hex.") var vendor: String
        @Option(help: "Product id in hex.") var product: String
        @Option(help: "Serial number.") var serial: String?
        @Option(help: "Interface number.") var interface = 0
        @Option(name: .customLong("out-endpoint"), help: "Bulk OUT endpoint in hex.") var outEndpoint = "01"
        @Option(name: .customLong("in-endpoint"), help: "Bulk IN endpoint in hex (none: the printer cannot answer).") var inEndpoint = "82"
        @Option(name: .customLong("timeout-ms"), help: "Status and confirmation timeout.") var timeoutMilliseconds = 2000
        @Flag(help: "Print the job's bytes in hex instead of printing.") var dump = false

        func run() async throws {
            let configuration = ESCPOSConfiguration(
                timing: .init(statusTimeout: .milliseconds(timeoutMilliseconds), completionTimeout: .milliseconds(timeoutMilliseconds)))
            if dump {
                let bytes = try configuration.encoder.encode(Self.receipt).bytes
                print(bytes.map { String(format: "%02X", $0) }.joined())
                return
            }
            guard let vendor = UInt16(vendor, radix: 16), let product = UInt16(product, radix: 16),
                  let outEndpoint = UInt8(outEndpoint, radix: 16)
            else { throw ValidationError("--vendor, --product and --out-endpoint are hex numbers") }
            let endpoints = USBEndpoints(interface: interface, endpointOut: outEndpoint, endpointIn: inEndpoint == "none" ? nil : UInt8(inEndpoint, radix: 16))
            do {
                let context = try USBContext()
                let printer = try await ESCPOSPrinter.open(
                    usb: context, selector: USBDeviceSelector(vendor: vendor, product: product, serialNumber: serial), endpoints: endpoints,
                    deviceID: "receipt-printer", configuration: configuration,
                    logger: Logger(label: "kiosk-bench", factory: { _ in SwiftLogNoOpLogHandler() }))
                let result: Result<PrintReport, PrinterError>
                do {
                    result = .success(try await printer.print(Self.receipt))
                } catch {
                    result = .failure(error)
                }
                await printer.close()
                switch result {
                case .success(let report):
                    emit([
                        "event": "printed", "bytes": report.bytesSent, "status": report.status.description,
                        "port": report.portStatus.map { String(format: "%02X", $0.rawValue) } ?? "none",
                    ])
                case .failure(let error):
                    fail(error.code, error.description)
                }
            } catch let error as PrinterError {
                fail(error.code, error.description)
            } catch {
                fail("usb", "\(error)")
            }
        }

        private func fail(_ code: String, _ message: String) -> Never {
            emit(["event": "error", "error": code, "message": message])
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(1)
        }

        private func emit(_ object: [String: Any]) {
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                print(String(decoding: data, as: UTF8.self))
                fflush(nil)
            }
        }
    }
}
