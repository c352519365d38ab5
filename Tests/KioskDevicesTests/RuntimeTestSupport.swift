import Foundation
import KioskCore
import KioskDevices
import KioskEmulators
import Logging

/// A simulation of emulated devices on ptys, a registry and a running `DeviceHub` over them.
struct RuntimeBench: Sendable {
    let hub: DeviceHub
    let registry: DeviceRegistry
    let simulation: DeviceSimulation
    let folder: String

    static let logger = Logger(label: "kioskd.test.runtime", factory: { _ in SwiftLogNoOpLogHandler() })
    static let profiles = ProfileCatalogue.load(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../devices").standardized.path)

    /// The devices of `kioskd --simulate` that these families drive, and one whose profile is not installed.
    static let devices: [DeviceConfiguration] = [
        DeviceConfiguration(id: "id-reader", role: .idCardReader, profile: "idcard/generic-ga467", match: .emulated),
        DeviceConfiguration(id: "receipt-printer", role: .receiptPrinter, profile: "escpos/generic-80mm", match: .emulated),
        DeviceConfiguration(id: "qr-scanner", role: .qrScanner, profile: "qrscanner/generic-serial", match: .emulated),
        DeviceConfiguration(id: "spare", role: .a4Printer, profile: "nowhere/missing", match: .emulated),
    ]

    /// Starts the emulators and the hub, runs `body`, then stops the hub (which stops the devices) and the emulators.
    static func run(
        devices: [DeviceConfiguration] = devices, limit: Duration = .seconds(30),
        _ body: @escaping @Sendable (RuntimeBench) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-runtime-\(UUID().uuidString.prefix(8))").path
        let simulation = try await DeviceSimulation.start(devices: devices, profiles: profiles, folder: folder, logger: logger)
        let registry = DeviceRegistry(devices: devices, profiles: profiles, defaultOwner: "test-bureau")
        let hub = DeviceHub(
            devices: devices, profiles: profiles, registry: registry, factory: DeviceFactory(logger: logger),
            emulatedEndpoints: simulation.endpoints, logger: logger)
        let running = Task { try await hub.run() }
        let bench = RuntimeBench(hub: hub, registry: registry, simulation: simulation, folder: folder)
        let outcome: Result<Void, any Error>
        do {
            try await IDCardTestSupport.withDeadline(limit) { try await body(bench) }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        running.cancel()
        _ = await running.result
        await simulation.stop()
        try? FileManager.default.removeItem(atPath: folder)
        try outcome.get()
    }

    /// Waits until the hub's latest report of `id` satisfies `predicate`; fails with the last report after `timeout`.
    @discardableResult
    func report(
        of id: String, timeout: Duration = .seconds(10), _ predicate: @escaping @Sendable (ProbeReport) -> Bool
    ) async throws -> ProbeReport {
        let deadline = ContinuousClock.now + timeout
        while true {
            let report = await hub.reports[id]
            if let report, predicate(report) { return report }
            if ContinuousClock.now > deadline {
                throw RuntimeTestFailure("no matching report of \(id) within \(timeout); last: \(report.map { "\($0)" } ?? "none")")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A failure with words, for the runtime tests' helpers.
struct RuntimeTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
