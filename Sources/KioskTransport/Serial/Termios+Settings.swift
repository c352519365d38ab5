import Glibc
import KioskCore

extension termios {
    /// Raw mode with the line framed as `settings` says, VMIN=1 and VTIME=0.
    ///
    /// Not VMIN=0: on a tty with VMIN=0 and VTIME=0 a read with nothing waiting returns 0 bytes even with O_NONBLOCK,
    /// and SwiftNIO (which reads again whenever a read fills its buffer) takes 0 bytes for end of file and closes the
    /// channel. With VMIN=1 and O_NONBLOCK such a read fails with EAGAIN, and reads never block either way.
    mutating func configure(for settings: SerialSettings) throws(SerialError) {
        if let problem = settings.problem {
            throw .unsupportedSettings(reason: problem.description)
        }
        guard let speed = Self.speed(forBaud: settings.baud) else {
            throw .unsupportedSettings(reason: SerialSettings.Problem.unsupportedBaud(settings.baud).description)
        }
        cfmakeraw(&self)
        guard cfsetispeed(&self, speed) == 0, cfsetospeed(&self, speed) == 0 else {
            throw .unsupportedSettings(reason: "the tty driver refused baud rate \(settings.baud)")
        }

        c_cflag &= ~tcflag_t(CSIZE | PARENB | PARODD | CSTOPB)
        c_cflag &= ~tcflag_t(CRTSCTS)
        c_cflag |= Self.characterSize(forDataBits: settings.dataBits)
        c_cflag |= tcflag_t(CLOCAL | CREAD)
        switch settings.parity {
        case .none:
            c_iflag &= ~tcflag_t(INPCK)
        case .even:
            c_cflag |= tcflag_t(PARENB)
            c_iflag |= tcflag_t(INPCK)
        case .odd:
            c_cflag |= tcflag_t(PARENB | PARODD)
            c_iflag |= tcflag_t(INPCK)
        }
        if settings.stopBits == 2 {
            c_cflag |= tcflag_t(CSTOPB)
        }

        c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        switch settings.flowControl {
        case .none:
            break
        case .rtsCts:
            c_cflag |= tcflag_t(CRTSCTS)
        case .xonXoff:
            c_iflag |= tcflag_t(IXON | IXOFF)
        }

        withUnsafeMutableBytes(of: &c_cc) { controlCharacters in
            controlCharacters[Int(VMIN)] = 1
            controlCharacters[Int(VTIME)] = 0
        }
    }

    /// The termios speed constant for a standard rate (`SerialSettings.standardBaudRates`), nil for others.
    static func speed(forBaud baud: Int) -> speed_t? {
        let constant: Int32
        switch baud {
        case 1200: constant = B1200
        case 1800: constant = B1800
        case 2400: constant = B2400
        case 4800: constant = B4800
        case 9600: constant = B9600
        case 19200: constant = B19200
        case 38400: constant = B38400
        case 57600: constant = B57600
        case 115_200: constant = B115200
        case 230_400: constant = B230400
        case 460_800: constant = B460800
        case 500_000: constant = B500000
        case 576_000: constant = B576000
        case 921_600: constant = B921600
        default: return nil
        }
        return speed_t(constant)
    }

    /// The CSIZE bits for 5 to 8 data bits.
    static func characterSize(forDataBits dataBits: Int) -> tcflag_t {
        switch dataBits {
        case 5: return tcflag_t(CS5)
        case 6: return tcflag_t(CS6)
        case 7: return tcflag_t(CS7)
        default: return tcflag_t(CS8)
        }
    }
}
