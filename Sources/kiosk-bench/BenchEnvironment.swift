import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the built executables and the checkout are, and free ports.
enum BenchEnvironment {
    /// The folder of kiosk-bench itself, where SwiftPM put kioskd and kiosk-bare-server of the same build.
    static var productsFolder: String {
        URL(fileURLWithPath: HotplugBenchmark.executablePath).deletingLastPathComponent().path
    }

    /// `release` or `debug`: the build of kiosk-bench, and so of the kioskd beside it.
    static var build: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    static func product(_ name: String) -> String { productsFolder + "/" + name }

    /// A TCP port on 127.0.0.1 free now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw BenchFailure("cannot find a free TCP port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts `kioskd --simulate` of this build on a free port with its state in `folder`; waits until the
    /// receipt printer is online. Returns the process and its base URL.
    static func startSimulation(folder: String, environment: [String: String] = [:]) throws -> (BenchProcess, String) {
        let port = try freePort()
        let root = try HotplugBenchmark.repositoryRoot()
        var env = environment
        env["KIOSKD_SHARE_DIR"] = root
        let daemon = try BenchProcess(
            "kioskd", product("kioskd"), ["--simulate", "--state-dir", folder + "/state", "--listen", "127.0.0.1:\(port)", "--log-level", "warning"],
            environment: env, logPath: folder + "/kioskd.log")
        let base = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let reply = try? BenchHTTP.request("GET", base + "/api/v1/devices/receipt-printer"), reply.status == 200,
               (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])?["state"] as? String == "online" {
                return (daemon, base)
            }
            guard daemon.process.isRunning else { throw BenchFailure("kioskd --simulate exited:\n\(daemon.logTail)") }
            usleep(50_000)
        }
        throw BenchFailure("kioskd --simulate's receipt printer not online within 60 s:\n\(daemon.logTail)")
    }
}
