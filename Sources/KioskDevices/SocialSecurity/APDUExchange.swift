/// Sends commands over a `CardChannel` and resolves the status words that ask for a second APDU:
/// `61xx` → GET RESPONSE (repeated while more data waits), `6Cxx` → the same command with Le = `xx`.
public struct APDUExchange: Sendable {
    public let channel: any CardChannel
    /// How many follow-up APDUs one command may cause before the card is considered faulty.
    public var maximumFollowUps: Int

    public init(channel: any CardChannel, maximumFollowUps: Int = 8) {
        self.channel = channel
        self.maximumFollowUps = maximumFollowUps
    }

    /// The final response to `command`; its status is anything but `61xx`/`6Cxx`.
    public func send(_ command: CommandAPDU) async throws -> ResponseAPDU {
        var response = try ResponseAPDU(bytes: try await channel.transmit(command.bytes))
        var collected: [UInt8] = []
        var followUps = 0
        while true {
            switch response.status {
            case .moreData(let available):
                collected += response.data
                response = try ResponseAPDU(bytes: try await channel.transmit(SocialSecurityCommand.getResponse(available).bytes))
            case .wrongLength(let exact):
                collected = []
                response = try ResponseAPDU(bytes: try await channel.transmit(command.with(le: exact).bytes))
            default:
                return ResponseAPDU(data: collected + response.data, status: response.status)
            }
            followUps += 1
            if followUps > maximumFollowUps { throw SocialSecurityError.cardMisbehaves(detail: "more than \(maximumFollowUps) follow-up APDUs for \(command)") }
        }
    }

    /// The data of the response to `command`, throwing `SocialSecurityError.status` unless it ends in `9000`.
    public func data(_ command: CommandAPDU, step: SocialSecurityError.Step) async throws -> [UInt8] {
        let response = try await send(command)
        guard response.status == .success else { throw SocialSecurityError.status(response.status, step: step) }
        return response.data
    }
}
