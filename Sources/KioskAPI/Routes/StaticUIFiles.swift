import Foundation

/// The files of the touch UI, read into memory, keyed by their URL path (`/js/app.js`).
struct StaticUIFiles: Sendable {
    /// One file with what its response needs.
    struct File: Sendable {
        let bytes: [UInt8]
        let contentType: String
        let etag: String
    }

    /// The folder they came from (nil when none was found).
    let directory: String?
    let files: [String: File]

    /// The file for a request path, with `/` meaning index.html.
    func file(for path: String) -> File? {
        files[path == "/" ? "/index.html" : path]
    }

    var index: File? { files["/index.html"] }

    /// Where the UI is: the environment's `uiDirectory`, else `ui/` next to the OpenAPI document's
    /// folder: `<checkout>/ui` for a source checkout (document in `docs/`), `/usr/share/kioskd/ui` installed.
    static func directory(for environment: APIEnvironment) -> String {
        if let directory = environment.uiDirectory { return directory }
        let documentFolder = URL(fileURLWithPath: environment.openAPIDocumentPath).deletingLastPathComponent()
        let checkout = documentFolder.deletingLastPathComponent()
        if documentFolder.lastPathComponent == "docs",
           FileManager.default.fileExists(atPath: checkout.appendingPathComponent("Package.swift").path) {
            return checkout.appendingPathComponent("ui").path
        }
        return documentFolder.appendingPathComponent("ui").path
    }

    /// Reads every regular file under `directory` whose type is known; hidden files are skipped.
    static func load(directory: String) -> StaticUIFiles {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else {
            return StaticUIFiles(directory: nil, files: [:])
        }
        var files: [String: File] = [:]
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let contentType = StaticUIMediaType.contentType(forExtension: url.pathExtension),
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(root.path.count)
            let key = relative.hasPrefix("/") ? String(relative) : "/" + relative
            let bytes = [UInt8](data)
            files[key] = File(bytes: bytes, contentType: contentType, etag: etag(of: bytes))
        }
        return StaticUIFiles(directory: root.path, files: files)
    }

    /// A strong validator: 64-bit FNV-1a of the content and its length.
    static func etag(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "\"\(String(hash, radix: 16))-\(String(bytes.count, radix: 16))\""
    }
}
