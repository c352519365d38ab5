import ArgumentParser
import Foundation

/// Where kioskctl finds kioskd and how it prints.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "kioskd's Unix socket.")
    var socket: String = "/run/kioskd/kioskd.sock"

    @Option(name: .long, help: "kioskd's base URL over TCP (e.g. http://127.0.0.1:8080), instead of the socket.")
    var url: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "File holding a maintainer's bearer token, mode 0600, for changes over --url (default: $KIOSKD_TOKEN_FILE).",
            discussion: "kioskd keeps only the token's SHA-256 (api.maintainers in its configuration). The Unix socket needs no token."
        )
    )
    var tokenFile: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    var client: DaemonClient {
        get throws(ControlError) {
            DaemonClient(endpoint: url.map { .url($0) } ?? .socket(path: socket), token: try token())
        }
    }

    /// The token from --token-file or $KIOSKD_TOKEN_FILE (first line, trimmed); nil when neither is given.
    func token() throws(ControlError) -> String? {
        guard let path = tokenFile ?? ProcessInfo.processInfo.environment["KIOSKD_TOKEN_FILE"] else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ControlError.badOption("cannot read the token file \(path); it should hold the maintainer's token on one line")
        }
        // Like ssh with a private key: a token others can read is not used.
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw ControlError.badOption("the token file \(path) can be read by others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`")
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else { throw ControlError.badOption("the token file \(path) is empty") }
        return token
    }
}
