import Hummingbird
import KioskCore
import KioskHealth

/// `POST /api/v1/devices/{id}/diagnostics?level=internal|external|interactive`: probes the device now.
public struct DiagnosticRoutes: Sendable {
    let target: any ProbeTarget
    let monitor: FaultMonitor?
    let deviceIDs: Set<String>

    public init(target: any ProbeTarget, monitor: FaultMonitor?, deviceIDs: [String]) {
        self.target = target
        self.monitor = monitor
        self.deviceIDs = Set(deviceIDs)
    }

    public func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.post("devices/{id}/diagnostics") { request, context in
            let id = try context.parameters.require("id")
            guard deviceIDs.contains(id) else {
                throw HTTPError(.notFound, message: "no device \"\(id)\" is configured; GET /api/v1/devices lists them")
            }
            let levelText = request.uri.queryParameters.get("level") ?? "internal"
            guard let level = ProbeLevel(rawValue: levelText) else {
                throw HTTPError(.badRequest, message: "level \"\(levelText)\" is unknown; use internal, external (e.g. a test print) or interactive")
            }
            let report = await target.probe(id, level: level)
            return DiagnosticReport(report: report, recoverySteps: await target.recoverySteps(id), openFault: await monitor?.openFault(of: id))
        }
    }
}
