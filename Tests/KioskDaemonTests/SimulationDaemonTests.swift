import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `kioskd --simulate`: emulators on ptys under `<state-dir>/devices/`, the device runtime driving them,
/// and the simulation API changing what the emulated devices do.
@Suite("kioskd --simulate drives emulated devices", .serialized)
struct SimulationDaemonTests {
    @Test("the emulated reader, printer and scanner come online with probe details; paper out shows after a probe")
    func simulatedDevices() async throws {
        let folder = TemporaryFolder("kioskd-sim")
        defer { folder.cleanUp() }
        let daemon = try await SimulatedDaemon.start(folder: folder)

        // Given the daemon is ready, the three emulated devices it drives come online with what their probes read.
        let devices = try await daemon.waitForDevices { devices in
            ["id-reader", "receipt-printer", "qr-scanner"].allSatisfy { id in devices.first { $0.id == id }?.state == "online" }
        }
        let reader = try #require(devices.first { $0.id == "id-reader" })
        #expect(reader.detail.hasPrefix("SAM ready, id "), "id-reader: \(reader.detail)")
        #expect(try #require(devices.first { $0.id == "receipt-printer" }).detail == "DLE EOT: online")
        // And the emulators' links are where the README says.
        for id in ["id-reader", "receipt-printer", "qr-scanner"] {
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: daemon.state + "/devices/\(id).tty")
            #expect(target.hasPrefix("/dev/pts/"))
        }

        // When the printer runs out of paper and is probed, then it is userError with printer.paper-out.
        let condition = try await daemon.request(.PUT, "/api/v1/simulation/devices/receipt-printer/condition", body: #"{"paperOut": true}"#)
        #expect(condition.status == 200)
        #expect(condition.json?["paperOut"] as? Bool == true)
        #expect(condition.json?["coverOpen"] as? Bool == false)
        let probe = try await daemon.request(.POST, "/api/v1/devices/receipt-printer/probe")
        #expect(probe.status == 200)
        #expect(probe.json?["state"] as? String == "userError")
        #expect(probe.json?["fault"] as? String == "printer.paper-out")
        #expect(probe.json?["deviceID"] as? String == "receipt-printer")
        let printer = try await daemon.request(.GET, "/api/v1/devices/receipt-printer")
        #expect(printer.json?["state"] as? String == "userError")

        // And paper back in, the next probe finds it online again.
        _ = try await daemon.request(.PUT, "/api/v1/simulation/devices/receipt-printer/condition", body: #"{"paperOut": false}"#)
        let again = try await daemon.request(.POST, "/api/v1/devices/receipt-printer/probe")
        #expect(again.json?["state"] as? String == "online")

        // When a card is presented and lifted through the API, the emulator takes it; an unknown card is refused.
        #expect(try await daemon.request(.POST, "/api/v1/simulation/devices/id-reader/card", body: #"{"card": "zhang"}"#).status == 204)
        #expect(try await daemon.request(.DELETE, "/api/v1/simulation/devices/id-reader/card").status == 204)
        let unknownCard = try await daemon.request(.POST, "/api/v1/simulation/devices/id-reader/card", body: #"{"card": "nobody"}"#)
        #expect(unknownCard.status == 422)
        #expect(unknownCard.text.contains("zhang"))

        // And a scan goes to the scanner, not the printer; the transcript is empty before anything was printed.
        #expect(try await daemon.request(.POST, "/api/v1/simulation/devices/qr-scanner/scan", body: #"{"code": "DEMO-0001"}"#).status == 204)
        #expect(try await daemon.request(.POST, "/api/v1/simulation/devices/receipt-printer/scan", body: #"{"code": "x"}"#).status == 409)
        let transcript = try await daemon.request(.GET, "/api/v1/simulation/devices/receipt-printer/transcript")
        #expect(transcript.status == 200)
        #expect((transcript.json?["receipts"] as? [Any])?.isEmpty == true)
        #expect(try await daemon.request(.POST, "/api/v1/devices/nowhere/probe").status == 404)

        // When SIGTERM arrives, the daemon stops cleanly and the emulators remove their links.
        daemon.process.signal(SIGTERM)
        #expect(try await daemon.process.waitForExit(timeout: .seconds(15)) == 0, "stderr: \(daemon.process.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: daemon.state + "/devices/id-reader.tty")) == nil)
    }

    @Test("GET /api/v1/simulation/cards lists the sample ID cards by key with masked names, then e-vouchers and case numbers")
    func cards() async throws {
        let folder = TemporaryFolder("kioskd-sim-cards")
        defer { folder.cleanUp() }
        let daemon = try await SimulatedDaemon.start(folder: folder)
        let response = try await daemon.request(.GET, "/api/v1/simulation/cards")
        #expect(response.status == 200)
        let cards = try #require(response.json?["cards"] as? [[String: Any]])
        let idCards = cards.filter { $0["kind"] as? String == "id-card" }
        #expect(idCards.map { $0["id"] as? String } == ["zhang", "li", "wang", "ouyang", "zhao"])
        #expect(idCards.first?["name"] as? String == "张*试")
        #expect((idCards.first?["idNumber"] as? String)?.contains("**********") == true)
        #expect(idCards.allSatisfy { $0["code"] == nil })
        let vouchers = cards.filter { $0["kind"] as? String == "mi-qr" }
        #expect(vouchers.map { $0["id"] as? String } == ["zhang-mi-qr", "li-mi-qr", "ouyang-mi-qr"])
        #expect(vouchers.allSatisfy { ($0["code"] as? String)?.hasPrefix("MIQR1.") == true })
        let numbers = cards.filter { $0["kind"] as? String == "case-number" }.compactMap { $0["code"] as? String }
        #expect(numbers.contains("202611180031") && numbers.contains("9901202100012345"))
        #expect(cards.count == idCards.count + vouchers.count + numbers.count)
        daemon.process.signal(SIGTERM)
        #expect(try await daemon.process.waitForExit(timeout: .seconds(15)) == 0)
    }

    @Test("without --simulate the simulation routes are 404, and a probe of a missing device says device.missing")
    func notSimulating() async throws {
        let folder = TemporaryFolder("kioskd-nosim")
        defer { folder.cleanUp() }
        let configuration = try folder.writeConfiguration(
            id: "probe-test", devices: ["{id: id-reader, role: id-card-reader, profile: idcard/generic-ga467, match: {serial: /dev/ttyKIOSKNONE0}}"])
        let daemon = try await SimulatedDaemon.start(folder: folder, arguments: ["--config", configuration])
        let cards = try await daemon.request(.GET, "/api/v1/simulation/cards")
        #expect(cards.status == 404)
        #expect(cards.text.contains("--simulate"))
        let probe = try await daemon.request(.POST, "/api/v1/devices/id-reader/probe")
        #expect(probe.status == 200)
        #expect(probe.json?["state"] as? String == "noDevice")
        #expect(probe.json?["fault"] as? String == "device.missing")
        let badLevel = try await daemon.request(.POST, "/api/v1/devices/id-reader/probe?level=loud")
        #expect(badLevel.status == 400)
        daemon.process.signal(SIGTERM)
        #expect(try await daemon.process.waitForExit(timeout: .seconds(15)) == 0)
    }
}

/// A kioskd child process on a free port, ready.
struct SimulatedDaemon {
    let process: ChildProcess
    let port: String
    let state: String

    /// One device of `GET /api/v1/devices`.
    struct Device: Decodable {
        var id: String
        var state: String
        var detail: String
    }

    /// A response's status and body.
    struct Reply {
        var status: UInt
        var text: String
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        }
    }

    /// Starts kioskd (`--simulate` unless `arguments` say otherwise) and waits for READY=1.
    static func start(folder: TemporaryFolder, arguments: [String] = ["--simulate"], listen host: String = "127.0.0.1") async throws -> SimulatedDaemon {
        let listener = try NotifyListener(path: folder.path + "/notify.sock")
        let state = folder.path + "/state"
        let process = try ChildProcess(
            BuiltProducts.path("kioskd"),
            arguments + ["--state-dir", state, "--listen", "\(host):0"],
            environment: ["NOTIFY_SOCKET": listener.path],
            folder: folder.path
        )
        let messages: [String]
        do {
            messages = try await listener.waitUntil(timeout: .seconds(20), "READY=1") { $0.contains { $0.hasPrefix("READY=1") } }
        } catch {
            throw TestFailure("\(error); stderr:\n\(process.stderr)")
        }
        let ready = messages.first { $0.hasPrefix("READY=1") } ?? ""
        guard let port = ready.split(separator: "\(host):").last.map({ String($0.prefix { $0.isNumber }) }), !port.isEmpty else {
            throw TestFailure("no port in \(ready)")
        }
        return SimulatedDaemon(process: process, port: port, state: state)
    }

    /// Sends one request with an optional JSON body.
    func request(_ method: HTTPMethod, _ path: String, body: String? = nil, host: String = "127.0.0.1") async throws -> Reply {
        var request = HTTPClientRequest(url: "http://\(host):\(port)\(path)")
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: response.status.code, text: String(buffer: bytes))
    }

    /// Polls `GET /api/v1/devices` until `predicate` holds for the configured devices; fails with them after 15 s.
    func waitForDevices(_ predicate: ([Device]) -> Bool) async throws -> [Device] {
        struct List: Decodable { var configured: [Device] }
        let deadline = ContinuousClock.now + .seconds(15)
        var last: [Device] = []
        while ContinuousClock.now < deadline {
            let reply = try await request(.GET, "/api/v1/devices")
            last = try JSONDecoder().decode(List.self, from: Data(reply.text.utf8)).configured
            if predicate(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("devices not as expected within 15 s: \(last.map { "\($0.id)=\($0.state) (\($0.detail))" }); stderr:\n\(process.stderr)")
    }
}
