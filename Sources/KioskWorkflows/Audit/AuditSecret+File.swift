import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension AuditSecret {
    /// The secret in `directory/audit.key`, made (32 random bytes, mode 0600) when the file does not exist yet.
    ///
    /// Refuses a file other users may read or write, one that is not a regular file, and one that is not exactly
    /// 32 bytes long: each with an error naming the file and what to do.
    public static func loadOrCreate(directory: String) throws(AuditSecretError) -> AuditSecret {
        let path = (directory as NSString).appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: path, reason: "\(error)")
        }
        for _ in 0..<2 {
            if let secret = try load(path: path) { return secret }
            if let secret = try create(path: path) { return secret }
            // Another process made the file between the two calls: read it.
        }
        throw .cannotRead(path: path, reason: "the file keeps appearing and vanishing")
    }

    /// The secret at `path`; nil when there is no such file.
    static func load(path: String) throws(AuditSecretError) -> AuditSecret? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP { throw .notAFile(path: path) }
            throw .cannotRead(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path: path) }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else { throw .tooOpen(path: path, mode: permissions) }
        var bytes = [UInt8](repeating: 0, count: length + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
            if read == 0 { break }
            count += read
        }
        guard count == length else { throw .malformed(path: path, length: count == length + 1 ? Int(status.st_size) : count) }
        return try AuditSecret(bytes: Array(bytes.prefix(length)), path: path)
    }

    /// Makes a new secret at `path` (mode 0600, flushed to disk); nil when the file appeared meanwhile.
    static func create(path: String) throws(AuditSecretError) -> AuditSecret? {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            let code = errno
            if code == EEXIST { return nil }
            throw .cannotCreate(path: path, reason: String(cString: strerror(code)))
        }
        var failure: Int32?
        if fchmod(descriptor, 0o600) != 0 { failure = errno }
        var written = 0
        while failure == nil, written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0, errno == EINTR { continue }
            if result <= 0 { failure = errno } else { written += result }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if let failure {
            unlink(path)
            throw .cannotCreate(path: path, reason: String(cString: strerror(failure)))
        }
        return try AuditSecret(bytes: bytes, path: path)
    }
}
