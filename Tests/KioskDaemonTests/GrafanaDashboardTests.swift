import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// ops/grafana/kioskd.json against ops/README.md's metric list and a real scrape of `kioskd --simulate`.
@Suite("Grafana dashboard", .serialized)
struct GrafanaDashboardTests {
    static let root = BuiltProducts.repository

    /// The documented metrics (ops/README.md) with when each first appears (`at start`, `first fault`…).
    static func documentedMetrics() throws -> [String: String] {
        let text = try String(contentsOfFile: root + "/ops/README.md", encoding: .utf8)
        var metrics: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `kiosk") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            metrics[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[3]
        }
        return metrics
    }

    /// Every PromQL expression of the dashboard: panel targets (rows included) and template queries.
    static func expressions(_ dashboard: [String: Any]) -> [String] {
        func panelExpressions(_ panels: [[String: Any]]) -> [String] {
            panels.flatMap { panel in
                ((panel["targets"] as? [[String: Any]]) ?? []).compactMap { $0["expr"] as? String }
                    + panelExpressions((panel["panels"] as? [[String: Any]]) ?? [])
            }
        }
        let variables = ((dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]]) ?? []
        let queries = variables.compactMap { ($0["query"] as? [String: Any])?["query"] as? String }
        return panelExpressions((dashboard["panels"] as? [[String: Any]]) ?? []) + queries
    }

    /// The metric names an expression uses (identifiers starting `kiosk_` or `kioskd_`, not inside quotes).
    static func metricNames(in expression: String) -> Set<String> {
        var names: Set<String> = []
        var inQuotes = false
        var token = ""
        for character in expression + " " {
            if character == "\"" { inQuotes.toggle(); token = ""; continue }
            if !inQuotes, character.isLetter || character.isNumber || character == "_" || character == ":" {
                token.append(character)
                continue
            }
            if token.hasPrefix("kiosk_") || token.hasPrefix("kioskd_") { names.insert(token) }
            token = ""
        }
        return names
    }

    @Test("the dashboard is valid JSON whose panels all query documented metrics, each seen in a real scrape or documented as appearing later")
    func dashboardMetrics() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/ops/grafana/kioskd.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(dashboard["uid"] as? String == "kioskd-fleet")
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        for panel in panels where panel["type"] as? String != "row" {
            let targets = (panel["targets"] as? [[String: Any]]) ?? []
            #expect(!targets.isEmpty && targets.allSatisfy { ($0["expr"] as? String)?.isEmpty == false }, "panel \(panel["title"] ?? "?") has no query")
        }
        let documented = try Self.documentedMetrics()
        #expect(documented["kiosk_paper_receipts_left"] == "at start", "ops/README.md's table was not read: \(documented)")
        var used: Set<String> = []
        for expression in Self.expressions(dashboard) { used.formUnion(Self.metricNames(in: expression)) }
        // The dashboard covers what the issue asks for.
        for required in ["kiosk_device_up", "kiosk_device_state", "kiosk_open_faults", "kiosk_alert_outbox_depth", "kiosk_alert_deliveries_total",
                         "kiosk_paper_level", "kiosk_paper_receipts_left", "kiosk_sessions_total", "kiosk_ratings_total"] {
            #expect(used.contains(required), "the dashboard does not show \(required)")
        }
        let undocumented = used.filter { documented[$0] == nil }.sorted()
        #expect(undocumented.isEmpty, "metrics the dashboard queries that ops/README.md does not list: \(undocumented)")

        // A real scrape, after a fault (paper out) and a session (started and cancelled).
        let folder = TemporaryFolder("kioskd-grafana")
        defer { folder.cleanUp() }
        let daemon = try await SimulatedDaemon.start(folder: folder)
        defer { daemon.process.signal(SIGTERM) }
        _ = try await daemon.waitForDevices { $0.first { $0.id == "receipt-printer" }?.state == "online" }
        #expect(try await daemon.request(.PUT, "/api/v1/simulation/devices/receipt-printer/condition", body: #"{"paperOut": true}"#).status == 200)
        let session = try await daemon.request(.POST, "/api/v1/sessions", body: #"{"service": "nr.registration-progress"}"#)
        let sessionID = try #require(session.json?["id"] as? String, "no session: \(session.text)")
        #expect(try await daemon.request(.DELETE, "/api/v1/sessions/\(sessionID)").status < 300)

        let expected = used.filter { ["at start", "first fault", "first session"].contains(documented[$0] ?? "") }
        let deadline = ContinuousClock.now + .seconds(20)
        var scraped: Set<String> = []
        while !expected.isSubset(of: scraped), ContinuousClock.now < deadline {
            let text = try await daemon.request(.GET, "/metrics").text
            scraped = Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
                String(line.prefix { $0 != "{" && $0 != " " })
            })
            if !expected.isSubset(of: scraped) { try await Task.sleep(for: .milliseconds(200)) }
        }
        let missing = expected.subtracting(scraped).sorted()
        #expect(missing.isEmpty, "metrics the dashboard queries that a scrape of kioskd --simulate lacks: \(missing)")

        // What appears only later (a rating, a delivery, a recovery) is not scraped here; it must at least be emitted
        // by the sources under its documented name.
        let later = used.subtracting(expected).subtracting(scraped)
        let sources = try Self.sourceText()
        for metric in later.sorted() {
            #expect(sources.contains("\"\(metric)\""), "\(metric) (documented as appearing at \(documented[metric] ?? "?")) is emitted nowhere in Sources/")
        }
    }

    /// All Swift sources, to find where a metric label is emitted.
    static func sourceText() throws -> String {
        let base = root + "/Sources"
        let files = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try files.map { try String(contentsOfFile: base + "/" + $0, encoding: .utf8) }.joined(separator: "\n")
    }
}
