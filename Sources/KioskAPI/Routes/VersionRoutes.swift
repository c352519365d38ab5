import Hummingbird
import KioskCore

/// `GET /api/v1/version`.
struct VersionRoutes {
    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.get("version") { _, _ in
            VersionInfo(version: KioskVersion.current, api: KioskVersion.api, platform: Self.platform)
        }
    }

    static var platform: String {
        #if os(Linux)
        let system = "linux"
        #else
        let system = "other"
        #endif
        #if arch(x86_64)
        return "\(system)-x86_64"
        #elseif arch(arm64)
        return "\(system)-arm64"
        #else
        return system
        #endif
    }
}
