import Foundation
import KioskCore

/// The kiosk's devices: configured ones bound to what udev sees, their states, and a stream of changes.
public actor DeviceRegistry {
    private var state: DeviceRegistryState
    private var subscribers: [UUID: AsyncStream<RegistryEvent>.Continuation] = [:]
    private let now: @Sendable () -> Date

    public init(devices: [DeviceConfiguration], profiles: ProfileCatalogue, defaultOwner: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
        state = DeviceRegistryState(devices: devices, profiles: profiles, defaultOwner: defaultOwner, now: now())
    }

    /// Replaces what is present with a full enumeration.
    public func apply(snapshot devices: [SystemDevice]) {
        publish(state.apply(snapshot: devices, now: now()))
    }

    /// Applies one hot-plug event.
    public func handle(_ event: SystemDeviceEvent) {
        publish(state.handle(event, now: now()))
    }

    /// Sets a device's state from its driver or probe.
    public func setState(_ id: String, _ newState: DeviceState, detail: String) {
        publish(state.setState(id, newState, detail: detail, now: now()))
    }

    /// The configured devices with their states.
    public var statuses: [DeviceStatus] { state.statuses }

    /// The configured and the discovered devices.
    public var list: DeviceList { DeviceList(configured: state.statuses, discovered: state.discovered) }

    /// The status of one configured device.
    public func status(of id: String) -> DeviceStatus? {
        state.statuses.first { $0.id == id }
    }

    /// Changes from now on, until the consumer stops iterating.
    public func events() -> AsyncStream<RegistryEvent> {
        let (stream, continuation) = AsyncStream<RegistryEvent>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)
    }

    private func publish(_ events: [RegistryEvent]) {
        for event in events {
            for continuation in subscribers.values { continuation.yield(event) }
        }
    }
}
