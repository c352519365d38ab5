import KioskCore

/// A text shown to citizens in every UI language, encoded as `{"zh-CN": "…", "en": "…"}`.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// Texts by language tag (`zh-CN`, `en`).
    public var texts: [String: String]

    /// The languages every citizen-facing text must have.
    public static let languages = ["zh-CN", "en"]

    public init(_ texts: [String: String]) {
        self.texts = texts
    }

    public init(zh: String, en: String) {
        self.texts = ["zh-CN": zh, "en": en]
    }

    /// The same words in every language (a maintainer's free text, a number).
    public init(verbatim text: String) {
        self.texts = Dictionary(uniqueKeysWithValues: Self.languages.map { ($0, text) })
    }

    /// The text in `language`, falling back to Chinese.
    public func text(_ language: String) -> String {
        texts[language] ?? texts["zh-CN"] ?? texts.values.first ?? ""
    }

    /// The text as a JSON object.
    public var json: JSONValue {
        .object(texts.mapValues { .string($0) })
    }

    public init(from decoder: any Decoder) throws {
        texts = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(texts)
    }
}
