import Hummingbird
import KioskCore
import KioskDevices

/// `POST /api/v1/devices/{id}/probe[?level=internal|external|interactive]`: probes one device now and returns the
/// `ProbeReport` (the device's state in the registry follows it).
struct DeviceProbeRoutes {
    let hub: DeviceHub?
    let registry: DeviceRegistry

    /// The report as it is, encoded by the API's encoder.
    struct ReportResponse: ResponseEncodable {
        var report: ProbeReport
        func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }
    }

    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.post("devices/{id}/probe") { request, context in
            let id = try context.parameters.require("id")
            let levelText = request.uri.queryParameters.get("level") ?? ProbeLevel.internal.rawValue
            guard let level = ProbeLevel(rawValue: levelText) else {
                let levels = ProbeLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw HTTPError(.badRequest, message: "unknown probe level \"\(levelText)\"; use one of \(levels)")
            }
            guard await registry.status(of: id) != nil else {
                throw HTTPError(.notFound, message: "no device \"\(id)\" is configured; GET /api/v1/devices lists them")
            }
            guard let hub else {
                throw APIError.unavailable(component: "the device runtime", reason: "it is not running in this daemon")
            }
            return ReportResponse(report: await hub.probe(id, level: level))
        }
    }
}
