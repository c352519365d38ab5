/// What one exchange gives.
enum IDCardLinkEvent: Sendable, Equatable {
    case response(IDCardResponse)
    case malformed(IDCardCodecError)
    case timedOut
}
