import Glibc

/// The pseudo-terminal pair an emulator sits on: the master is the device's side, the slave (reached through a
/// symbolic link, like socat's `link=`) is the serial port kioskd opens.
///
/// The emulator keeps a descriptor of the slave open in raw mode, so that the master sees no hang-up between two
/// opens by the driver.
struct IDCardEmulatorTerminal: Sendable {
    let master: CInt
    let slave: CInt
    let slavePath: String

    /// A new pair, the master non-blocking, both close-on-exec, the slave in raw mode.
    static func open() throws(IDCardEmulatorError) -> IDCardEmulatorTerminal {
        var master: CInt = -1
        var slave: CInt = -1
        var name = [CChar](repeating: 0, count: 128)
        guard openpty(&master, &slave, &name, nil, nil) == 0 else {
            throw .pseudoTerminal("openpty: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        var attributes = termios()
        if tcgetattr(slave, &attributes) == 0 {
            cfmakeraw(&attributes)
            _ = tcsetattr(slave, TCSANOW, &attributes)
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return IDCardEmulatorTerminal(master: master, slave: slave, slavePath: path)
    }

    /// Points `link` at the slave, replacing an existing symbolic link atomically; refuses to replace anything else.
    func link(at link: String) throws(IDCardEmulatorError) {
        var status = stat()
        if lstat(link, &status) == 0, (status.st_mode & S_IFMT) != S_IFLNK {
            throw .linkPathTaken(link)
        }
        let temporary = link + ".tmp-\(getpid())"
        Glibc.unlink(temporary)
        guard symlink(slavePath, temporary) == 0 else {
            throw .link(path: link, reason: String(cString: strerror(errno)))
        }
        guard rename(temporary, link) == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.unlink(temporary)
            throw .link(path: link, reason: reason)
        }
    }

    /// Removes `link` if it still points at this pair's slave.
    func removeLink(_ link: String) {
        var target = [CChar](repeating: 0, count: 4096)
        let count = readlink(link, &target, target.count - 1)
        guard count > 0 else { return }
        let pointsAt = String(decoding: target.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if pointsAt == slavePath { Glibc.unlink(link) }
    }

    /// Closes the slave descriptor the emulator held (the master belongs to the channel).
    func closeSlave() {
        _ = Glibc.close(slave)
    }
}
