import Hummingbird

/// A bare Hummingbird server on the address given as the first argument (default 127.0.0.1:8099), answering
/// `GET /health` and nothing else. kiosk-bench measures kioskd's idle CPU and memory beside this process.
let address = CommandLine.arguments.dropFirst().first ?? "127.0.0.1:8099"
let parts = address.split(separator: ":", maxSplits: 1)
let host = parts.first.map(String.init) ?? "127.0.0.1"
let port = parts.count == 2 ? Int(parts[1]) ?? 8099 : 8099

let router = Router()
router.get("health") { _, _ in "ok" }
let app = Application(router: router, configuration: .init(address: .hostname(host, port: port)))
try await app.runService()
