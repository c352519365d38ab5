import Glibc
import KioskCore
import Testing

@testable import KioskTransport

/// The termios value built from line settings, before the kernel sees it (a pty would drop its parity and size bits).
@Suite("Serial termios from settings")
struct SerialTermiosTests {
    @Test(
        "character size follows the data bits",
        arguments: [(5, CS5), (6, CS6), (7, CS7), (8, CS8)]
    )
    func characterSize(dataBits: Int, size: Int32) throws {
        var attributes = termios()

        try attributes.configure(for: SerialSettings(dataBits: dataBits))

        #expect(attributes.c_cflag & tcflag_t(CSIZE) == tcflag_t(size))
    }

    @Test(
        "parity sets PARENB and PARODD, and checks input parity",
        arguments: [
            (SerialSettings.Parity.none, false, false),
            (SerialSettings.Parity.even, true, false),
            (SerialSettings.Parity.odd, true, true),
        ]
    )
    func parity(parity: SerialSettings.Parity, enabled: Bool, odd: Bool) throws {
        var attributes = termios()

        try attributes.configure(for: SerialSettings(parity: parity))

        #expect((attributes.c_cflag & tcflag_t(PARENB) != 0) == enabled)
        #expect((attributes.c_cflag & tcflag_t(PARODD) != 0) == odd)
        #expect((attributes.c_iflag & tcflag_t(INPCK) != 0) == enabled)
    }

    @Test("9600 7E2 with RTS/CTS sets speed, size, parity, stop bits and handshake; VMIN=1 so an empty read is EAGAIN, not end of file")
    func sevenEvenTwo() throws {
        var attributes = termios()

        try attributes.configure(for: SerialSettings(baud: 9600, dataBits: 7, parity: .even, stopBits: 2, flowControl: .rtsCts))

        #expect(cfgetospeed(&attributes) == speed_t(B9600))
        #expect(cfgetispeed(&attributes) == speed_t(B9600))
        #expect(attributes.c_cflag & tcflag_t(CSIZE | PARENB | PARODD | CSTOPB) == tcflag_t(CS7 | PARENB | CSTOPB))
        #expect(attributes.c_cflag & tcflag_t(CRTSCTS) != 0)
        #expect(attributes.c_iflag & tcflag_t(IXON | IXOFF) == 0)
        let (vmin, vtime) = withUnsafeBytes(of: attributes.c_cc) { ($0[Int(VMIN)], $0[Int(VTIME)]) }
        #expect(vmin == 1)
        #expect(vtime == 0)
    }

    @Test("every standard rate has its termios constant", arguments: SerialSettings.standardBaudRates)
    func standardRateHasConstant(baud: Int) {
        #expect(termios.speed(forBaud: baud) != nil)
    }

    @Test("an unsupported rate is a typed error naming the rate")
    func unsupportedRate() {
        var attributes = termios()

        #expect(throws: SerialError.unsupportedSettings(reason: SerialSettings.Problem.unsupportedBaud(250_000).description)) {
            try attributes.configure(for: SerialSettings(baud: 250_000))
        }
    }
}
