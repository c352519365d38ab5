import ArgumentParser

/// Where kioskctl finds kioskd and how it prints.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "kioskd's Unix socket.")
    var socket: String = "/run/kioskd/kioskd.sock"

    @Option(name: .long, help: "kioskd's base URL over TCP (e.g. http://127.0.0.1:8080), instead of the socket.")
    var url: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    var client: DaemonClient {
        DaemonClient(endpoint: url.map { .url($0) } ?? .socket(path: socket))
    }
}
