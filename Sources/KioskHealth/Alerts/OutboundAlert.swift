import Foundation

/// One alert in Alertmanager's v2 API shape (`POST /api/v2/alerts` takes an array of these).
public struct OutboundAlert: Codable, Sendable, Equatable {
    public var labels: [String: String]
    public var annotations: [String: String]
    public var startsAt: Date
    public var endsAt: Date
    public var generatorURL: String

    public init(labels: [String: String], annotations: [String: String], startsAt: Date, endsAt: Date, generatorURL: String) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }

    /// `firing` when `endsAt` is after `now`, else `resolved`.
    public func status(at now: Date) -> String { endsAt > now ? "firing" : "resolved" }

    /// Alertmanager's fingerprint of the label set (FNV-1a 64 over sorted names and values), 16 hex digits.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        for name in labels.keys.sorted() {
            mix(name.utf8)
            mix([0xff])
            mix(labels[name]!.utf8)
            mix([0xff])
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The JSON coder both sinks and the outbox use: RFC 3339 dates.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
