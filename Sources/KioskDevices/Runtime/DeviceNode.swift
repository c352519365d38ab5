import Glibc

/// Facts about a device node or link that the managed devices check before opening it.
enum DeviceNode {
    /// Whether `path` exists, every link followed (a dangling `/dev/serial/by-id/…` link is a missing device).
    static func exists(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0
    }
}
