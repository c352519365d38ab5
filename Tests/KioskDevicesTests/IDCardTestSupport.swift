import Foundation
import KioskCore
import KioskDevices
import KioskEmulators
import KioskTransport
import Logging
import Synchronization

/// What the ID-card tests share: frames built by hand, a manual clock, deadlines, and an emulator with a reader.
enum IDCardTestSupport {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: Frames, built independently of the codec

    /// XOR of `bytes`, written here again so that the tests do not trust the codec's own checksum.
    static func xor(_ bytes: [UInt8]) -> UInt8 {
        var result: UInt8 = 0
        for byte in bytes { result ^= byte }
        return result
    }

    /// `AA AA AA 96 69`, the length of `body` + 1 (big-endian), `body`, and the XOR of length and body.
    static func frame(_ body: [UInt8]) -> [UInt8] {
        let length = body.count + 1
        let lengthAndBody = [UInt8(length >> 8), UInt8(length & 0xFF)] + body
        return [0xAA, 0xAA, 0xAA, 0x96, 0x69] + lengthAndBody + [xor(lengthAndBody)]
    }

    /// UCS-2 little-endian of `text`, padded with `20 00` to `bytes`.
    static func ucs2(_ text: String, _ bytes: Int) -> [UInt8] {
        var out = [UInt8]()
        for unit in text.utf16 { out += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        while out.count < bytes { out += [0x20, 0x00] }
        return out
    }

    /// The ISO 7064 MOD 11-2 check character, computed here again: Σ digit × 2^(17-i) mod 11 → "10X98765432".
    static func checkCharacter(_ first17: String) -> Character {
        var sum = 0
        for (index, character) in first17.enumerated() {
            var weight = 1
            for _ in 0..<(17 - index) { weight = weight * 2 % 11 }
            sum += (character.wholeNumberValue ?? 0) * weight
        }
        return Array("10X98765432")[sum % 11]
    }

    /// A text block for a fictional citizen, field by field as PROTOCOLS §1 lays it out.
    static func textBlock(
        name: String = "张测试", gender: String = "1", nation: String = "01", birth: String = "19850312",
        address: String = "测试省示例市虚构区模拟路001号", idNumber: String = "990101198503120010",
        authority: String = "示例市公安局虚构分局", validFrom: String = "20150601", validTo: String = "20350601"
    ) -> [UInt8] {
        ucs2(name, 30) + ucs2(gender, 2) + ucs2(nation, 4) + ucs2(birth, 16) + ucs2(address, 70) + ucs2(idNumber, 36)
            + ucs2(authority, 30) + ucs2(validFrom, 16) + ucs2(validTo, 16) + ucs2("", 36)
    }

    // MARK: Waiting

    /// A logger that drops everything.
    static let logger = Logger(label: "kioskd.test.idcard", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body`, failing instead of hanging when it takes longer than `limit`.
    static func withDeadline<T: Sendable>(
        _ limit: Duration = .seconds(15),
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw Failure(description: "the test did not finish within \(limit)")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw Failure(description: "no result") }
            return first
        }
    }

    /// The error `body` throws, or a failure when it returns.
    static func error<T: Sendable>(_ body: () async throws(IDCardError) -> T) async throws -> IDCardError {
        let value: T
        do {
            value = try await body()
        } catch {
            return error
        }
        throw Failure(description: "expected an error, got \(value)")
    }

    // MARK: Emulator and reader

    /// Short timeouts and polls, so that the failure paths end quickly.
    static let fastConfiguration = IDCardReaderConfiguration(
        retries: 2, pollInterval: .milliseconds(20), answerAllowance: .milliseconds(250)
    )

    /// A fresh folder for links.
    static func makeFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-idcard-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Lifts the card and returns once the reader has sent at least one more command, so a poll has seen the
    /// empty reader (a fixed pause is not enough on a loaded machine).
    static func liftAndAwaitPoll(_ emulator: IDCardEmulator) async throws {
        let before = emulator.traffic.received
        emulator.lift()
        try await awaitPoll(emulator, since: before)
    }

    /// Returns once the emulator has received more than `since` bytes from the reader, that is once it polls again.
    static func awaitPoll(_ emulator: IDCardEmulator, since before: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while emulator.traffic.received <= before {
            guard ContinuousClock.now < deadline else { throw Failure(description: "the reader sent nothing for 10 s") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Starts an emulator on a pty, opens a reader through the link, runs `body`, and tears both down.
    static func withEmulator<T: Sendable>(
        configuration: IDCardReaderConfiguration = fastConfiguration,
        pacedBaud: Int? = nil,
        counters: (any DeviceCounterStore)? = nil,
        limit: Duration = .seconds(20),
        _ body: @escaping @Sendable (IDCardEmulator, IDCardReader) async throws -> T
    ) async throws -> T {
        try await withDeadline(limit) {
            let folder = try makeFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let link = folder + "/idcard"
            let emulator = try await IDCardEmulator.start(linkPath: link, pacedBaud: pacedBaud)
            let reader: IDCardReader
            do {
                reader = try await IDCardReader.open(
                    serial: SerialPort(path: link, settings: SerialSettings(baud: configuration.baud)),
                    configuration: configuration, deviceID: "id-reader", counters: counters, logger: logger
                )
            } catch {
                await emulator.stop()
                throw error
            }
            do {
                let result = try await body(emulator, reader)
                await reader.close()
                await emulator.stop()
                return result
            } catch {
                await reader.close()
                await emulator.stop()
                throw error
            }
        }
    }
}

/// Counters kept in memory.
final class IDCardMemoryCounters: DeviceCounterStore {
    private let values = Mutex<[String: [String: Int64]]>([:])

    func add(_ amounts: [String: Int64], to deviceID: String) async throws {
        values.withLock { values in
            for (name, amount) in amounts { values[deviceID, default: [:]][name, default: 0] += amount }
        }
    }

    func counters(of deviceID: String) async throws -> [String: Int64] {
        values.withLock { $0[deviceID] ?? [:] }
    }
}

/// An instant of `IDCardTestClock`: time since the clock's origin.
struct IDCardTestInstant: InstantProtocol {
    var offset: Duration

    func advanced(by duration: Duration) -> IDCardTestInstant { IDCardTestInstant(offset: offset + duration) }
    func duration(to other: IDCardTestInstant) -> Duration { other.offset - offset }
    static func < (lhs: IDCardTestInstant, rhs: IDCardTestInstant) -> Bool { lhs.offset < rhs.offset }
}

/// A clock that moves only when told: the state machine's time, with no sleeping.
struct IDCardTestClock {
    private(set) var now = IDCardTestInstant(offset: .zero)

    mutating func advance(by duration: Duration) {
        now = now.advanced(by: duration)
    }
}
