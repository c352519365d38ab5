import AsyncHTTPClient
import Foundation
import KioskCore
import KioskStore
import Logging
import NIOCore

/// Starts and stops maintenance windows: an Alertmanager silence matching `kiosk=<id>` at every
/// Alertmanager, expired when the window stops. Faults are still recorded and alerted meanwhile;
/// Alertmanager keeps them from paging the bureau.
public actor MaintenanceController {
    let store: KioskStore
    let kioskID: String
    let alertmanagerURLs: [String]
    let poster: HTTPPoster
    let now: @Sendable () -> Date
    let logger: Logger
    /// The longest window allowed.
    public let maximumDuration: Duration

    public init(
        store: KioskStore, kioskID: String, alertmanagerURLs: [String], client: HTTPClient = .shared,
        maximumDuration: Duration = .seconds(24 * 3600), now: @escaping @Sendable () -> Date = Date.init,
        logger: Logger = Logger(label: "kioskd.maintenance")
    ) {
        self.store = store
        self.kioskID = kioskID
        self.alertmanagerURLs = alertmanagerURLs.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.poster = HTTPPoster(client: client, timeout: .seconds(5))
        self.maximumDuration = maximumDuration
        self.now = now
        self.logger = logger
    }

    /// The running window, if any.
    public func current() async throws(MaintenanceError) -> MaintenanceState {
        do {
            let window = try await store.activeMaintenanceWindow(at: now())
            return MaintenanceState(active: window != nil, window: window)
        } catch {
            throw .store(error)
        }
    }

    /// Starts a window (stopping a running one first) and silences the kiosk at every Alertmanager.
    /// A silence that cannot be made is noted in the window; the window still starts.
    public func start(reason: String, duration: Duration, actor: String) async throws(MaintenanceError) -> MaintenanceWindow {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .missingReason }
        let seconds = Int(duration.seconds)
        guard seconds >= 1, duration <= maximumDuration else {
            throw .invalidDuration(seconds: seconds, maximum: Int(maximumDuration.seconds))
        }
        if (try? await current().active) == true { _ = try? await stop(actor: actor) }
        let startedAt = now()
        let endsAt = startedAt.addingTimeInterval(duration.seconds)
        var silences: [MaintenanceSilence] = []
        for url in alertmanagerURLs {
            silences.append(await createSilence(at: url, startsAt: startedAt, endsAt: endsAt, reason: reason, actor: actor))
        }
        do {
            let window = try await store.insertMaintenanceWindow(MaintenanceWindow(
                reason: reason, actor: actor, startedAt: startedAt, endsAt: endsAt, silences: silences
            ))
            try await store.record(KioskEvent(time: startedAt, kind: "maintenance.started", actor: actor, message: "maintenance for \(seconds) s: \(reason)"))
            return window
        } catch {
            throw .store(error)
        }
    }

    /// Stops the running window and expires its silences.
    public func stop(actor: String) async throws(MaintenanceError) -> MaintenanceWindow {
        let active: MaintenanceWindow?
        do {
            active = try await store.activeMaintenanceWindow(at: now())
        } catch {
            throw .store(error)
        }
        guard var window = active else { throw .notActive }
        window.stoppedAt = now()
        for index in window.silences.indices {
            guard let id = window.silences[index].silenceID else { continue }
            let url = window.silences[index].alertmanager
            do {
                try await poster.send(.delete, "\(url)/api/v2/silence/\(id)", body: nil, sink: "alertmanager \(url)")
            } catch {
                window.silences[index].error = "could not expire: \(error)"
                logger.warning("cannot expire a maintenance silence", metadata: ["alertmanager": "\(url)", "error": "\(error)"])
            }
        }
        do {
            try await store.updateMaintenanceWindow(window)
            try await store.record(KioskEvent(time: window.stoppedAt!, kind: "maintenance.stopped", actor: actor, message: "maintenance stopped: \(window.reason)"))
        } catch {
            throw .store(error)
        }
        return window
    }

    private func createSilence(at url: String, startsAt: Date, endsAt: Date, reason: String, actor: String) async -> MaintenanceSilence {
        struct Matcher: Encodable { let name: String, value: String, isRegex: Bool, isEqual: Bool }
        struct Silence: Encodable { let matchers: [Matcher], startsAt: Date, endsAt: Date, createdBy: String, comment: String }
        struct Created: Decodable { let silenceID: String }
        let silence = Silence(
            matchers: [Matcher(name: "kiosk", value: kioskID, isRegex: false, isEqual: true)],
            startsAt: startsAt, endsAt: endsAt, createdBy: "kioskd (\(actor))", comment: "maintenance: \(reason)"
        )
        do {
            let body = try OutboundAlert.encoder.encode(silence)
            let answer = try await poster.send(.post, "\(url)/api/v2/silences", body: body, sink: "alertmanager \(url)")
            let created = try JSONDecoder().decode(Created.self, from: answer)
            return MaintenanceSilence(alertmanager: url, silenceID: created.silenceID)
        } catch {
            logger.warning("cannot create a maintenance silence", metadata: ["alertmanager": "\(url)", "error": "\(error)"])
            return MaintenanceSilence(alertmanager: url, silenceID: nil, error: "\(error)")
        }
    }
}
