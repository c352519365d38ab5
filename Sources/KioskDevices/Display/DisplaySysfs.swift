import Foundation

/// Reads DRM connectors and backlights from sysfs (PROTOCOLS.md §5); the root is a parameter so
/// tests point it at a folder of their own.
public struct DisplaySysfs: Sendable {
    /// One DRM connector (`card0-HDMI-A-1`).
    public struct Connector: Sendable, Equatable {
        public var name: String
        /// `connected`, `disconnected` or `unknown`.
        public var status: String
        public var enabled: String?
        /// EDID size in bytes (0 when the monitor gave none).
        public var edidBytes: Int
    }

    /// One backlight (`intel_backlight`).
    public struct Backlight: Sendable, Equatable {
        public var name: String
        public var brightness: Int
        public var maxBrightness: Int
        public var actualBrightness: Int?
        /// 0 is on (FB_BLANK_UNBLANK); anything else is off.
        public var power: Int
    }

    /// `/sys` on a kiosk.
    public var root: String

    public init(root: String = "/sys") {
        self.root = root
    }

    public func connectors() -> [Connector] {
        entries("class/drm").compactMap { name in
            let folder = "\(root)/class/drm/\(name)"
            guard let status = read("\(folder)/status") else { return nil }
            let edid = (try? FileManager.default.attributesOfItem(atPath: "\(folder)/edid")[.size] as? Int) ?? 0
            let edidBytes = edid > 0 ? edid : (FileManager.default.contents(atPath: "\(folder)/edid")?.count ?? 0)
            return Connector(name: name, status: status, enabled: read("\(folder)/enabled"), edidBytes: edidBytes)
        }
    }

    public func backlights() -> [Backlight] {
        entries("class/backlight").compactMap { name in
            let folder = "\(root)/class/backlight/\(name)"
            guard let brightness = read("\(folder)/brightness").flatMap(Int.init) else { return nil }
            return Backlight(
                name: name, brightness: brightness, maxBrightness: read("\(folder)/max_brightness").flatMap(Int.init) ?? 0,
                actualBrightness: read("\(folder)/actual_brightness").flatMap(Int.init), power: read("\(folder)/bl_power").flatMap(Int.init) ?? 0
            )
        }
    }

    /// Sets a backlight's brightness (only where the profile allows writing).
    public func setBrightness(_ value: Int, of backlight: String) throws {
        try Data("\(value)\n".utf8).write(to: URL(fileURLWithPath: "\(root)/class/backlight/\(backlight)/brightness"))
    }

    private func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)")) ?? []).sorted()
    }

    private func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
