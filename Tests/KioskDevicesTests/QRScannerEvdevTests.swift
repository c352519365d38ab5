import Glibc
import KioskCore
import KioskDevices
import NIOCore
import Testing

/// The keyboard-mode driver's evdev reading path on a real descriptor: `struct input_event`s written into one end of
/// a socket pair are read by the same reader and driver code as a /dev/input/eventN node.
@Suite("QR scanner keyboard mode over a socket pair")
struct QRScannerEvdevTests {
    typealias Key = QRScannerKeystrokeTests.Key
    private let logger = QRScannerTestSupport.logger

    /// The two ends: the driver reads `device`, the test writes `keyboard`.
    struct Pair {
        let device: QREvdevDevice
        let keyboard: CInt

        init(path: String = "socketpair:scanner") throws {
            var ends: [CInt] = [-1, -1]
            guard socketpair(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
                throw QRScannerTestSupport.Failure(description: "socketpair failed: errno \(errno)")
            }
            device = QREvdevDevice(adopting: ends[0], path: path)
            keyboard = ends[1]
        }

        /// Writes the events as the kernel lays them out, in as many pieces as `pieces` (split inside events).
        func type(_ events: [QRInputEvent], pieces: Int = 1) throws {
            var buffer = ByteBuffer()
            for event in events { buffer.writeQRInputEvent(event) }
            let bytes = Array(buffer.readableBytesView)
            let size = max(1, (bytes.count + pieces - 1) / pieces)
            for start in stride(from: 0, to: bytes.count, by: size) {
                let piece = Array(bytes[start..<min(bytes.count, start + size)])
                guard (piece.withUnsafeBytes { send(keyboard, $0.baseAddress, $0.count, CInt(MSG_NOSIGNAL)) }) == piece.count else {
                    throw QRScannerTestSupport.Failure(description: "send failed: errno \(errno)")
                }
            }
        }

        /// Unplugs the keyboard side.
        func unplug() {
            close(keyboard)
        }
    }

    static func typing(_ keys: [UInt16]) -> [QRInputEvent] {
        keys.flatMap { QRScannerKeystrokeTests.press($0) } + QRScannerKeystrokeTests.press(Key.enter)
    }

    @Test("grabbing something that is not an evdev node fails with .notAnInputDevice")
    func grabNeedsEvdev() throws {
        let pair = try Pair()
        defer { pair.device.close(); pair.unplug() }
        #expect(throws: QRScannerError.notAnInputDevice(path: "socketpair:scanner")) { try pair.device.grab() }
    }

    @Test("codes typed into the descriptor arrive in order, also when events are split across reads")
    func codesArrive() async throws {
        let logger = self.logger
        try await QRScannerTestSupport.withDeadline {
            // Given the driver reading one end.
            let pair = try Pair()
            defer { pair.unplug() }
            let scanner = HIDQRScanner(path: "socketpair:scanner", logger: logger)
            let events = scanner.events(reading: pair.device)

            // When a case number and a link are typed, the second in seven pieces.
            try pair.type(Self.typing([Key.k4, Key.k0, Key.k0, Key.k2]))
            try pair.type(
                Self.typing([Key.h, Key.t, Key.t, Key.p]) + QRScannerKeystrokeTests.shifted(Key.semicolon)
                    + Self.typing([Key.slash, Key.slash, Key.a, Key.dot, Key.c, Key.n]),
                pieces: 7)

            // Then both arrive, in order; the Enter in the middle of the second line ends a code of its own.
            let received = try await QRScannerTestSupport.next(3, of: events)
            #expect(received == QRScannerKeystrokeTests.codes("4002", "http", "://a.cn"))
            #expect(scanner.isReading)
        }
    }

    @Test("the keyboard going away ends the sequence with .disconnected")
    func unplugEnds() async throws {
        let logger = self.logger
        try await QRScannerTestSupport.withDeadline {
            let pair = try Pair()
            let events = HIDQRScanner(path: "socketpair:scanner", logger: logger).events(reading: pair.device)
            try pair.type(Self.typing([Key.k1]))

            pair.unplug()

            var iterator = events.makeAsyncIterator()
            #expect(try await iterator.next() == QRScannerTestSupport.scanned("1"))
            await #expect(throws: QRScannerError.disconnected(path: "socketpair:scanner")) { try await iterator.next() }
        }
    }

    @Test("ending the iteration closes the descriptor (which releases a grab)")
    func stopClosesDescriptor() async throws {
        let logger = self.logger
        try await QRScannerTestSupport.withDeadline {
            let pair = try Pair()
            defer { pair.unplug() }
            let scanner = HIDQRScanner(path: "socketpair:scanner", logger: logger)
            do {
                let events = scanner.events(reading: pair.device)
                try pair.type(Self.typing([Key.k1]))
                _ = try await QRScannerTestSupport.next(1, of: events)
            }

            // The device's end closes: a send from the keyboard's end then fails with EPIPE.
            var closed = false
            while !closed {
                let byte: [UInt8] = [0]
                closed = byte.withUnsafeBytes { send(pair.keyboard, $0.baseAddress, 1, CInt(MSG_NOSIGNAL)) } < 0 && errno == EPIPE
                if !closed { try await Task.sleep(for: .milliseconds(10)) }
            }
            while scanner.isReading { try await Task.sleep(for: .milliseconds(10)) }
        }
    }

    @Test("the probe: a missing node is noDevice, a file that is not a device is offline, an openable one online")
    func probe() throws {
        let folder = try QRScannerTestSupport.makeFolder()
        defer { QRScannerTestSupport.removeFolder(folder) }
        let file = folder + "/event0"
        try QRScannerTestSupport.createFile(file)

        let missing = HIDQRScanner(path: folder + "/event9", logger: logger).probe()
        let notDevice = HIDQRScanner(path: file, logger: logger).probe()
        let device = HIDQRScanner(path: "/dev/null", logger: logger).probe()

        #expect(missing.state == .noDevice)
        #expect(missing.detail.contains("does not exist"))
        #expect(notDevice == QRScannerHealth(state: .offline, detail: QRScannerError.notAnInputDevice(path: file).description))
        #expect(device.state == .online)
    }

    @Test("opening a missing node fails with .notFound, before anything is read")
    func openMissing() throws {
        #expect(throws: QRScannerError.notFound(path: "/nonexistent/input/event7")) {
            _ = try HIDQRScanner(path: "/nonexistent/input/event7", logger: logger).events()
        }
    }
}

