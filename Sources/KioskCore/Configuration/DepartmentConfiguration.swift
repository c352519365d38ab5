/// How to reach one department's backend.
public struct DepartmentConfiguration: Sendable, Equatable {
    /// Base URL of the department's kiosk API (http or https).
    public var baseURL: String
    /// Time allowed for one call.
    public var timeout: Duration
    /// Retries for idempotent queries (never for submissions).
    public var retries: Int
    /// Client certificate for mutual TLS, when the department requires it.
    public var tls: TLSConfiguration?

    public init(baseURL: String, timeout: Duration = .seconds(5), retries: Int = 2, tls: TLSConfiguration? = nil) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.retries = retries
        self.tls = tls
    }
}

/// Files for a TLS client: the CA to trust and, for mutual TLS, a certificate and key.
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM file of the certificate authorities to trust.
    public var caFile: String?
    /// PEM file of the client certificate.
    public var certificateFile: String?
    /// PEM file of the client key.
    public var keyFile: String?

    public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }
}
