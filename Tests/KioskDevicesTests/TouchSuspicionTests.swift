import Foundation
import Glibc
import KioskCore
import KioskDevices
import NIOCore
import Synchronization
import Testing

/// The "no touch while sessions timed out untouched" heuristic: the value type with times given, and the touch display
/// reading contacts from a real descriptor (one end of a socket pair, through the same evdev reader as
/// /dev/input/eventN) with a hand-moved clock.
@Suite("Touch panel suspicion")
struct TouchSuspicionTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
    }

    /// One finger down and up on a multi-touch panel, as the kernel reports it.
    static let tap: [QRInputEvent] = [
        QRInputEvent(type: 0x03, code: 0x39, value: 7),  // ABS_MT_TRACKING_ID 7
        QRInputEvent(type: 0x03, code: 0x35, value: 512),  // ABS_MT_POSITION_X
        QRInputEvent(type: 0x03, code: 0x36, value: 300),  // ABS_MT_POSITION_Y
        QRInputEvent(type: 0x01, code: 0x14A, value: 1),  // BTN_TOUCH down
        QRInputEvent(type: 0x00, code: 0, value: 0),  // SYN_REPORT
        QRInputEvent(type: 0x03, code: 0x39, value: -1),
        QRInputEvent(type: 0x01, code: 0x14A, value: 0),  // BTN_TOUCH up
        QRInputEvent(type: 0x00, code: 0, value: 0),
    ]

    @Test("three expiries with no touch and six quiet hours make the panel suspect; a touch clears it")
    func valueType() {
        let start = ContinuousClock.now
        var suspicion = TouchSuspicion(quietPeriod: .seconds(6 * 3600), untouchedSessions: 3, since: start)
        for _ in 0..<3 { suspicion.sessionEnded(expired: true) }
        #expect(!suspicion.isSuspect(at: start + .seconds(6 * 3600 - 1)))
        #expect(suspicion.isSuspect(at: start + .seconds(6 * 3600)))
        suspicion.touched(at: start + .seconds(7 * 3600))
        #expect(suspicion.untouchedExpiries == 0)
        #expect(!suspicion.isSuspect(at: start + .seconds(20 * 3600)))
    }

    @Test("finished, cancelled and failed sessions do not count; two expiries are not enough")
    func onlyExpiriesCount() {
        let start = ContinuousClock.now
        var suspicion = TouchSuspicion(quietPeriod: .seconds(60), untouchedSessions: 3, since: start)
        suspicion.sessionEnded(expired: false)
        suspicion.sessionEnded(expired: true)
        suspicion.sessionEnded(expired: false)
        suspicion.sessionEnded(expired: true)
        #expect(suspicion.untouchedExpiries == 2)
        #expect(!suspicion.isSuspect(at: start + .seconds(3600)))
    }

    @Test("contacts read from the panel's node keep it trusted; quiet with untouched expiries gives the warning")
    func deviceReadsContacts() async throws {
        // Given a touch display watching one end of a socket pair, with a one-hour quiet period.
        let root = try DisplayTouchTests.makeSysfs()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var ends: [CInt] = [-1, -1]
        try #require(socketpair(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0, &ends) == 0)
        defer { close(ends[1]) }
        let clock = ManualClock()
        let device = TouchDisplayDevice(
            id: "touch-display", settings: TouchDisplaySettings(idleTouchSuspicion: .seconds(3600), untouchedSessions: 3),
            sysfs: DisplaySysfs(root: root), touchscreens: { DisplayTouchTests.touch }, now: { clock.now })
        device.watch(QREvdevDevice(adopting: ends[0], path: "socketpair:touch"))
        defer { Task { await device.stop() } }

        // When a finger taps the panel, the device sees one contact.
        try Self.send(Self.tap, to: ends[1])
        try await Self.waitUntil("one contact seen") { device.touches == 1 }

        // Then three untouched expiries and 59 quiet minutes are not enough…
        for _ in 0..<3 { device.sessionEnded(expired: true) }
        clock.advance(.seconds(59 * 60))
        let early = await device.probe(level: .internal)
        #expect(early.fault == nil && early.state == .online)
        #expect(early.facts["touch.watching"] == "socketpair:touch")
        #expect(early.facts["touch.touches"] == "1")

        // …an hour is: the panel is suspect, a warning while the device stays online.
        clock.advance(.seconds(60))
        let suspect = await device.probe(level: .internal)
        #expect(suspect.fault == .displayTouchUnresponsive)
        #expect(suspect.state == .online)
        #expect(suspect.detail.hasPrefix("touch panel may be unresponsive: no touch for 1h 0m while 3 sessions"))
        #expect(suspect.facts["touch.untouched-expiries"] == "3")

        // And a touch clears it at once.
        try Self.send(Self.tap, to: ends[1])
        try await Self.waitUntil("the second contact seen") { device.touches == 2 }
        let cleared = await device.probe(level: .internal)
        #expect(cleared.fault == nil)
        #expect(cleared.facts["touch.untouched-expiries"] == "0")
    }

    @Test("without a bound evdev node touches are not watched and the panel is never suspected")
    func unboundNeverSuspect() async throws {
        let root = try DisplayTouchTests.makeSysfs()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let clock = ManualClock()
        let device = TouchDisplayDevice(
            id: "touch-display", settings: TouchDisplaySettings(idleTouchSuspicion: .seconds(1), untouchedSessions: 1),
            sysfs: DisplaySysfs(root: root), touchscreens: { DisplayTouchTests.touch }, now: { clock.now })
        await device.start()
        device.sessionEnded(expired: true)
        clock.advance(.seconds(3600))
        let report = await device.probe(level: .internal)
        #expect(report.fault == nil)
        #expect(report.facts["touch.watching"]?.hasPrefix("no: no evdev node bound") == true)
    }

    @Test("the backlight is written only where the profile allows it, and only within max_brightness")
    func backlightWrites() throws {
        let root = try DisplayTouchTests.makeSysfs()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let locked = TouchDisplayDevice(id: "touch-display", sysfs: DisplaySysfs(root: root), touchscreens: { [] })
        #expect(throws: DisplayError.backlightNotWritable(profile: "display/generic-touch")) { try locked.setBrightness(30) }
        #expect(DisplaySysfs(root: root).backlights().first?.brightness == 80)

        let allowed = TouchDisplayDevice(
            id: "touch-display", settings: TouchDisplaySettings(backlightWritable: true), sysfs: DisplaySysfs(root: root), touchscreens: { [] })
        try allowed.setBrightness(5)
        #expect(DisplaySysfs(root: root).backlights().first?.brightness == 5)
        #expect(throws: DisplayError.brightnessOutOfRange(value: 101, maximum: 100)) { try allowed.setBrightness(101) }
        #expect(throws: DisplayError.backlightNotFound(name: "acpi_video0")) { try allowed.setBrightness(5, backlight: "acpi_video0") }
    }

    static func send(_ events: [QRInputEvent], to descriptor: CInt) throws {
        var buffer = ByteBuffer()
        for event in events { buffer.writeQRInputEvent(event) }
        let bytes = Array(buffer.readableBytesView)
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, CInt(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw DisplayTouchTests.Failure(description: "send failed: errno \(errno)") }
    }

    /// Polls `condition` until it holds; fails after 10 s (a loaded CI machine may take a while to schedule the reader).
    static func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw DisplayTouchTests.Failure(description: "not within 10 s: \(what)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
