import Foundation
import KioskCore
import KioskDevices
import KioskEmulators
import KioskTransport
import Testing

/// The device runtime against the real emulators on ptys: the real termios, SwiftNIO and driver code runs.
@Suite("Device runtime: DeviceHub with emulated devices")
struct RuntimeDeviceHubTests {
    @Test("at start every emulated device is probed: the reader with its SAM id, the printer with its status")
    func startsOnline() async throws {
        try await RuntimeBench.run { bench in
            let reader = try await bench.report(of: "id-reader") { $0.state == .online }
            #expect(reader.fault == nil)
            #expect(reader.detail.hasPrefix("SAM ready, id "))
            #expect(reader.facts["samID"]?.isEmpty == false)

            let printer = try await bench.report(of: "receipt-printer") { $0.state == .online }
            #expect(printer.detail == "DLE EOT: online")
            #expect(printer.facts["status"] == "online")
            #expect(printer.facts["paperWidth"] == "80 mm")

            let scanner = try await bench.report(of: "qr-scanner") { $0.state == .online }
            #expect(scanner.facts["endpoint"] == "serial port \(bench.folder)/qr-scanner.tty")

            let statuses = await bench.registry.statuses
            #expect(statuses.first { $0.id == "id-reader" }?.state == .online)
            #expect(statuses.first { $0.id == "receipt-printer" }?.detail == "DLE EOT: online")
        }
    }

    @Test("a device kioskd cannot drive reports offline with the reason, never online")
    func placeholder() async throws {
        try await RuntimeBench.run { bench in
            let report = try await bench.report(of: "spare") { _ in true }
            #expect(report.state == .offline)
            #expect(report.detail == "profile nowhere/missing is not installed; check devices/ in the share folder")
            #expect(await bench.registry.status(of: "spare")?.state == .offline)
            #expect(await bench.hub.recoverySteps("spare") == [])
        }
        let placeholder = PlaceholderDevice(id: "future")
        #expect(await placeholder.probe(level: .internal).state == .offline)
        #expect(await placeholder.probe(level: .internal).detail == "driver not available yet")
    }

    @Test("paper out: the probe reports userError with printer.paper-out and the registry follows; paper back: online")
    func paperOut() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "receipt-printer") { $0.state == .online }
            _ = try await bench.simulation.updateCondition(on: "receipt-printer") { $0.paper = .out }

            let out = await bench.hub.probe("receipt-printer", level: .internal)
            #expect(out.state == .userError)
            #expect(out.fault == .printerPaperOut)
            #expect(await bench.registry.status(of: "receipt-printer")?.state == .userError)
            #expect(await bench.hub.reports["receipt-printer"] == out)

            _ = try await bench.simulation.updateCondition(on: "receipt-printer") { $0.paper = .nearEnd }
            let nearEnd = await bench.hub.probe("receipt-printer")
            #expect(nearEnd.state == .online)
            #expect(nearEnd.fault == .printerPaperNearEnd)
        }
    }

    @Test("cover open is userError with printer.cover-open")
    func coverOpen() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "receipt-printer") { $0.state == .online }
            _ = try await bench.simulation.updateCondition(on: "receipt-printer") { $0.coverOpen = true }
            let report = await bench.hub.probe("receipt-printer")
            #expect(report.state == .userError)
            #expect(report.fault == .printerCoverOpen)
        }
    }

    @Test("a failing SAM is hardwareError with idcard.sam-failure")
    func samFailure() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "id-reader") { $0.state == .online }
            guard case .idCard(let emulator) = bench.simulation.emulators["id-reader"] else {
                throw RuntimeTestFailure("no ID-card emulator")
            }
            emulator.setSAMFailure(.selfTestFailed)
            let report = await bench.hub.probe("id-reader")
            #expect(report.state == .hardwareError)
            #expect(report.fault == .idCardSAMFailure)
            emulator.setSAMFailure(nil)
            #expect(await bench.hub.probe("id-reader").state == .online)
        }
    }

    @Test("an emulator gone: the printer is noDevice with device.missing, and a reopen fails saying why")
    func unplugged() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "receipt-printer") { $0.state == .online }
            guard case .printer(let emulator) = bench.simulation.emulators["receipt-printer"] else {
                throw RuntimeTestFailure("no printer emulator")
            }
            await emulator.stop()
            let report = await bench.hub.probe("receipt-printer")
            #expect(report.state == .noDevice)
            #expect(report.fault == .deviceMissing)
            let attempt = await bench.hub.recover("receipt-printer", .reopen)
            #expect(!attempt.succeeded)
            #expect(attempt.detail.contains("does not exist"))
        }
    }

    @Test("recovery: the reader's SAM is reset and the printer reopened")
    func recovery() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "id-reader") { $0.state == .online }
            try await bench.report(of: "receipt-printer") { $0.state == .online }
            #expect(await bench.hub.recoverySteps("id-reader") == [.deviceReset, .reopen])
            #expect(await bench.hub.recover("id-reader", .deviceReset).succeeded)
            #expect(await bench.hub.recover("receipt-printer", .reopen).succeeded)
            #expect(await bench.hub.probe("receipt-printer").state == .online)
            #expect(await bench.hub.recover("receipt-printer", .enableQueue).succeeded == false)
        }
    }

    @Test("the workflows get the drivers: the reader reads a presented card, the printer prints, the scanner scans")
    func drivers() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "id-reader") { $0.state == .online }
            try bench.simulation.present(card: "li", on: "id-reader")
            let reader = try await bench.hub.idCardReader()
            let holder = try await reader.read()
            #expect(holder.maskedName == "李*例")
            #expect(holder.validTo == .longTerm)

            let printer = try await bench.hub.receiptPrinter(.id("receipt-printer"))
            try await printer.print(Receipt([.text("凭条"), .qrCode(QRCode("https://zw.example.gov.cn/r/1")), .cut()]))
            let receipts = try await bench.simulation.transcript(of: "receipt-printer").receipts
            #expect(receipts.last?.text == "凭条")
            #expect(receipts.last?.qrCodes == ["https://zw.example.gov.cn/r/1"])
            #expect(receipts.last?.cut == true)

            try await bench.report(of: "qr-scanner") { $0.state == .online }  // its first probe has let go of the port
            let codes = try await bench.hub.qrScanner().codes()
            try await Task.sleep(for: .milliseconds(100))  // the port is open and reading before the scan
            try await bench.simulation.scan("KIOSK-TEST-0001", on: "qr-scanner")
            var iterator = codes.makeAsyncIterator()
            #expect(try await iterator.next()?.text == "KIOSK-TEST-0001")
        }
    }

    @Test("unavailable drivers come with the reason: not configured, not drivable, wrong family, no such role")
    func unavailable() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "receipt-printer") { $0.state == .online }
            try await bench.report(of: "spare") { _ in true }
            await #expect(throws: DeviceUnavailable.notConfigured(id: "nowhere")) {
                _ = try await bench.hub.receiptPrinter(.id("nowhere"))
            }
            await #expect(throws: DeviceUnavailable.notOpen(
                id: "spare", detail: "profile nowhere/missing is not installed; check devices/ in the share folder")) {
                _ = try await bench.hub.idCardReader(.id("spare"))
            }
            await #expect(throws: DeviceUnavailable.wrongDriver(id: "receipt-printer", driver: .escpos, wanted: "an ID-card reader")) {
                _ = try await bench.hub.idCardReader(.id("receipt-printer"))
            }
            await #expect(throws: DeviceUnavailable.noDevice(role: .touchDisplay)) {
                _ = try await bench.hub.qrScanner(.role(.touchDisplay))
            }
        }
    }

    @Test("hot-plug: a serial device bound by udev starts and is probed at once; unbound, it stops and is noDevice")
    func hotplug() async throws {
        // Given a scanner emulator under a link, and a configuration that matches that link as a serial path.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-hotplug-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = folder + "/scanner.tty"
        let emulator = try await QRScannerEmulator.start(link: link)
        let devices = [DeviceConfiguration(id: "qr-scanner", role: .qrScanner, profile: "qrscanner/generic-serial", match: .serial(path: link))]
        let registry = DeviceRegistry(devices: devices, profiles: RuntimeBench.profiles, defaultOwner: "test-bureau")
        let hub = DeviceHub(
            devices: devices, profiles: RuntimeBench.profiles, registry: registry,
            factory: DeviceFactory(logger: RuntimeBench.logger), logger: RuntimeBench.logger)
        let running = Task { try await hub.run() }
        let simulation = try await DeviceSimulation.start(devices: [], profiles: RuntimeBench.profiles, folder: folder, logger: RuntimeBench.logger)
        let bench = RuntimeBench(hub: hub, registry: registry, simulation: simulation, folder: folder)
        let tty = SystemDevice(
            syspath: "/devices/virtual/tty/ttyKIOSK0", subsystem: "tty", devnode: "/dev/ttyKIOSK0", properties: ["DEVLINKS": link])
        let outcome: Result<Void, any Error>
        do {
            try await IDCardTestSupport.withDeadline(.seconds(20)) {
                #expect(await hub.endpoint(of: "qr-scanner") == nil)

                // When udev shows the tty, then the hub starts the scanner at the configured link and probes it.
                await registry.apply(snapshot: [tty])
                let online = try await bench.report(of: "qr-scanner") { $0.state == .online }
                #expect(online.facts["endpoint"] == "serial port \(link)")
                #expect(await hub.endpoint(of: "qr-scanner") == .serial(path: link))

                // When it is removed, then the hub stops it and reports it missing.
                await registry.handle(SystemDeviceEvent(action: .remove, device: tty))
                let gone = try await bench.report(of: "qr-scanner") { $0.state == .noDevice }
                #expect(gone.fault == .deviceMissing)
                #expect(await hub.endpoint(of: "qr-scanner") == nil)
                #expect(await hub.probe("qr-scanner").state == .noDevice)
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        running.cancel()
        _ = await running.result
        await emulator.close()
        try outcome.get()
    }
}

@Suite("Device runtime: endpoints from bindings")
struct RuntimeDeviceEndpointTests {
    static let printer = SystemDevice(
        syspath: "/devices/pci0000:00/usb1/1-1.4", subsystem: "usb", devtype: "usb_device", devnode: "/dev/bus/usb/001/002",
        properties: ["ID_VENDOR_ID": "0416", "ID_MODEL_ID": "5011", "ID_SERIAL_SHORT": "PRN001"],
        attributes: ["idVendor": "0416", "idProduct": "5011", "serial": "PRN001"])

    @Test("a USB match gives a selector by ids and serial, narrowed to the port it is bound at")
    func usb() {
        let configuration = DeviceConfiguration(
            id: "receipt-printer", role: .receiptPrinter, profile: "escpos/pos80-0416-5011",
            match: .usb(vendor: 0x0416, product: 0x5011, serial: "PRN001", port: nil))
        let endpoint = DeviceEndpoint.bound(
            configuration, profile: RuntimeBench.profiles.profiles["escpos/pos80-0416-5011"], binding: DeviceBinding(device: Self.printer))
        #expect(endpoint == .usb(USBDeviceSelector(vendor: 0x0416, product: 0x5011, serialNumber: "PRN001", portPath: "1-1.4")))
    }

    @Test("a serial match keeps the configured link, not the node it points at today")
    func serial() {
        let configuration = DeviceConfiguration(
            id: "id-reader", role: .idCardReader, profile: "idcard/generic-ga467", match: .serial(path: "/dev/serial/by-id/usb-reader-if00"))
        let tty = SystemDevice(syspath: "/devices/usb1/1-1.2/ttyUSB0", subsystem: "tty", devnode: "/dev/ttyUSB0")
        let endpoint = DeviceEndpoint.bound(configuration, profile: RuntimeBench.profiles.profiles["idcard/generic-ga467"], binding: DeviceBinding(device: tty))
        #expect(endpoint == .serial(path: "/dev/serial/by-id/usb-reader-if00"))
    }

    @Test("PC/SC and CUPS devices are reached by name, without udev")
    func unbound() {
        let reader = DeviceConfiguration(id: "ssc-reader", role: .socialSecurityCardReader, profile: "pcsc/generic-ccid", match: .pcsc(reader: "ACS"))
        #expect(DeviceEndpoint.unbound(reader) == .pcsc(reader: "ACS"))
        let emulated = DeviceConfiguration(id: "a4", role: .a4Printer, profile: "cups/generic-a4", match: .emulated)
        #expect(DeviceEndpoint.unbound(emulated) == nil)
    }
}
