/// `GET /api/v1/services` as kioskctl reads it.
struct ServicesListing: Codable {
    struct Service: Codable {
        var id: String
        var names: [String: String]
        var department: String
        var identification: [String]
        var outputs: [String]
        var available: Bool
        var reason: [String: String]?
    }

    struct Problem: Codable {
        struct Location: Codable {
            var line: Int
            var column: Int
            var key: String
            var message: String
        }

        var service: String
        var file: String
        var problems: [Location]
    }

    var services: [Service]
    var problems: [Problem]?
}
