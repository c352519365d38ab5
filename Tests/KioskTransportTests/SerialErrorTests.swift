import Glibc
import Testing

@testable import KioskTransport

/// What a failed system call on a serial port becomes, and what the maintainer reads.
@Suite("Serial errors")
struct SerialErrorTests {
    private static let path = "/dev/serial/by-id/usb-Prolific_PL2303-if00-port0"

    @Test(
        "errno values map to the error a maintainer can act on",
        arguments: [
            (ENOENT, SerialError.notFound(path: path)),
            (ENODEV, SerialError.notFound(path: path)),
            (ENXIO, SerialError.notFound(path: path)),
            (EACCES, SerialError.permissionDenied(path: path)),
            (EPERM, SerialError.permissionDenied(path: path)),
            (EBUSY, SerialError.portBusy(path: path)),
            (EWOULDBLOCK, SerialError.portBusy(path: path)),
            (ENOTTY, SerialError.notATerminal(path: path)),
            (EIO, SerialError.disconnected(path: path)),
        ]
    )
    func errnoMapping(code: CInt, expected: SerialError) {
        #expect(SerialError(errno: code, path: Self.path, doing: "open") == expected)
    }

    @Test("any other errno is an I/O failure naming the call and the system's words")
    func otherErrnoIsIOFailure() {
        let error = SerialError(errno: EINVAL, path: Self.path, doing: "apply the line settings to")

        #expect(error == .ioFailure(path: Self.path, reason: "could not apply the line settings to it: Invalid argument (errno \(EINVAL))"))
    }

    @Test("permission denied tells the maintainer about the dialout group")
    func permissionDeniedNamesDialout() {
        #expect(SerialError.permissionDenied(path: Self.path).description.contains("dialout"))
    }

    @Test("every message names the port")
    func messagesNamePort() {
        let errors: [SerialError] = [
            .notFound(path: Self.path), .permissionDenied(path: Self.path), .portBusy(path: Self.path),
            .notATerminal(path: Self.path), .timeout(path: Self.path, after: .milliseconds(200)),
            .disconnected(path: Self.path), .closed(path: Self.path), .ioFailure(path: Self.path, reason: "x"),
        ]
        for error in errors {
            #expect(error.description.contains(Self.path))
        }
    }
}
