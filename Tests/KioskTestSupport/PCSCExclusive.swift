import Glibc
import Testing

/// Runs a suite that uses the shared pcscd, its one virtual reader and its one virtual card alone: suites of
/// every test target run in one process and in parallel, and two of them inserting cards, holding the card
/// exclusively or restarting pcscd at once break each other. The lock is an flock on a file in /tmp, taken
/// without blocking a thread (it is polled), so it also orders suites of different targets.
public struct PCSCExclusive: SuiteTrait, TestTrait, TestScoping {
    public static let path = "/tmp/kioskd-tests-pcscd.lock"

    public init() {}

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let descriptor = open(Self.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw PCSCExclusiveFailure(description: "cannot open \(Self.path): errno \(errno)") }
        defer { close(descriptor) }  // closing the descriptor releases the lock
        let deadline = ContinuousClock.now + .seconds(300)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard ContinuousClock.now < deadline else {
                throw PCSCExclusiveFailure(description: "another suite held \(Self.path) for 300 s")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await function()
    }
}

/// Why the pcscd lock could not be taken.
public struct PCSCExclusiveFailure: Error, CustomStringConvertible {
    public let description: String
}

extension Trait where Self == PCSCExclusive {
    /// The suite has the shared pcscd to itself (`PCSCExclusive`).
    public static var pcscExclusive: PCSCExclusive { PCSCExclusive() }
}
