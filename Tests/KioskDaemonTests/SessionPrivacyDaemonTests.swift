import Foundation
import KioskEmulators
import NIOHTTP1
import KioskTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Sessions in the real `kioskd --simulate`: metrics, one citizen never seeing another's data, card events on the
/// WebSocket (pcscd with vpcd's virtual social-security card), and no personal data in logs, state files or metrics.
@Suite("kioskd --simulate sessions keep citizens' data to themselves", .serialized, .pcscExclusive)
struct SessionPrivacyDaemonTests {
    /// What must never leave a session: the sample cards' names and ID numbers, and the virtual social-security card's.
    static var canaries: [String] {
        IDCardEmulatorCard.samples.flatMap { [$0.holder.name, $0.holder.idNumber] }
            + [VirtualSocialSecurityCard.holderName, VirtualSocialSecurityCard.socialSecurityNumber, VirtualSocialSecurityCard.cardNumber]
    }

    static let zhang = IDCardEmulatorCard.samples[0].holder
    /// zhang as the screen shows them (masked), which the next citizen must not see either.
    static let zhangMasked = ["张*试", String(zhang.idNumber.prefix(4)) + String(repeating: "*", count: 10) + String(zhang.idNumber.suffix(4))]

    @Test("two citizens, card events, metrics and a personal-data canary over logs, state files and /metrics")
    func sessionsAndCanary() async throws {
        let folder = TemporaryFolder("kioskd-privacy")
        defer { folder.cleanUp() }
        let card = try await VirtualSocialSecurityCard()
        defer { card.stop() }
        let daemon = try await SimulatedDaemon.start(folder: folder, arguments: ["--simulate", "--log-level", "debug"])
        _ = try await daemon.waitForDevices { devices in
            ["id-reader", "receipt-printer", "ssc-reader"].allSatisfy { id in devices.first { $0.id == id }?.state == "online" }
        }
        let socket = try EventSocket(port: daemon.port)
        defer { socket.close() }

        // Given zhang finishes and rates hrss.enrollment with the ID card, then the scrape counts the session and rating.
        let first = try await SessionRun(daemon: daemon).run(service: "hrss.enrollment", card: "zhang", until: "finished")
        _ = try await daemon.request(.DELETE, "/api/v1/simulation/devices/id-reader/card")
        let metrics = try await daemon.request(.GET, "/metrics").text
        #expect(metrics.contains(#"kiosk_sessions_total{service="hrss.enrollment",outcome="finished"} 1"#), "\(Self.lines(metrics, "kiosk_sessions"))")
        #expect(metrics.contains(#"kiosk_ratings_total{service="hrss.enrollment",rating="5"} 1"#), "\(Self.lines(metrics, "kiosk_ratings"))")
        #expect(metrics.contains(#"kiosk_session_duration_seconds_count{service="hrss.enrollment"} 1"#), "\(Self.lines(metrics, "kiosk_session_duration"))")

        // When li starts the next session, then nothing of zhang is in li's session, zhang's ended one, the services or the events.
        let eventsBefore = socket.texts.count
        let started = try await daemon.request(.POST, "/api/v1/sessions", body: #"{"service": "hrss.enrollment", "language": "zh-CN"}"#)
        #expect(started.status == 201)
        let second = try #require(started.json?["id"] as? String)
        var seen = [started.text]
        seen.append(try await daemon.request(.GET, "/api/v1/sessions/\(second)").text)
        seen.append(try await daemon.request(.GET, "/api/v1/sessions/current").text)
        seen.append(try await daemon.request(.GET, "/api/v1/services").text)
        let ended = try await daemon.request(.GET, "/api/v1/sessions/\(first)")
        #expect(ended.json?["state"] as? String == "finished")
        #expect(ended.json?["step"] is NSNull)
        seen.append(ended.text)
        try await SessionRun(daemon: daemon).run(session: second, card: "li", until: "show")
        seen.append(try await daemon.request(.GET, "/api/v1/sessions/\(second)").text)
        seen += socket.texts.dropFirst(eventsBefore)
        #expect(seen.joined().contains("李*例"), "li's own (masked) data is shown: the check looks where data would be")
        for text in seen {
            for zhangData in Self.zhangMasked + [Self.zhang.name, Self.zhang.idNumber] {
                #expect(!text.contains(zhangData), "zhang's \(zhangData) in what li sees: \(text.prefix(300))")
            }
        }
        #expect(try await daemon.request(.DELETE, "/api/v1/sessions/\(second)").status == 204)
        _ = try await daemon.request(.DELETE, "/api/v1/simulation/devices/id-reader/card")

        // Given the social-security card put in, when its session reaches consent and the card is taken out, then the
        // WebSocket says presented, removed and the session ended as cancelled.
        try await card.insert()
        try await socket.wait(for: #"{"device":"ssc-reader","event":"presented","type":"card"}"#)
        let third = try await SessionRun(daemon: daemon).start("hrss.enrollment")
        try await SessionRun(daemon: daemon).run(session: third, method: "social-security-card", until: "consent")
        try await card.remove()
        try await socket.wait(for: #"{"device":"ssc-reader","event":"removed","type":"card"}"#)
        try await socket.wait(for: #"{"reason":"cancelled","sessionID":"\#(third)","type":"session-ended"}"#)
        #expect(try await daemon.request(.GET, "/api/v1/sessions/\(third)").json?["state"] as? String == "cancelled")

        // And a visit that ends with the card still in asks for it with please-remove.
        try await card.insert()
        let fourth = try await SessionRun(daemon: daemon).start("hrss.enrollment")
        try await SessionRun(daemon: daemon).run(session: fourth, method: "social-security-card", until: "finished")
        try await socket.wait(for: #"{"reason":"finished","sessionID":"\#(fourth)","type":"session-ended"}"#)
        try await socket.wait(for: #"{"device":"ssc-reader","event":"please-remove","type":"card"}"#)
        try await card.remove()
        try await socket.wait(for: #"{"device":"ssc-reader","event":"removed","type":"card"}"#, count: 2)

        // Then, after a graceful stop, no log line, no file of the state folder and no metric holds a name or ID number.
        let scrape = try await daemon.request(.GET, "/metrics").text
        #expect(scrape.contains(#"kiosk_sessions_total{service="hrss.enrollment",outcome="cancelled"} 2"#), "\(Self.lines(scrape, "kiosk_sessions"))")
        daemon.process.signal(SIGTERM)
        #expect(try await daemon.process.waitForExit(timeout: .seconds(20)) == 0)
        let logs = daemon.process.stdout + daemon.process.stderr
        #expect(logs.contains("session ended"), "the logs were captured")
        let files = try Self.regularFiles(under: daemon.state)
        #expect(files.contains { $0.hasSuffix("/kioskd.sqlite") } && files.contains { $0.hasSuffix("/audit.key") })
        var places: [(String, Data)] = [("stdout and stderr", Data(logs.utf8)), ("/metrics", Data(scrape.utf8))]
        for file in files { places.append((file, FileManager.default.contents(atPath: file) ?? Data())) }
        for (place, contents) in places {
            for canary in Self.canaries {
                #expect(contents.range(of: Data(canary.utf8)) == nil, "\(canary) is in \(place)")
            }
        }
    }

    @Test("kioskctl services lists, disables with a reason and enables a service of a running kioskd")
    func kioskctlServices() async throws {
        let folder = TemporaryFolder("kioskd-services")
        defer { folder.cleanUp() }
        let daemon = try await SimulatedDaemon.start(folder: folder)
        let socketPath = daemon.state + "/kioskd.sock"
        _ = try await daemon.waitForDevices { $0.first { $0.id == "receipt-printer" }?.state == "online" }
        let kioskctl = BuiltProducts.path("kioskctl")

        // The list has every service, with nr.encumbrance available.
        let list = try await ChildProcess.run(kioskctl, ["services", "--socket", socketPath, "--json"], folder: folder.path)
        #expect(list.status == 0, "\(list.stderr)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let services = try #require(listed["services"] as? [[String: Any]])
        #expect(services.count == 21)
        #expect(services.first { $0["id"] as? String == "nr.encumbrance" }?["available"] as? Bool == true)
        let table = try await ChildProcess.run(kioskctl, ["services", "--socket", socketPath], folder: folder.path)
        #expect(table.status == 0 && table.stdout.contains("nr.encumbrance") && table.stdout.contains("SERVICE"))

        // When it is disabled with a reason, then the API shows it unavailable with that reason, for citizens.
        let disable = try await ChildProcess.run(
            kioskctl, ["services", "disable", "nr.encumbrance", "--reason", "backend maintenance tonight", "--socket", socketPath], folder: folder.path)
        #expect(disable.status == 0, "\(disable.stderr)")
        #expect(disable.stdout.contains("nr.encumbrance disabled; now unavailable: backend maintenance tonight"), "\(disable.stdout)")
        let after = try await Self.service("nr.encumbrance", of: daemon)
        #expect(after["available"] as? Bool == false)
        #expect((after["reason"] as? [String: String])?["zh-CN"] == "backend maintenance tonight")
        let refused = try await daemon.request(.POST, "/api/v1/sessions", body: #"{"service": "nr.encumbrance"}"#)
        #expect(refused.status == 503 && refused.text.contains("backend maintenance tonight"))

        // And disabling needs a reason; an unknown service is refused by the daemon (exit 3, the reason said).
        let noReason = try await ChildProcess.run(kioskctl, ["services", "disable", "nr.encumbrance", "--socket", socketPath], folder: folder.path)
        #expect(noReason.status != 0 && noReason.stderr.contains("--reason"))
        let unknown = try await ChildProcess.run(
            kioskctl, ["services", "disable", "nr.nothing", "--reason", "x", "--socket", socketPath], folder: folder.path)
        #expect(unknown.status == 3 && unknown.stderr.contains("nr.nothing"), "\(unknown.stderr)")

        // When it is enabled again, it is available again.
        let enable = try await ChildProcess.run(kioskctl, ["services", "enable", "nr.encumbrance", "--socket", socketPath], folder: folder.path)
        #expect(enable.status == 0 && enable.stdout.contains("nr.encumbrance enabled; now available"), "\(enable.stdout)\(enable.stderr)")
        #expect(try await Self.service("nr.encumbrance", of: daemon)["available"] as? Bool == true)
        daemon.process.signal(SIGTERM)
        #expect(try await daemon.process.waitForExit(timeout: .seconds(20)) == 0)
    }

    @Test("kioskd refuses to start (exit 73) on an audit secret other users may read, and says how to fix it")
    func refusesOpenAuditSecret() async throws {
        let folder = TemporaryFolder("kioskd-audit-key")
        defer { folder.cleanUp() }
        let state = folder.path + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let key = state + "/audit.key"
        _ = FileManager.default.createFile(atPath: key, contents: Data(repeating: 1, count: 32), attributes: [.posixPermissions: 0o644])
        let run = try await ChildProcess.run(
            BuiltProducts.path("kioskd"), ["--simulate", "--state-dir", state, "--listen", "127.0.0.1:0"], folder: folder.path)
        #expect(run.status == 73, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("chmod 600 \(key)"), "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("01010101"), "the secret is not shown")
    }

    static func service(_ id: String, of daemon: SimulatedDaemon) async throws -> [String: Any] {
        let services = try #require(try await daemon.request(.GET, "/api/v1/services").json?["services"] as? [[String: Any]])
        return try #require(services.first { $0["id"] as? String == id })
    }

    /// The lines of a scrape that start with `prefix` (for failure messages).
    static func lines(_ scrape: String, _ prefix: String) -> String {
        scrape.split(separator: "\n").filter { $0.hasPrefix(prefix) }.joined(separator: "\n")
    }

    /// Every regular file under `folder` (links, sockets and devices skipped).
    static func regularFiles(under folder: String) throws -> [String] {
        var files: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        while let relative = walker.nextObject() as? String {
            let path = folder + "/" + relative
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { files.append(path) }
        }
        return files
    }
}

/// Drives a session through the HTTP API like the touch UI, presenting cards through the simulation API.
struct SessionRun {
    let daemon: SimulatedDaemon

    /// Starts a session of `service`; its id.
    func start(_ service: String) async throws -> String {
        let reply = try await daemon.request(.POST, "/api/v1/sessions", body: #"{"service": "\#(service)", "language": "zh-CN"}"#)
        guard reply.status == 201, let id = reply.json?["id"] as? String else { throw TestFailure("POST /api/v1/sessions: \(reply.status) \(reply.text)") }
        return id
    }

    /// Starts `service`, identifies with the emulated ID card `card` and goes on until `state` (`finished`); its id.
    func run(service: String, card: String, until state: String) async throws -> String {
        let id = try await start(service)
        try await run(session: id, card: card, until: state)
        return id
    }

    /// Goes on with session `id` until it ends as `target`, or reaches a step of kind `target` (`consent`, `show`).
    func run(session id: String, method: String = "id-card", card: String? = nil, until target: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        var last = ""
        var presentedAt: ContinuousClock.Instant?
        while ContinuousClock.now < deadline {
            let reply = try await daemon.request(.GET, "/api/v1/sessions/\(id)")
            last = reply.text
            let session = reply.json ?? [:]
            let state = session["state"] as? String ?? ""
            if state != "active" {
                guard state == target else { throw TestFailure("session \(id) ended as \(state), not \(target): \(last)") }
                return
            }
            let step = session["step"] as? [String: Any] ?? [:]
            let kind = step["kind"] as? String ?? ""
            if kind == target { return }
            let input: String?
            switch kind {
            case "identify" where step["waiting"] is NSNull:
                input = #"{"action": "choose", "method": "\#(method)"}"#
            case "identify" where (session["error"] as? [String: Any])?["retryable"] as? Bool == true:
                input = #"{"action": "retry"}"#
            case "identify" where step["waiting"] as? String == "id-card":
                // Like a citizen: put the card down once the kiosk asks for it, and lift it and put it down again when
                // it is not read (a reader ignores a card that lay there before it last looked, until it is lifted).
                if let card, presentedAt.map({ ContinuousClock.now - $0 > .seconds(5) }) ?? true {
                    if presentedAt != nil { _ = try await daemon.request(.DELETE, "/api/v1/simulation/devices/id-reader/card") }
                    let presented = try await daemon.request(.POST, "/api/v1/simulation/devices/id-reader/card", body: #"{"card": "\#(card)"}"#)
                    guard presented.status == 204 else { throw TestFailure("presenting \(card): \(presented.status) \(presented.text)") }
                    presentedAt = ContinuousClock.now
                }
                input = nil
            case "consent": input = #"{"action": "confirm"}"#
            case "show": input = #"{"action": "next"}"#
            case "print" where (step["print"] as? [String: Any])?["status"] as? String == "done": input = #"{"action": "next"}"#
            case "print" where (step["print"] as? [String: Any])?["status"] as? String == "failed": throw TestFailure("printing failed: \(last)")
            case "rate": input = #"{"action": "rate", "level": 5}"#
            default: input = nil  // the kiosk is working (reading, asking the department, printing)
            }
            if let input {
                let answer = try await daemon.request(.POST, "/api/v1/sessions/\(id)/input", body: input)
                guard answer.status == 200 else { throw TestFailure("input \(input) to \(kind): \(answer.status) \(answer.text)") }
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        // The daemon's device lines say why (e.g. the reader's polls and reopenings); they hold no personal data.
        let deviceLines = (daemon.process.stdout + daemon.process.stderr).split(separator: "\n")
            .filter { $0.contains("id-reader") || $0.lowercased().contains("idcard") }.suffix(30).joined(separator: "\n")
        throw TestFailure("session \(id) did not reach \(target) within 60 s; last: \(last)\nkioskd's id-reader lines:\n\(deviceLines)")
    }
}
