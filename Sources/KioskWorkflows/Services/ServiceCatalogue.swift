import Foundation
import KioskCore
import KioskStore
import Logging

/// The services the kiosk offers: the loaded workflows, the maintainer's switches and device availability.
public actor ServiceCatalogue {
    /// The workflows that loaded, in file-name order.
    public nonisolated let workflows: [WorkflowDefinition]
    /// Workflow files that did not load (their services are off until fixed).
    public nonisolated let problems: [WorkflowProblem]
    private let devices: any WorkflowDevices
    private let store: KioskStore?
    private let events: EventBroadcaster
    private let logger: Logger
    private var switches: [String: ServiceSwitchRecord] = [:]
    private var switchesLoaded = false

    public init(set: WorkflowSet, devices: any WorkflowDevices, store: KioskStore?, events: EventBroadcaster, logger: Logger = Logger(label: "kioskd.services")) {
        self.workflows = set.workflows
        self.problems = set.problems
        self.devices = devices
        self.store = store
        self.events = events
        self.logger = logger
    }

    /// The workflow of a service id.
    public nonisolated func workflow(_ id: String) -> WorkflowDefinition? {
        workflows.first { $0.id == id }
    }

    /// Every loaded service with its availability now.
    public func list() async -> [ServiceSummary] {
        var result: [ServiceSummary] = []
        for workflow in workflows { result.append(await summary(of: workflow)) }
        return result
    }

    /// One service with its availability now.
    public func summary(of workflow: WorkflowDefinition) async -> ServiceSummary {
        await loadSwitches()
        let (methods, reason) = await check(workflow)
        return ServiceSummary(
            id: workflow.id, names: workflow.names, department: workflow.department, pinyin: workflow.pinyin,
            icon: workflow.icon, identification: methods, outputs: workflow.outputs, available: reason == nil, reason: reason
        )
    }

    /// The identification methods usable now, and why the service is unavailable (nil when it is available).
    public func check(_ workflow: WorkflowDefinition) async -> (methods: [IdentificationMethod], reason: LocalizedText?) {
        await loadSwitches()
        var methods: [IdentificationMethod] = []
        var methodReason: LocalizedText?
        for method in workflow.identification {
            guard let role = method.deviceRole else { methods.append(method); continue }
            let availability = await devices.availability(of: role)
            if availability.available { methods.append(method) } else if methodReason == nil { methodReason = availability.reason ?? Self.deviceDown }
        }
        if let switched = switches[workflow.id], !switched.enabled {
            let reason = switched.reason.isEmpty ? LocalizedText(zh: "该业务暂停办理", en: "This service is suspended") : LocalizedText(verbatim: switched.reason)
            return (methods, reason)
        }
        var roles = workflow.devices
        for step in workflow.steps { roles.append(contentsOf: step.deviceRoles.filter { !roles.contains($0) }) }
        for role in roles {
            let availability = await devices.availability(of: role)
            if !availability.available { return (methods, availability.reason ?? Self.deviceDown) }
        }
        return (methods, methods.isEmpty ? methodReason ?? Self.deviceDown : nil)
    }

    /// The maintainer's switch: disables a service with a reason for citizens, or enables it again.
    public func setEnabled(_ enabled: Bool, service id: String, reason: String, actor: String) async throws(ServiceCatalogueError) {
        guard let workflow = workflow(id) else { throw .unknownService(id) }
        await loadSwitches()
        let record = ServiceSwitchRecord(service: id, enabled: enabled, reason: enabled ? "" : reason, actor: actor)
        if let store {
            do { try await store.saveServiceSwitch(record) } catch { throw .cannotSave(id, reason: "\(error)") }
            _ = try? await store.record(KioskEvent(
                kind: enabled ? "service.enabled" : "service.disabled", subject: workflow.id, actor: actor,
                message: enabled ? "service \(id) enabled" : "service \(id) disabled: \(reason)"
            ))
        }
        switches[id] = record
        logger.info("service switched", metadata: ["service": "\(id)", "enabled": "\(enabled)", "actor": "\(actor)"])
        await events.publish(.services)
    }

    private func loadSwitches() async {
        guard !switchesLoaded else { return }
        switchesLoaded = true
        guard let store else { return }
        do {
            for record in try await store.serviceSwitches() { switches[record.service] = record }
        } catch {
            logger.error("cannot read service switches; all services count as enabled", metadata: ["error": "\(error)"])
        }
    }

    static let deviceDown = LocalizedText(zh: "所需设备暂时无法使用", en: "A device this service needs is not working")
}

/// Why the catalogue refused a change.
public enum ServiceCatalogueError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownService(String)
    case cannotSave(String, reason: String)

    public var description: String {
        switch self {
        case .unknownService(let id): "no service \"\(id)\"; GET /api/v1/services lists them"
        case .cannotSave(let id, let reason): "the switch of \(id) could not be saved: \(reason)"
        }
    }
}
