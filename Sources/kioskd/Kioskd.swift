import ArgumentParser
import KioskDaemon

/// Entry point of kioskd: parses the command line and runs the daemon command.
@main
enum Kioskd {
    static func main() async {
        do {
            var command = try KioskDaemonCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            KioskDaemonCommand.exit(withError: error)
        }
    }
}
