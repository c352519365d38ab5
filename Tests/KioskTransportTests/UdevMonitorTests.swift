import Foundation
import KioskCore
import Testing

@testable import KioskTransport

/// Stopping a `UdevMonitor`, in process against the real udev netlink socket (no events needed):
/// each way of stopping must end the events and close every descriptor.
@Suite("udev monitor lifecycle", .timeLimit(.minutes(1)))
struct UdevMonitorTests {
    @Test("stop() ends the events and closes the descriptors")
    func stop() async throws {
        // Given
        let monitor = try UdevMonitor(subsystems: ["usb"])
        let open = OpenDescriptors(monitor.reader.descriptors)
        let iteration = Task { try await Self.count(monitor.events) }

        // When
        monitor.stop()

        // Then
        #expect(try await iteration.value == 0)
        #expect(open.closed)
    }

    @Test("cancelling the task that iterates ends the events and closes the descriptors")
    func cancel() async throws {
        // Given
        let monitor = try UdevMonitor(subsystems: ["usb", "tty"])
        let open = OpenDescriptors(monitor.reader.descriptors)
        let iteration = Task { try await Self.count(monitor.events) }

        // When
        iteration.cancel()

        // Then
        #expect(try await iteration.value == 0)
        try await open.waitUntilClosed()
    }

    @Test("dropping the monitor ends the events and closes the descriptors")
    func drop() async throws {
        // Given
        var monitor: UdevMonitor? = try UdevMonitor(subsystems: [])
        let open = OpenDescriptors(try #require(monitor).reader.descriptors)
        let events = try #require(monitor).events

        // When
        monitor = nil

        // Then
        #expect(try await Self.count(events) == 0)
        #expect(open.closed)
    }

    private static func count(_ events: AsyncThrowingStream<SystemDeviceEvent, any Error>) async throws -> Int {
        var count = 0
        for try await _ in events { count += 1 }
        return count
    }
}

/// What each descriptor pointed at (`socket:[inode]`, `pipe:[inode]`), to tell later whether it was
/// closed: another test may reuse the number, but not for the same inode.
private struct OpenDescriptors {
    let targets: [Int32: String]

    init(_ descriptors: [Int32]) {
        targets = Dictionary(uniqueKeysWithValues: descriptors.map { ($0, Self.target($0) ?? "") })
    }

    var closed: Bool {
        !targets.isEmpty && targets.allSatisfy { descriptor, target in !target.isEmpty && Self.target(descriptor) != target }
    }

    /// Cancellation ends the sequence at once; the reader thread closes the descriptors just after.
    func waitUntilClosed() async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !closed, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(closed, "still open: \(targets)")
    }

    private static func target(_ descriptor: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")
    }
}
