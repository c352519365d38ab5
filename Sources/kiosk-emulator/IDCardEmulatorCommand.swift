import ArgumentParser
import KioskEmulators

#if canImport(Glibc)
import Glibc
#endif

/// `kiosk-emulator idcard`: a GA 467 ID-card reader on the far side of a pseudo-terminal.
///
/// Makes a pty, links `--pty PATH` to its slave, prints `ready SLAVE`, then carries out control lines from standard
/// input, answering each with one line; at the end of input (or `quit`) it unplugs (closes the pty, removes the link).
struct IDCardEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idcard",
        abstract: "Emulate a GA 467 ID-card reader on a pseudo-terminal.",
        discussion: """
            Control lines on standard input: present NAME | lift | sam-fail on|off|silent | \
            corrupt on|off|once [checksum|truncate|garbage] | status | quit. \
            Cards (fictional test citizens): \(IDCardEmulatorCard.samples.map(\.key).joined(separator: ", ")). \
            The end of input unplugs the reader: the pseudo-terminal closes and the link is removed.
            """
    )

    @Option(name: .long, help: "Path of the link to make to the pseudo-terminal's slave (what kioskd opens).")
    var pty: String

    @Option(name: .long, help: "Card to present at start.")
    var card: String?

    @Flag(name: .long, help: "Pace answers as on a serial line at --baud (10 bits a byte); a pty sends at once otherwise.")
    var paced = false

    @Option(name: .long, help: "Baud rate the pacing models.")
    var baud: Int = 115_200

    @Flag(name: .long, help: "Find a card again after it was read without lifting it (most modules do not).")
    var lenient = false

    func validate() throws {
        guard baud > 0 else { throw ValidationError("--baud must be positive") }
        if let card, !IDCardEmulatorCard.samples.contains(where: { $0.key == card }) {
            throw ValidationError("no card \(card); known: \(IDCardEmulatorCard.samples.map(\.key).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let emulator = try await IDCardEmulator.start(linkPath: pty, pacedBaud: paced ? baud : nil)
        emulator.setRequiresLiftAfterRead(!lenient)
        if let card { try emulator.present(cardNamed: card) }
        print("ready \(emulator.devicePath)")
        fflush(nil)
        while let line = readLine(strippingNewline: true) {
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            guard let control = IDCardEmulatorControl(line: line) else {
                print("error: not a command; \(IDCardEmulatorControl.usage)")
                fflush(nil)
                continue
            }
            if control == .quit { break }
            print(emulator.apply(control))
            fflush(nil)
        }
        await emulator.stop()
    }
}
