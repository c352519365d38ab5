import Glibc
import Logging

/// What the serial tests share: a deadline for everything that waits, stable links, and descriptor counts.
enum SerialTestSupport {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A logger that drops everything: the library never bootstraps logging, and neither do its tests.
    static let logger = Logger(label: "kioskd.test.serial", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body`, failing the test instead of hanging it when `body` takes longer than `limit`.
    static func withDeadline<T: Sendable>(
        _ limit: Duration = .seconds(10),
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw Failure(description: "the test did not finish within \(limit)")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else {
                throw Failure(description: "the test ended without a result")
            }
            return first
        }
    }

    /// A fresh folder standing in for `/dev/serial`, with `by-id/` inside.
    static func makeDeviceFolder() throws -> String {
        var template = Array("/tmp/kioskd-serial-XXXXXX".utf8CString)
        guard let folder = mkdtemp(&template) else {
            throw Failure(description: "mkdtemp failed: errno \(errno)")
        }
        let path = String(cString: folder)
        guard mkdir(path + "/by-id", 0o755) == 0 else {
            throw Failure(description: "mkdir \(path)/by-id failed: errno \(errno)")
        }
        return path
    }

    /// Points `link` at `target`, replacing it atomically as udev does.
    static func pointLink(_ link: String, at target: String) throws {
        let temporary = link + ".tmp"
        unlink(temporary)
        guard symlink(target, temporary) == 0, rename(temporary, link) == 0 else {
            throw Failure(description: "could not point \(link) at \(target): errno \(errno)")
        }
    }

    /// Removes a folder made by `makeDeviceFolder` with the links in it.
    static func removeDeviceFolder(_ path: String) {
        if let directory = opendir(path + "/by-id") {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { unlink(path + "/by-id/" + name) }
            }
            closedir(directory)
        }
        rmdir(path + "/by-id")
        rmdir(path)
    }

    /// The text of a NUL-terminated C string held in an array.
    static func string(fromCString bytes: [CChar]) -> String {
        String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// How many of this process's descriptors (entries of /proc/self/fd) point at `devicePath`, also once the node
    /// is gone (the kernel then shows the target as `/dev/pts/N (deleted)`).
    static func descriptorCount(pointingAt devicePath: String) -> Int {
        guard let directory = opendir("/proc/self/fd") else { return -1 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != "." && name != ".." else { continue }
            var target = [CChar](repeating: 0, count: 4096)
            let length = readlink("/proc/self/fd/" + name, &target, target.count - 1)
            guard length > 0 else { continue }
            target[length] = 0
            let text = string(fromCString: target)
            if text == devicePath || text == devicePath + " (deleted)" { count += 1 }
        }
        return count
    }
}
