import KioskCore
import NIOSSL

/// Builds the client TLS settings of a department from the configured PEM files (CA, and certificate and key for mutual TLS).
enum DepartmentTLS {
    /// The TLS configuration for `files`, or an error naming the file that cannot be read.
    static func configuration(_ files: KioskCore.TLSConfiguration, department: Department) throws(DepartmentError) -> NIOSSL.TLSConfiguration {
        var tls = NIOSSL.TLSConfiguration.makeClientConfiguration()
        do {
            if let ca = files.caFile {
                tls.trustRoots = .certificates(try load("CA file", ca) { try NIOSSLCertificate.fromPEMFile($0) })
            }
            switch (files.certificateFile, files.keyFile) {
            case (let certificate?, let key?):
                tls.certificateChain = try load("certificate", certificate) { try NIOSSLCertificate.fromPEMFile($0) }.map { .certificate($0) }
                tls.privateKey = .privateKey(try load("key", key) { try NIOSSLPrivateKey(file: $0, format: .pem) })
            case (nil, nil): break
            default: throw TLSFileError(text: "mutual TLS needs both certificate and key")
            }
        } catch let error as TLSFileError {
            throw .invalidConfiguration(department, reason: error.text)
        } catch {
            throw .invalidConfiguration(department, reason: "TLS: \(error)")
        }
        return tls
    }

    private struct TLSFileError: Error {
        var text: String
    }

    private static func load<T>(_ what: String, _ path: String, _ read: (String) throws -> T) throws -> T {
        do {
            return try read(path)
        } catch {
            throw TLSFileError(text: "cannot read the TLS \(what) \(path) (\(error))")
        }
    }
}
