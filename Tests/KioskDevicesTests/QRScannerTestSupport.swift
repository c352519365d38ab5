import Foundation
import Glibc
import KioskDevices
import KioskEmulators
import Logging

/// What the QR scanner tests share: a deadline on everything that waits, a silent logger, temporary folders, and the
/// files under Tests/Helpers/qrscanner.
enum QRScannerTestSupport {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A logger that drops everything: the library never bootstraps logging, and neither do its tests.
    static let logger = Logger(label: "kioskd.test.qrscanner", factory: { _ in SwiftLogNoOpLogHandler() })

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

    /// The next `count` events of `events`; fails when the sequence ends first.
    static func next(
        _ count: Int, of events: AsyncThrowingStream<QRScannerEvent, any Error>
    ) async throws -> [QRScannerEvent] {
        var iterator = events.makeAsyncIterator()
        var collected: [QRScannerEvent] = []
        while collected.count < count {
            guard let event = try await iterator.next() else {
                throw Failure(description: "the events ended after \(collected.count) of \(count)")
            }
            collected.append(event)
        }
        return collected
    }

    /// A fresh temporary folder.
    static func makeFolder() throws -> String {
        var template = Array("/tmp/kioskd-qrscanner-XXXXXX".utf8CString)
        guard let folder = mkdtemp(&template) else {
            throw Failure(description: "mkdtemp failed: errno \(errno)")
        }
        return String(cString: folder)
    }

    /// Removes a folder made by `makeFolder` with what is in it.
    static func removeFolder(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates an empty regular file.
    static func createFile(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(description: "could not create \(path): errno \(errno)") }
        close(descriptor)
    }

    /// A file under Tests/Helpers/qrscanner.
    static func helper(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Helpers/qrscanner/\(name)").path
    }

    /// An executable product beside the test bundle (`kiosk-emulator`).
    static func product(_ name: String) -> String {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// A scanned code's event, for comparing with what a scanner yields.
    static func scanned(_ text: String) -> QRScannerEvent {
        .scanned(ScannedCode(text: text))
    }
}
