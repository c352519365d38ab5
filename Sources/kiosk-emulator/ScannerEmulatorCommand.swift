import ArgumentParser
import KioskEmulators

#if canImport(Glibc)
import Glibc
#endif

/// `kiosk-emulator scanner`: a serial QR scanner on the far side of a pseudo-terminal.
///
/// `kiosk-emulator scanner --pty PATH [--terminator crlf] [--baud 9600]` (the `serial` subcommand, the default) makes
/// a pty, links PATH to its slave, prints `ready SLAVE`, then scans each line of standard input (`scan TEXT` lines
/// too) with the terminator; at the end of input it unplugs (closes the pty, removes the link).
struct ScannerEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanner",
        abstract: "Emulate a serial QR scanner on a pseudo-terminal.",
        subcommands: [Serial.self, ReadHID.self],
        defaultSubcommand: Serial.self
    )
}

extension ScannerEmulatorCommand {
    /// `kiosk-emulator scanner [serial] --pty PATH`: the emulator itself.
    struct Serial: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serial",
            abstract: "Emulate a serial QR scanner on a pseudo-terminal (the default).",
            discussion: """
                Each line of standard input is sent as one scan, followed by the terminator; a line `scan TEXT` sends \
                TEXT. The end of input unplugs the scanner: the pseudo-terminal closes and the link is removed.
                """
        )

        @Option(name: .long, help: "Path of the link to make to the pseudo-terminal's slave (what kioskd opens).")
        var pty: String

        @Option(name: .long, help: "What ends each code: cr, lf or crlf.")
        var terminator: String = "crlf"

        @Option(name: .long, help: "Pace bytes as on a line at this baud rate (a pty sends at once otherwise).")
        var baud: Int?

        func validate() throws {
            guard ["cr", "lf", "crlf"].contains(terminator) else {
                throw ValidationError("--terminator must be cr, lf or crlf, not \(terminator)")
            }
            if let baud, baud <= 0 { throw ValidationError("--baud must be positive") }
        }

        func run() async throws {
            let emulator = try await QRScannerEmulator.start(
                link: pty,
                terminator: .init(rawValue: terminator) ?? .crlf,
                pacing: baud.map { .wire(baud: $0) } ?? .immediate)
            print("ready \(emulator.slavePath)")
            fflush(nil)
            while let line = readLine(strippingNewline: true) {
                switch QRScannerControlLine(parsing: line) {
                case .scan(let text):
                    try await emulator.scan(text)
                case .ignore:
                    continue
                }
            }
            await emulator.close()
        }
    }
}

extension ScannerEmulatorCommand {
    /// `kiosk-emulator scanner read-hid`: runs the real keyboard-mode driver on an evdev node and prints JSON lines.
    /// A test aid: umockdev replays evdev events only into a process it starts (`umockdev-run -e`).
    struct ReadHID: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read-hid",
            abstract: "Read codes from an evdev node with kioskd's keyboard-mode driver (test aid, for umockdev-run).",
            shouldDisplay: false
        )

        @Option(name: .long, help: "The evdev node, e.g. /dev/input/event5.")
        var device: String

        @Option(name: .long, help: "Stop after this many codes and rejections.")
        var count: Int = 1

        @Option(name: .customLong("max-length"), help: "The longest code, in characters.")
        var maxLength: Int = 2048

        @Flag(name: .customLong("no-grab"), help: "Do not take the device exclusively.")
        var noGrab = false

        func run() async throws {
            await HIDScannerReadout.run(path: device, grab: !noGrab, maxLength: maxLength, count: count) { line in
                print(HIDScannerReadout.json(line))
                fflush(nil)
            }
        }
    }
}
