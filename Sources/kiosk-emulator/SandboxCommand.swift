import ArgumentParser
import Foundation
import KioskCore
import KioskEmulators

/// `kiosk-emulator sandbox`: the four department backends with synthetic citizens, on one loopback port.
///
/// Prints `ready <port>` and each department's base URL once listening; runs until SIGINT or SIGTERM.
/// Faults and payments are driven over HTTP under `/sandbox/…` (docs/departments.md).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve sandbox department backends (hrss, mi, nr, hpf) with synthetic data.",
        discussion: "Base URLs: http://HOST:PORT/{hrss,mi,nr,hpf}/v1. Test controls under /sandbox/ (see docs/departments.md)."
    )

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8700
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "Seconds before a created payment becomes paid by itself (0: only through POST /sandbox/payments/ID/pay).")
    var paymentDelay = 5.0

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard paymentDelay >= 0 else { throw ValidationError("--payment-delay must not be negative") }
    }

    func run() async throws {
        let delay: Duration? = paymentDelay > 0 ? .milliseconds(Int(paymentDelay * 1000)) : nil
        let server = SandboxServer(state: SandboxState(paymentDelay: delay))
        let host = host
        do {
            try await server.run(host: host, port: port) { bound in
                var lines = ["ready \(bound)"]
                for department in Department.allCases {
                    lines.append("\(department.rawValue) \(SandboxServer.baseURL(for: department, host: host, port: bound))")
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("kiosk-emulator sandbox: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
