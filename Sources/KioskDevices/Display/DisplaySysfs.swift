import Foundation

/// Reads DRM connectors and backlights from sysfs (PROTOCOLS.md §5); the root is a parameter so
/// tests point it at a folder of their own (or run under a umockdev testbed with the default `/sys`).
public struct DisplaySysfs: Sendable {
    /// One DRM connector (`card0-HDMI-A-1`).
    public struct Connector: Sendable, Equatable {
        public var name: String
        /// `connected`, `disconnected` or `unknown`.
        public var status: String
        public var enabled: String?
        /// `On`, `Standby`, `Suspend` or `Off`, where the driver has it.
        public var dpms: String?
        /// EDID size in bytes (0 when the monitor gave none).
        public var edidBytes: Int
        /// The parsed EDID base block, when there is one and it is valid.
        public var edid: EDID?
        /// Why the EDID the monitor gave is not valid (nil when there is none or it is valid).
        public var edidProblem: EDIDError?
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
        entries("class/drm").compactMap { name -> Connector? in
            let folder = "\(root)/class/drm/\(name)"
            guard let status = read("\(folder)/status") else { return nil }
            // sysfs gives binary attributes a size of 0 or 4096 in stat(): read them whole.
            let bytes = FileManager.default.contents(atPath: "\(folder)/edid").map { [UInt8]($0) } ?? []
            var edid: EDID?
            var problem: EDIDError?
            if !bytes.isEmpty {
                do throws(EDIDError) { edid = try EDID(bytes: bytes) } catch { problem = error }
            }
            return Connector(
                name: name, status: status, enabled: read("\(folder)/enabled"), dpms: read("\(folder)/dpms"),
                edidBytes: bytes.count, edid: edid, edidProblem: problem)
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

    /// Sets a backlight's brightness, checked against its `max_brightness`. Callers check the profile first
    /// (`TouchDisplayDevice.setBrightness` does).
    public func setBrightness(_ value: Int, of backlight: String) throws(DisplayError) {
        guard let current = backlights().first(where: { $0.name == backlight }) else { throw .backlightNotFound(name: backlight) }
        guard (0...current.maxBrightness).contains(value) else { throw .brightnessOutOfRange(value: value, maximum: current.maxBrightness) }
        let path = "\(root)/class/backlight/\(backlight)/brightness"
        do {
            // O_TRUNC, ignored by sysfs, keeps a plain file (a test tree, a umockdev testbed) to the new value.
            try Data("\(value)\n".utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .writeFailed(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    private func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)")) ?? []).sorted()
    }

    private func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
