import KioskCore
import Logging
import ServiceLifecycle

/// The device runtime: one `ManagedDevice` per configured device, started when the device is bound and stopped when
/// it goes, probed on demand, recovered step by step, and handed to the workflows as typed drivers.
///
/// Where a device is reached comes from the `DeviceRegistry`: a device bound to a node (hot-plug, or found at
/// start) gets a fresh managed device for that node and is probed at once; one that disappears is stopped.
/// Devices udev does not bind start with the daemon: `match: {emulated: true}` at the endpoint the simulation
/// gives (`emulatedEndpoints`), PC/SC readers and CUPS queues by name.
///
/// The periodic schedule is the health scheduler's: it calls `probe(_:level:)`, which never throws, records the
/// report (`reports`) and sets the device's state in the registry.
public actor DeviceHub {
    /// One configured device and what runs for it now.
    struct Slot {
        var configuration: DeviceConfiguration
        var profile: DeviceProfile?
        var endpoint: DeviceEndpoint?
        var device: (any ManagedDevice)?
    }

    private var slots: [String: Slot]
    /// Configured ids, in configuration order.
    public nonisolated let deviceIDs: [String]
    private let registry: DeviceRegistry
    private let factory: DeviceFactory
    private let emulatedEndpoints: [String: DeviceEndpoint]
    private var latest: [String: ProbeReport] = [:]
    private let logger: Logger

    /// - Parameters:
    ///   - emulatedEndpoints: where each `match: {emulated: true}` device's emulator is, by device id (empty unless
    ///     simulating; an emulated device without an entry reports `offline`, nothing to open).
    public init(
        devices: [DeviceConfiguration], profiles: ProfileCatalogue, registry: DeviceRegistry, factory: DeviceFactory,
        emulatedEndpoints: [String: DeviceEndpoint] = [:], logger: Logger
    ) {
        slots = Dictionary(
            devices.map { ($0.id, Slot(configuration: $0, profile: profiles.profiles[$0.profile])) },
            uniquingKeysWith: { first, _ in first })
        deviceIDs = devices.map(\.id)
        self.registry = registry
        self.factory = factory
        self.emulatedEndpoints = emulatedEndpoints
        self.logger = logger
    }

    // MARK: Running

    /// Starts the devices that are bound or need no binding, probes each once, then follows the registry until
    /// graceful shutdown (or cancellation), and stops every device.
    public func run() async throws {
        let events = await registry.events()  // before reading the statuses, so that no binding slips between
        var toProbe: [String] = []
        for status in await registry.statuses where await attach(status.id, binding: status.binding) {
            toProbe.append(status.id)
        }
        logger.info("device runtime started", metadata: ["devices": "\(deviceIDs.count)"])
        let probeFirst = toProbe
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for id in probeFirst {
                    group.addTask { _ = await self.probe(id) }
                }
                for await event in events {
                    guard event.kind != .stateChanged else { continue }
                    if await self.attach(event.deviceID, binding: event.binding) {
                        let id = event.deviceID
                        group.addTask { _ = await self.probe(id) }
                    }
                }
            }
        }
        await stopAll()
        logger.info("device runtime stopped")
    }

    /// Stops every managed device (they may be started again by a later `run`).
    public func stopAll() async {
        for id in deviceIDs {
            guard let device = slots[id]?.device else { continue }
            slots[id]?.device = nil
            slots[id]?.endpoint = nil
            await device.stop()
        }
    }

    /// Makes what runs for `id` follow `binding`; true when a device was (re)started and should be probed.
    func attach(_ id: String, binding: DeviceBinding?) async -> Bool {
        guard let slot = slots[id] else { return false }
        let udevBound = DeviceMatcher.isUdevBound(slot.configuration.match)
        let endpoint: DeviceEndpoint?
        switch slot.configuration.match {
        case .emulated:
            endpoint = emulatedEndpoints[id]
        case .usb, .serial, .udev:
            endpoint = binding.flatMap { DeviceEndpoint.bound(slot.configuration, profile: slot.profile, binding: $0) }
        case .pcsc, .cups:
            endpoint = DeviceEndpoint.unbound(slot.configuration)
        }
        if slot.device != nil, slot.endpoint == endpoint, !udevBound || binding != nil { return false }
        if let old = slot.device {
            slots[id]?.device = nil
            slots[id]?.endpoint = nil
            await old.stop()
            logger.info("device stopped", metadata: ["device": "\(id)", "endpoint": "\(slot.endpoint.map { "\($0)" } ?? "none")"])
        }
        if udevBound && binding == nil {
            latest[id] = ProbeReport(deviceID: id, state: .noDevice, fault: .deviceMissing, detail: "unplugged or not found")
            return false
        }
        let device = factory.make(slot.configuration, profile: slot.profile, endpoint: endpoint)
        slots[id]?.device = device
        slots[id]?.endpoint = endpoint
        await device.start()
        logger.info("device started", metadata: ["device": "\(id)", "endpoint": "\(endpoint.map { "\($0)" } ?? "none")"])
        return true
    }

    // MARK: Probing and recovery

    /// Probes device `id` at `level`, records the report and sets the device's state in the registry from it.
    ///
    /// Stable entry point of the health scheduler. Never throws: an unknown id, a device not present, a failing
    /// driver are all reports (`noDevice` with `device.missing` for the first two). Each driver bounds its own
    /// waits (the profile's health timeout, the reader's retries), so a probe ends within a few seconds.
    public func probe(_ id: String, level: ProbeLevel = .internal) async -> ProbeReport {
        guard let slot = slots[id] else {
            return ProbeReport(deviceID: id, state: .noDevice, fault: .deviceMissing, detail: "no device \"\(id)\" is configured")
        }
        guard let device = slot.device else {
            let detail = await registry.status(of: id)?.detail ?? "not found"
            let report = ProbeReport(deviceID: id, state: .noDevice, fault: .deviceMissing, detail: detail)
            latest[id] = report
            return report
        }
        let report = await device.probe(level: level)
        // The device may have been replaced (unplugged, replugged) while it was probed: that report is stale.
        guard let current = slots[id]?.device, current === device else { return report }
        latest[id] = report
        await registry.setState(id, report.state, detail: report.detail)
        return report
    }

    /// The latest report of each device probed so far, by id.
    public var reports: [String: ProbeReport] { latest }

    /// The recovery steps that make sense for device `id` now, in the order to try them (empty when it is not present).
    public func recoverySteps(_ id: String) -> [RecoveryStep] {
        slots[id]?.device?.recoverySteps ?? []
    }

    /// Tries one recovery step on device `id`; the next probe says whether the fault is gone.
    public func recover(_ id: String, _ step: RecoveryStep) async -> RecoveryAttempt {
        guard let device = slots[id]?.device else {
            return RecoveryAttempt(step: step, succeeded: false, detail: "device \"\(id)\" is not present or not configured")
        }
        let attempt = await device.recover(step)
        logger.info("recovery attempted", metadata: [
            "device": "\(id)", "step": "\(step.rawValue)", "succeeded": "\(attempt.succeeded)",
        ])
        return attempt
    }

    /// The managed device running for `id` now, if any (for families that add their own accessors).
    public func managedDevice(_ id: String) -> (any ManagedDevice)? {
        slots[id]?.device
    }

    /// Where device `id` is reached now, if it is running.
    public func endpoint(of id: String) -> DeviceEndpoint? {
        slots[id]?.endpoint
    }

    // MARK: Finding devices for the workflows

    /// The running managed device `reference` names, or why there is none.
    func running(_ reference: DeviceReference) throws(DeviceUnavailable) -> (id: String, device: any ManagedDevice, driver: DriverKind?) {
        let slot: Slot
        switch reference {
        case .id(let id):
            guard let found = slots[id] else { throw .notConfigured(id: id) }
            slot = found
        case .role(let role):
            guard let id = deviceIDs.first(where: { slots[$0]?.configuration.role == role }), let found = slots[id] else {
                throw .noDevice(role: role)
            }
            slot = found
        }
        let id = slot.configuration.id
        guard let device = slot.device else {
            throw .notPresent(id: id, detail: latest[id]?.detail ?? "unplugged or not found")
        }
        if let placeholder = device as? PlaceholderDevice {
            throw .notOpen(id: id, detail: placeholder.reason)
        }
        return (id, device, slot.profile?.driver)
    }
}

extension DeviceHub: Service {}
