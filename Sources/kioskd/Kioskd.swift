import ArgumentParser
import KioskDaemon

#if canImport(Glibc)
import Glibc
#endif

/// Entry point of kioskd: parses the command line and runs the daemon command.
@main
enum Kioskd {
    static func main() async {
        #if canImport(Glibc)
        // glibc gives each thread that meets contention an arena of its own (up to 8 per core), each keeping what was
        // freed in it; kioskd's threads are mostly idle, so two arenas serve them and the idle daemon's RssAnon is
        // about 0.4 MiB smaller (kiosk-bench idle-cost). Set before the runtime starts more threads.
        limitMallocArenas(2)
        #endif
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

    #if canImport(Glibc)
    /// `mallopt(M_ARENA_MAX, count)`; malloc.h is not in Swift's Glibc module, so the function is looked up.
    private static func limitMallocArenas(_ count: Int32) {
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let arenaMaximum: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }  // RTLD_DEFAULT
        _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMaximum, count)
    }
    #endif
}
