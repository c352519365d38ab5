import AsyncHTTPClient
import Foundation
import KioskCore
import KioskHealth
import NIOCore
import Testing

/// The test Alertmanager and webhook receiver that scripts/test-services.d/alertmanager.sh starts.
struct TestAlertmanager {
    let url: String
    let webhookURL: String
    let webhookLog: String
    let startScript: String

    /// Reads the fragment's variables; records a failure naming the fragment when they are missing.
    static func fromEnvironment() throws -> TestAlertmanager {
        let environment = ProcessInfo.processInfo.environment
        let names = ["KIOSK_TEST_ALERTMANAGER_URL", "KIOSK_TEST_ALERT_WEBHOOK_URL", "KIOSK_TEST_ALERT_WEBHOOK_LOG", "KIOSK_TEST_ALERTMANAGER_START"]
        let values = names.map { environment[$0] }
        guard values.allSatisfy({ $0?.isEmpty == false }) else {
            let missing = zip(names, values).filter { $1?.isEmpty != false }.map(\.0)
            Issue.record("""
                \(missing.joined(separator: ", ")) not set: these tests need a real Alertmanager. Run them through \
                scripts/run-tests, or `source scripts/test-services.d/alertmanager.sh` (with `on_exit() { :; }`) first \
                (packages: scripts/apt.d/alerting.list, scripts/install-deps).
                """)
            throw MissingService()
        }
        return TestAlertmanager(url: values[0]!, webhookURL: values[1]!, webhookLog: values[2]!, startScript: values[3]!)
    }

    struct MissingService: Error {}

    /// One alert as `GET /api/v2/alerts` lists it.
    struct ListedAlert: Decodable {
        struct Status: Decodable {
            let state: String
            let silencedBy: [String]
        }
        let labels: [String: String]
        let annotations: [String: String]
        let fingerprint: String
        let startsAt: String
        let status: Status
    }

    /// The alerts Alertmanager holds for a kiosk (active, silenced and inhibited).
    func alerts(kiosk: String, base: String? = nil) async throws -> [ListedAlert] {
        let filter = "kiosk=\"\(kiosk)\"".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let data = try await Self.get("\(base ?? url)/api/v2/alerts?filter=\(filter)")
        return try JSONDecoder().decode([ListedAlert].self, from: data)
    }

    /// One silence as `GET /api/v2/silence/{id}` gives it.
    struct ListedSilence: Decodable {
        struct Matcher: Decodable {
            let name: String
            let value: String
        }
        struct Status: Decodable { let state: String }
        let id: String
        let matchers: [Matcher]
        let comment: String
        let status: Status
    }

    func silence(_ id: String) async throws -> ListedSilence {
        try JSONDecoder().decode(ListedSilence.self, from: try await Self.get("\(url)/api/v2/silence/\(id)"))
    }

    /// One POST the webhook receiver got.
    struct Received: Decodable {
        struct Body: Decodable {
            struct Alert: Decodable {
                let status: String
                let labels: [String: String]
                let annotations: [String: String]
                let startsAt: String
                let endsAt: String
                let fingerprint: String
            }
            let version: String
            let status: String
            let receiver: String
            let alerts: [Alert]
        }
        let path: String
        let received: Double
        let body: Body
    }

    /// Every alert the receiver got for `kiosk` on `path` (`/hook` from Alertmanager, `/direct` from the webhook sink), in arrival order.
    func received(kiosk: String, path: String) throws -> [(notification: Received, alert: Received.Body.Alert)] {
        let text = (try? String(contentsOfFile: webhookLog, encoding: .utf8)) ?? ""
        var result: [(Received, Received.Body.Alert)] = []
        for line in text.split(separator: "\n") {
            guard let entry = try? JSONDecoder().decode(Received.self, from: Data(line.utf8)), entry.path.hasPrefix(path) else { continue }
            for alert in entry.body.alerts where alert.labels["kiosk"] == kiosk {
                result.append((entry, alert))
            }
        }
        return result
    }

    /// Starts another Alertmanager on `port` (routed to the same receiver); returns its pid.
    func startAnother(port: Int) throws -> Int32 {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-am-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The pid goes to a file, through system(3): Foundation's Process waits on the Alertmanager it leaves running.
        let pidFile = folder + "/start.out"
        let status = system("'\(startScript)' \(port) '\(folder)' > '\(pidFile)'")
        let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
        guard status == 0, let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw StartFailed(output: "exit \(status): \(text)")
        }
        return pid
    }

    struct StartFailed: Error { let output: String }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw StartFailed(output: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func get(_ url: String) async throws -> Data {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 4 << 20)
        return Data(body.readableBytesView)
    }
}
