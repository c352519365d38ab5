import Foundation
import Testing

/// The helper every umockdev test runs through: a hang must fail its test, not block the suite.
@Suite("child processes of the udev tests")
struct UdevChildProcessTests {
    @Test("a child that hangs is killed after the timeout, together with what it started")
    func hangingChildIsKilled() async throws {
        // Given a shell that starts a grandchild and waits for it
        let started = ContinuousClock.now

        // When
        let error = await #expect(throws: ChildProcess.Failure.self) {
            try await ChildProcess.run("/bin/sh", ["-c", "sleep 30 & echo $!; wait"], timeout: .milliseconds(300))
        }

        // Then
        #expect(ContinuousClock.now - started < .seconds(20))  // far below the 30 s sleep: it was killed, not waited for
        let description = try #require(error?.description)
        #expect(description.contains("did not exit within"))
        let grandchild = try #require(description.split(separator: "\n").compactMap { Int32($0) }.first)
        try await Self.waitUntilGone(grandchild)
    }

    @Test("a child's exit status and output come back")
    func statusAndOutput() async throws {
        // When
        let result = try await ChildProcess.run("/bin/sh", ["-c", "echo one; echo two >&2; exit 7"])

        // Then
        #expect(result.status == 7)
        #expect(result.lines == ["one"])
        #expect(result.stderr == "two\n")
    }

    /// Gone, or a zombie waiting for a PID 1 that does not reap (as in a container).
    private static func waitUntilGone(_ pid: Int32) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let state = stat.split(separator: ")").last?.split(separator: " ").first,
                state != "Z"
            else { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("process \(pid) still runs after its group was killed")
    }
}
