import Glibc
import KioskCore
import KioskTransport
import Testing

/// The serial transport against a pseudo-terminal whose far end plays a scripted device.
@Suite("Serial port over a pseudo-terminal")
struct SerialPortTests {
    private static let script = ["PING\r\n": "PONG\r\n", "AT+VER?\r\n": "+VER: 2.1\r\nOK\r\n"]
    private let logger = SerialTestSupport.logger

    @Test("opens by a stable by-id link, reports the real node, and round-trips a command")
    func roundTripThroughStableLink() async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link).open(logger: logger)

            try await connection.write(Array("PING\r\n".utf8))
            let reply = try await connection.read(count: 6, timeout: .seconds(2))
            await connection.close()

            #expect(reply == Array("PONG\r\n".utf8))
            #expect(connection.path == link)
            #expect(connection.devicePath == terminal.slavePath)
            #expect(try await terminal.unknownCommands().isEmpty)
        }
    }

    @Test("readLine returns each line without its terminator")
    func readLineSplitsLines() async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link).open(logger: logger)

            try await connection.write(Array("AT+VER?\r\n".utf8))
            let first = try await connection.readLine(timeout: .seconds(2))
            let second = try await connection.readLine(timeout: .seconds(2))
            await connection.close()

            #expect(first == Array("+VER: 2.1".utf8))
            #expect(second == Array("OK".utf8))
        }
    }

    @Test("readLine with a CR terminator reads a scanner's codes sent in one burst")
    func readLineWithCarriageReturn() async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link).open(logger: logger)

            try await terminal.send("4006381333931\r9787115\r")
            let first = try await connection.readLine(terminator: [0x0D], timeout: .seconds(2))
            let second = try await connection.readLine(terminator: [0x0D], timeout: .seconds(2))
            await connection.close()

            #expect(first == Array("4006381333931".utf8))
            #expect(second == Array("9787115".utf8))
        }
    }

    @Test("read(count:) waits for bytes that arrive in pieces")
    func readCountCollectsPieces() async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link).open(logger: logger)

            async let five = connection.read(count: 5, timeout: .seconds(2))
            try await terminal.send("AB")
            try await Task.sleep(for: .milliseconds(20))
            try await terminal.send("CDE")
            let bytes = try await five
            await connection.close()

            #expect(bytes == Array("ABCDE".utf8))
        }
    }

    /// SwiftNIO reads again when a read fills its buffer; a tty set to VMIN=0 answers that read with 0 bytes, which
    /// NIO takes for end of file. The port therefore uses VMIN=1 (with O_NONBLOCK an empty read is EAGAIN).
    @Test(
        "a burst that fills the channel's receive buffer, or more, arrives whole and the port stays open",
        arguments: [2048, 65536]
    )
    func largeBurstArrivesWhole(size: Int) async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link).open(logger: logger)
            let burst = String(repeating: "0123456789ABCDEF", count: size / 16)

            try await terminal.send(burst)
            let bytes = try await connection.read(count: burst.utf8.count, timeout: .seconds(5))
            try await connection.write(Array("PING\r\n".utf8))
            let reply = try await connection.readLine(timeout: .seconds(2))
            await connection.close()

            #expect(bytes == Array(burst.utf8))
            #expect(reply == Array("PONG".utf8))
        }
    }

    @Test("read(timeout:) returns the bytes that have arrived")
    func readReturnsAvailableBytes() async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link).open(logger: logger)

            try await terminal.send("\u{06}")
            let bytes = try await connection.read(timeout: .seconds(2))
            await connection.close()

            #expect(bytes == [0x06])
        }
    }

    @Test("a read with nothing sent ends with .timeout")
    func readTimesOut() async throws {
        try await withDevice { _, link in
            let connection = try await SerialPort(path: link).open(logger: logger)

            await #expect(throws: SerialError.timeout(path: link, after: .milliseconds(200))) {
                try await connection.read(timeout: .milliseconds(200))
            }
            await connection.close()
        }
    }

    /// The Linux pty driver forces CS8 and clears PARENB on every tcsetattr (drivers/tty/pty.c), so character size
    /// and parity are pinned on the termios value handed to the kernel (`TermiosSettingsTests`), not read back here.
    @Test(
        "the line settings reach the tty: speed, stop bits, flow control, raw mode",
        arguments: [
            SerialSettings(baud: 9600, dataBits: 7, parity: .even, stopBits: 2, flowControl: .rtsCts),
            SerialSettings(baud: 57600, dataBits: 8, parity: .odd, stopBits: 1, flowControl: .xonXoff),
            SerialSettings.default,
        ]
    )
    func settingsAreApplied(settings: SerialSettings) async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link, settings: settings).open(logger: logger)
            var attributes = try terminal.slaveAttributes()
            await connection.close()

            let expectedSpeed: Int32 = switch settings.baud {
            case 9600: B9600
            case 57600: B57600
            default: B115200
            }
            #expect(cfgetospeed(&attributes) == speed_t(expectedSpeed))
            #expect(cfgetispeed(&attributes) == speed_t(expectedSpeed))
            #expect((attributes.c_cflag & tcflag_t(CSTOPB) != 0) == (settings.stopBits == 2))
            #expect((attributes.c_cflag & tcflag_t(CRTSCTS) != 0) == (settings.flowControl == .rtsCts))
            #expect((attributes.c_iflag & tcflag_t(IXON) != 0) == (settings.flowControl == .xonXoff))
            #expect((attributes.c_iflag & tcflag_t(IXOFF) != 0) == (settings.flowControl == .xonXoff))
            #expect(attributes.c_cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
            #expect(attributes.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
        }
    }

    @Test("an unsupported baud rate is refused before the port is touched, and leaves it free")
    func unsupportedBaudIsRefused() async throws {
        try await withDevice { _, link in
            await #expect(throws: SerialError.unsupportedSettings(reason: SerialSettings.Problem.unsupportedBaud(12345).description)) {
                try await SerialPort(path: link, settings: SerialSettings(baud: 12345)).open(logger: logger)
            }

            let connection = try await SerialPort(path: link).open(logger: logger)
            await connection.close()
        }
    }

    @Test("a second open of the same port, by link or by node, is .portBusy until the first closes; the tty is TIOCEXCL and flocked")
    func secondOpenIsBusy() async throws {
        try await withDevice { terminal, link in
            let first = try await SerialPort(path: link).open(logger: logger)

            await #expect(throws: SerialError.portBusy(path: link)) {
                try await SerialPort(path: link).open(logger: logger)
            }
            await #expect(throws: SerialError.portBusy(path: terminal.slavePath)) {
                try await SerialPort(path: terminal.slavePath).open(logger: logger)
            }

            #expect(try terminal.isExclusive())
            #expect(terminal.isLockedElsewhere())

            await first.close()
            #expect(terminal.isLockedElsewhere() == false)
            let again = try await SerialPort(path: link).open(logger: logger)
            await again.close()
        }
    }

    @Test("a path with nothing behind it is .notFound")
    func missingPathIsNotFound() async throws {
        let folder = try SerialTestSupport.makeDeviceFolder()
        defer { SerialTestSupport.removeDeviceFolder(folder) }
        let missing = folder + "/by-id/usb-Nobody_Scanner-if00-port0"
        let dangling = folder + "/by-id/usb-Unplugged_Printer-if00-port0"
        try SerialTestSupport.pointLink(dangling, at: folder + "/ttyUSB9")

        await #expect(throws: SerialError.notFound(path: missing)) {
            try await SerialPort(path: missing).open(logger: logger)
        }
        await #expect(throws: SerialError.notFound(path: dangling)) {
            try await SerialPort(path: dangling).open(logger: logger)
        }
    }

    @Test("a regular file is .notATerminal")
    func regularFileIsNotATerminal() async throws {
        let folder = try SerialTestSupport.makeDeviceFolder()
        defer { SerialTestSupport.removeDeviceFolder(folder) }
        let file = folder + "/by-id/not-a-tty"
        let fd = creat(file, 0o644)
        try #require(fd >= 0)
        Glibc.close(fd)

        await #expect(throws: SerialError.notATerminal(path: file)) {
            try await SerialPort(path: file).open(logger: logger)
        }
        #expect(SerialTestSupport.descriptorCount(pointingAt: file) == 0)
    }

    @Test("close ends a pending read with .closed")
    func closeEndsPendingRead() async throws {
        try await withDevice { _, link in
            let connection = try await SerialPort(path: link).open(logger: logger)

            let pending = Task { try await connection.read(timeout: .seconds(5)) }
            try await Task.sleep(for: .milliseconds(50))
            await connection.close()

            await #expect(throws: SerialError.closed(path: link)) { try await pending.value }

            await #expect(throws: SerialError.closed(path: link)) {
                try await connection.write(Array("PING\r\n".utf8))
            }
        }
    }

    @Test("a cancelled read ends at once and the next read still gets its bytes")
    func cancelledReadEnds() async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link).open(logger: logger)

            let pending = Task { try await connection.read(timeout: .seconds(5)) }
            try await Task.sleep(for: .milliseconds(50))
            pending.cancel()
            await #expect(throws: CancellationError.self) { try await pending.value }

            try await terminal.send("OK\r\n")
            let line = try await connection.readLine(timeout: .seconds(2))
            await connection.close()

            #expect(line == Array("OK".utf8))
        }
    }

    @Test("unplug: a pending read ends with .disconnected, the descriptors close, and a replug by the same link works")
    func hangUpThenReplug() async throws {
        try await SerialTestSupport.withDeadline {
            let folder = try SerialTestSupport.makeDeviceFolder()
            defer { SerialTestSupport.removeDeviceFolder(folder) }
            let link = folder + "/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0"

            // Given a port opened by its stable link, with a read waiting.
            let unplugged = try await PseudoTerminal.make(script: Self.script)
            try SerialTestSupport.pointLink(link, at: unplugged.slavePath)
            let before = SerialTestSupport.descriptorCount(pointingAt: unplugged.slavePath)
            let connection = try await SerialPort(path: link).open(logger: logger)
            #expect(SerialTestSupport.descriptorCount(pointingAt: unplugged.slavePath) > before)
            let pending = Task { try await connection.read(timeout: .seconds(5)) }
            try await Task.sleep(for: .milliseconds(50))

            // When the device goes away.
            await unplugged.hangUp()

            // Then the read ends, later reads and writes end the same way, and every descriptor is closed.
            await #expect(throws: SerialError.disconnected(path: link)) { try await pending.value }
            await #expect(throws: SerialError.disconnected(path: link)) {
                try await connection.read(timeout: .seconds(1))
            }
            await #expect(throws: SerialError.disconnected(path: link)) {
                try await connection.write(Array("PING\r\n".utf8))
            }
            try await connection.channel.closeFuture.get()
            #expect(SerialTestSupport.descriptorCount(pointingAt: unplugged.slavePath) == before)
            await connection.close()
            await unplugged.close()

            // When the device comes back under another node, and udev points the same link at it.
            let replugged = try await PseudoTerminal.make(script: Self.script)
            try SerialTestSupport.pointLink(link, at: replugged.slavePath)
            let reopened = try await SerialPort(path: link).open(logger: logger)
            try await reopened.write(Array("PING\r\n".utf8))
            let reply = try await reopened.readLine(timeout: .seconds(2))
            await reopened.close()
            await replugged.close()

            // Then the same path reaches it.
            #expect(reopened.devicePath == replugged.slavePath)
            #expect(reply == Array("PONG".utf8))
        }
    }

    @Test(
        "a tty hung up by the kernel, as on a USB-serial unplug, ends reads with .disconnected",
        .enabled(if: geteuid() == 0, "TIOCVHANGUP needs root")
    )
    func kernelHangUpDisconnects() async throws {
        try await withDevice { terminal, link in
            let connection = try await SerialPort(path: link).open(logger: logger)
            let pending = Task { try await connection.read(timeout: .seconds(5)) }
            try await Task.sleep(for: .milliseconds(50))

            try terminal.hangUpTTY()

            await #expect(throws: SerialError.disconnected(path: link)) { try await pending.value }
            try await connection.channel.closeFuture.get()
            await connection.close()
        }
    }

    /// Runs `body` with a fresh scripted device reachable through a by-id link, under a deadline, and cleans up.
    private func withDevice(
        _ body: @escaping @Sendable (PseudoTerminal, String) async throws -> Void
    ) async throws {
        try await SerialTestSupport.withDeadline {
            let folder = try SerialTestSupport.makeDeviceFolder()
            defer { SerialTestSupport.removeDeviceFolder(folder) }
            let terminal = try await PseudoTerminal.make(script: Self.script)
            let link = folder + "/by-id/usb-Kiosk_Emulated_Device_0001-if00-port0"
            try SerialTestSupport.pointLink(link, at: terminal.slavePath)
            do {
                try await body(terminal, link)
            } catch {
                await terminal.close()
                throw error
            }
            await terminal.close()
        }
    }
}
