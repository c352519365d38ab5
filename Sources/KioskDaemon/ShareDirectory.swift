import Foundation

/// Where kioskd's read-only files are: the OpenAPI document, workflows and the touch UI.
///
/// Installed: `/usr/share/kioskd`. From a source checkout: the repository root, found by walking up
/// from the executable (`.build/debug/kioskd`). `KIOSKD_SHARE_DIR` overrides both.
struct ShareDirectory: Sendable {
    /// The folder itself.
    let root: String
    /// True for a source checkout (files in their repository places).
    let isSourceTree: Bool

    /// The OpenAPI document of the HTTP API.
    var openAPIDocument: String {
        isSourceTree ? "\(root)/docs/openapi.yaml" : "\(root)/openapi.yaml"
    }

    /// The device profiles (`devices/<family>/<model>.yaml`).
    var deviceProfiles: String { "\(root)/devices" }

    /// The shipped service workflows.
    var workflows: String { "\(root)/workflows" }

    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> ShareDirectory {
        if let root = environment["KIOSKD_SHARE_DIR"], !root.isEmpty {
            return ShareDirectory(root: root, isSourceTree: FileManager.default.fileExists(atPath: "\(root)/Package.swift"))
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: folder.appendingPathComponent("docs/openapi.yaml").path) {
                return ShareDirectory(root: folder.path, isSourceTree: true)
            }
            folder.deleteLastPathComponent()
        }
        return ShareDirectory(root: "/usr/share/kioskd", isSourceTree: false)
    }
}
