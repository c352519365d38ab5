import ArgumentParser
import KioskControl

/// Entry point of kioskctl.
@main
enum Kioskctl {
    static func main() async {
        do {
            var command = try KioskControlCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            KioskControlCommand.exit(withError: error)
        }
    }
}
