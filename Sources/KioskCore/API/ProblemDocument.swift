/// An RFC 9457 problem document, the body of every error response.
public struct ProblemDocument: Codable, Sendable, Equatable {
    /// A URI naming the kind of problem (`about:blank` when the status says it all).
    public var type: String
    /// Short summary of the kind of problem.
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// What went wrong in this occurrence, for the person reading it.
    public var detail: String?
    /// The request path it concerns.
    public var instance: String?

    public init(type: String = "about:blank", title: String, status: Int, detail: String? = nil, instance: String? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
    }

    /// Media type of problem documents.
    public static let mediaType = "application/problem+json"
}
