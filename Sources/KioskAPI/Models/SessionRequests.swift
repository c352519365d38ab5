import Foundation

/// `POST /api/v1/sessions` body.
struct SessionStartRequest: Decodable {
    var service: String
    var language: String?
    var elderly: Bool?
}

/// `PUT /api/v1/services/{id}/availability` body.
struct AvailabilityRequest: Decodable {
    var enabled: Bool
    var reason: String?
    /// Who switched it (kioskctl sends the user name).
    var actor: String?
}
