import Foundation

/// The virtual social-security card of Tests/Helpers/vicc as a child process (`insert`, `remove`,
/// `card ssse|unknown|locked`, `apdus`, each answered by one line), on vpcd's reader "Virtual PCD" of the pcscd
/// that scripts/test-services.d/pcscd.sh started.
public final class VirtualSocialSecurityCard: @unchecked Sendable {
    /// Why the card could not be driven.
    public typealias Failure = LineChild.Failure

    /// The holder on the card (Tests/Helpers/vicc/ssse_card.py): name, social-security (ID) number, card number.
    public static let holderName = "张三丰"
    public static let socialSecurityNumber = "110101199003070019"
    public static let cardNumber = "S99000001"

    private let child: LineChild

    /// Starts the card process and waits for its "ready"; fails (never skips) when pcscd.sh did not run.
    public init() async throws {
        child = try LineChild(try Self.launcher())
        let first = try await child.line()
        guard first == "ready" else { throw Failure(description: "vicc said \(first) instead of ready") }
    }

    /// The vicc launcher that pcscd.sh exported.
    public static func launcher() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard environment["KIOSK_TEST_PCSC"] == "1", let launcher = environment["KIOSK_TEST_PCSC_VICC"] else {
            throw Failure(description: "KIOSK_TEST_PCSC / KIOSK_TEST_PCSC_VICC are not set: run `source scripts/test-services.d/pcscd.sh` (scripts/run-tests does) first")
        }
        return launcher
    }

    /// Puts the card into the reader.
    public func insert() async throws { try await send("insert", expecting: "inserted") }

    /// Takes the card out.
    public func remove() async throws { try await send("remove", expecting: "removed") }

    /// Sends any control line (e.g. `card unknown`, `apdus`) and returns the answer.
    @discardableResult
    public func send(_ command: String, expecting expected: String? = nil) async throws -> String {
        try await child.send(command, expecting: expected)
    }

    /// Ends the process (the card leaves the reader).
    public func stop() {
        child.finish(with: "quit")
    }
}
