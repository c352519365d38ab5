import Foundation
import KioskCore
import KioskStore
import Logging
import ServiceLifecycle

/// Delivers alerts through the durable outbox: stores each one before sending, retries with backoff
/// and jitter, keeps order per alert, resends firing alerts and the heartbeat on their intervals.
public final class AlertDispatcher: Service, Sendable {
    let store: KioskStore
    let sinks: [any AlertSink]
    let builder: AlertBuilder
    let resendInterval: Duration
    let heartbeatInterval: Duration?
    /// How long resolutions keep being re-sent to Alertmanager after the fault closed.
    let resolvedResendWindow: Duration
    let backoff: OutboxBackoff
    let now: @Sendable () -> Date
    let logger: Logger
    let metrics: HealthMetrics
    let startedAt: Date
    let wakeup = Wakeup()

    public init(
        store: KioskStore, sinks: [any AlertSink], builder: AlertBuilder,
        resendInterval: Duration = .seconds(60), heartbeatInterval: Duration? = .seconds(60),
        resolvedResendWindow: Duration = .seconds(900), backoff: OutboxBackoff = OutboxBackoff(),
        now: @escaping @Sendable () -> Date = Date.init, logger: Logger = Logger(label: "kioskd.alerts"),
        metrics: HealthMetrics = HealthMetrics()
    ) {
        self.store = store
        self.sinks = sinks
        self.builder = builder
        self.resendInterval = resendInterval
        self.heartbeatInterval = heartbeatInterval
        self.resolvedResendWindow = resolvedResendWindow
        self.backoff = backoff
        self.now = now
        self.logger = logger
        self.metrics = metrics
        self.startedAt = now()
    }

    /// The sinks built from the configuration: every Alertmanager URL and the webhook.
    public static func sinks(for alerting: AlertingConfiguration) -> [any AlertSink] {
        var sinks: [any AlertSink] = alerting.alertmanagerURLs.map { AlertmanagerSink(baseURL: $0) }
        if let webhook = alerting.webhookURL { sinks.append(WebhookSink(url: webhook)) }
        return sinks
    }

    // MARK: Queueing

    /// Queues a fault's alert (firing while open, resolved once closed) for every sink, and wakes delivery.
    public func publish(_ fault: FaultRecord) async throws(StoreError) {
        let alert = builder.alert(for: fault, now: now(), resendInterval: resendInterval)
        try await enqueue(alert, key: AlertBuilder.key(of: fault), kind: fault.status == .open ? .firing : .resolved, to: sinks)
    }

    /// Queues resends: firing alerts of open alerted faults, recent resolutions, and the heartbeat.
    public func queueResends() async throws(StoreError) {
        let time = now()
        let resending = sinks.filter(\.wantsResends)
        if !resending.isEmpty {
            for fault in try await store.openFaults() where fault.alerted {
                try await enqueue(builder.alert(for: fault, now: time, resendInterval: resendInterval), key: AlertBuilder.key(of: fault), kind: .firing, to: resending)
            }
            let since = time.addingTimeInterval(-resolvedResendWindow.seconds)
            for fault in try await store.resolvedAlertedFaults(since: since) {
                try await enqueue(builder.alert(for: fault, now: time, resendInterval: resendInterval), key: AlertBuilder.key(of: fault), kind: .resolved, to: resending)
            }
        }
    }

    /// Queues the always-firing heartbeat for the sinks that take it.
    public func queueHeartbeat() async throws(StoreError) {
        guard let heartbeatInterval else { return }
        let alert = builder.heartbeat(startedAt: startedAt, now: now(), interval: heartbeatInterval)
        try await enqueue(alert, key: "heartbeat", kind: .heartbeat, to: sinks.filter(\.wantsHeartbeat))
    }

    func enqueue(_ alert: OutboundAlert, key: String, kind: OutboxMessage.Kind, to targets: [any AlertSink]) async throws(StoreError) {
        guard !targets.isEmpty else { return }
        let payload: Data
        do {
            payload = try OutboundAlert.encoder.encode(alert)
        } catch {
            throw .operationFailed(operation: "encoding alert \(key)", reason: "\(error)")
        }
        let time = now()
        let messages = targets.map { OutboxMessage(sink: $0.name, alertKey: key, kind: kind, payload: payload, createdAt: time) }
        try await store.enqueue(messages)
        await updateDepth()
        wakeup.signal()
    }

    // MARK: Delivery

    /// One delivery pass: sends the first due message of every sink and alert key; returns how many were delivered.
    @discardableResult
    public func deliverDue() async -> Int {
        var delivered = 0
        do {
            // Messages behind a delivered one become due at once, so keep going until a pass delivers nothing.
            while true {
                let due = try await store.dueOutboxMessages(at: now())
                if due.isEmpty { break }
                var progress = 0
                for (sinkName, messages) in Self.grouped(due) {
                    progress += try await deliver(messages, sinkName: sinkName)
                }
                delivered += progress
                if progress == 0 { break }
            }
        } catch where Task.isCancelled {
            // Shutting down: the rows stay in the outbox for the next start.
        } catch {
            logger.error("alert outbox failed", metadata: ["error": "\(error)"])
        }
        await updateDepth()
        return delivered
    }

    private func deliver(_ messages: [OutboxMessage], sinkName: String) async throws(StoreError) -> Int {
        let time = now()
        guard let sink = sinks.first(where: { $0.name == sinkName }) else {
            try await store.markDelivered(messages.compactMap(\.id), at: time, note: "dropped: sink no longer configured")
            return messages.count
        }
        let alerts = messages.map { try? OutboundAlert.decoder.decode(OutboundAlert.self, from: $0.payload) }
        let undecodable = zip(messages, alerts).filter { $1 == nil }.compactMap(\.0.id)
        if !undecodable.isEmpty { try await store.markDelivered(undecodable, at: time, note: "dropped: payload unreadable") }
        let sendable = zip(messages, alerts).compactMap { message, alert in alert.map { (message, $0) } }
        guard !sendable.isEmpty else { return undecodable.count }
        var failure: AlertDeliveryError?
        do {
            try await sink.deliver(sendable.map(\.1))
        } catch {
            failure = error
        }
        guard let failure else {
            try await store.markDelivered(sendable.compactMap(\.0.id), at: now())
            metrics.delivered(sink: sink, count: sendable.count)
            return sendable.count + undecodable.count
        }
        if !failure.isRetryable && sendable.count > 1 {
            // One bad alert must not block the others: send them one by one.
            var count = undecodable.count
            for (message, alert) in sendable {
                count += try await deliverOne(message, alert, sink: sink)
            }
            return count
        }
        return try await handleFailure(failure, messages: sendable.map(\.0), sink: sink) + undecodable.count
    }

    private func deliverOne(_ message: OutboxMessage, _ alert: OutboundAlert, sink: any AlertSink) async throws(StoreError) -> Int {
        var failure: AlertDeliveryError?
        do {
            try await sink.deliver([alert])
        } catch {
            failure = error
        }
        guard let failure else {
            try await store.markDelivered([message.id!], at: now())
            metrics.delivered(sink: sink, count: 1)
            return 1
        }
        return try await handleFailure(failure, messages: [message], sink: sink)
    }

    private func handleFailure(_ error: AlertDeliveryError, messages: [OutboxMessage], sink: any AlertSink) async throws(StoreError) -> Int {
        metrics.failed(sink: sink, count: messages.count)
        let time = now()
        if !error.isRetryable {
            logger.error("alert dropped", metadata: ["sink": "\(sink.name)", "error": "\(error)"])
            try await store.markDelivered(messages.compactMap(\.id), at: time, note: "dropped: \(error)")
            return messages.count
        }
        logger.warning("alert delivery failed; will retry", metadata: ["sink": "\(sink.name)", "error": "\(error)", "alerts": "\(messages.count)"])
        for message in messages {
            let next = time.addingTimeInterval(backoff.delay(afterAttempts: message.attempts))
            try await store.markFailed(message.id!, error: "\(error)", nextAttemptAt: next)
        }
        return 0
    }

    private func updateDepth() async {
        if let depth = try? await store.outboxDepth() { metrics.outboxDepth(depth) }
    }

    static func grouped(_ messages: [OutboxMessage]) -> [(String, [OutboxMessage])] {
        var order: [String] = []
        var groups: [String: [OutboxMessage]] = [:]
        for message in messages {
            if groups[message.sink] == nil { order.append(message.sink) }
            groups[message.sink, default: []].append(message)
        }
        return order.map { ($0, groups[$0]!) }
    }

    // MARK: Service

    /// Delivers until graceful shutdown; resends and heartbeats on their intervals.
    public func run() async throws {
        try? await store.pruneOutbox(deliveredBefore: now().addingTimeInterval(-7 * 86_400))
        await cancelWhenGracefulShutdown { await self.loop() }
    }

    private func loop() async {
        var nextResend = now()
        var nextHeartbeat = now()
        while !Task.isCancelled {
            let time = now()
            if time >= nextHeartbeat, let interval = heartbeatInterval {
                do { try await queueHeartbeat() } catch { logger.error("cannot queue the heartbeat", metadata: ["error": "\(error)"]) }
                nextHeartbeat = time.addingTimeInterval(interval.seconds)
            }
            if time >= nextResend {
                do { try await queueResends() } catch { logger.error("cannot queue alert resends", metadata: ["error": "\(error)"]) }
                nextResend = time.addingTimeInterval(resendInterval.seconds)
            }
            await deliverDue()
            var wake = heartbeatInterval == nil ? nextResend : min(nextResend, nextHeartbeat)
            if let due = try? await store.nextOutboxAttempt() { wake = min(wake, due) }
            await wakeup.wait(timeout: wake.timeIntervalSince(now()))
        }
    }
}
