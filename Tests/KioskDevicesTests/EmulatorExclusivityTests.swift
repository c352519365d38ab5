import Foundation
import Glibc
import KioskEmulators
import KioskTransport
import Testing

/// The emulators lift the tty's exclusive mode (TIOCEXCL) when kioskd closes the port, and only then.
@Suite("Emulator tty exclusivity")
struct EmulatorExclusivityTests {
    /// Whether the tty behind `descriptor` is in exclusive mode (TIOCGEXCL, `_IOR('T', 0x40, int)`).
    static func isExclusive(_ descriptor: CInt) -> Bool {
        var exclusive: CInt = 0
        guard ioctl(descriptor, UInt(0x8004_5440), &exclusive) == 0 else { return false }
        return exclusive != 0
    }

    @Test("the ID-card emulator keeps TIOCEXCL while kioskd has the port open and lifts it at once on close")
    func liftedOnClose() async throws {
        let folder = try IDCardTestSupport.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = folder + "/idcard"
        let emulator = try await IDCardEmulator.start(linkPath: link)
        // A descriptor of our own to look at the tty with; opened before kioskd's, never closed during the test.
        let watcher = open(link, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        #expect(watcher >= 0)
        defer {
            close(watcher)
        }

        let connection = try await SerialPort(path: link).open(logger: IDCardTestSupport.logger)
        #expect(Self.isExclusive(watcher))
        // Longer than the 250 ms timer that lifted it before: held while the port stays open.
        try await Task.sleep(for: .milliseconds(400))
        #expect(Self.isExclusive(watcher))

        await connection.close()
        let deadline = ContinuousClock.now + .seconds(2)
        while Self.isExclusive(watcher), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(!Self.isExclusive(watcher))

        // And again: a second open takes it, a second close lifts it.
        let again = try await SerialPort(path: link).open(logger: IDCardTestSupport.logger)
        #expect(Self.isExclusive(watcher))
        await again.close()
        let secondDeadline = ContinuousClock.now + .seconds(2)
        while Self.isExclusive(watcher), ContinuousClock.now < secondDeadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(!Self.isExclusive(watcher))
        await emulator.stop()
    }
}
