import Hummingbird
import KioskCore
import KioskDevices

/// `GET /api/v1/devices` and `GET /api/v1/devices/{id}`: configured devices with state, and discovered ones.
struct DeviceRoutes {
    let registry: DeviceRegistry

    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.get("devices") { _, _ in await registry.list }
        group.get("devices/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard let status = await registry.status(of: id) else {
                throw HTTPError(.notFound, message: "no device \"\(id)\" is configured; GET /api/v1/devices lists them")
            }
            return status
        }
    }
}
