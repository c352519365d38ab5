import KioskCore
import KioskDevices

extension HubWorkflowDevices {
    /// The social-security card reader's cards as pcscd reports them (a card already in when the stream starts
    /// counts as presented). The ID-card reader's GA 467 module answers only while it is polled for a read, so it
    /// cannot tell when a card is put down or lifted, and gives no events.
    public func cardEvents() -> AsyncStream<CardPresence> {
        let (stream, continuation) = AsyncStream.makeStream(of: CardPresence.self, bufferingPolicy: .bufferingNewest(32))
        let follower = Task { [hub, registry] in
            await Self.followSocialSecurityReader(hub: hub, registry: registry, into: continuation)
            continuation.finish()
        }
        continuation.onTermination = { _ in follower.cancel() }
        return stream
    }

    /// Tells the touch displays, whose "no touch while sessions expired untouched" suspicion counts expiries.
    public func sessionEnded(expired: Bool) async {
        await hub.sessionEnded(expired: expired)
    }

    /// Whether a card is in the social-security card reader now; nil for other roles and when it is not running.
    public func cardPresence(of role: DeviceRole) async -> CardPresence? {
        guard role == .socialSecurityCardReader, let reader = try? await hub.socialSecurityCardReader(),
              let id = await Self.deviceID(of: role, registry: registry) else { return nil }
        return CardPresence(device: id, role: role, present: reader.presentCard != nil)
    }

    /// Follows the reader's PC/SC monitor, finding the reader again when its device is replaced; returns when none
    /// is configured or the task is cancelled.
    static func followSocialSecurityReader(hub: DeviceHub, registry: DeviceRegistry, into continuation: AsyncStream<CardPresence>.Continuation) async {
        let role = DeviceRole.socialSecurityCardReader
        while !Task.isCancelled {
            let reader: SocialSecurityCardReader
            do {
                reader = try await hub.socialSecurityCardReader()
            } catch {
                if case .noDevice = error { return }
                try? await Task.sleep(for: .milliseconds(500))  // not started yet: the hub starts it shortly
                continue
            }
            guard let id = await deviceID(of: role, registry: registry) else { return }
            let prefix = reader.configuration.readerPrefix
            let events = reader.monitor.events  // subscribed before the snapshot, so no change slips between
            var present = reader.presentCard != nil
            if present { continuation.yield(CardPresence(device: id, role: role, present: true)) }
            for await event in events {
                switch event {
                case .cardInserted(let name, _) where prefix.isEmpty || name.hasPrefix(prefix):
                    guard !present else { continue }
                    present = true
                    continuation.yield(CardPresence(device: id, role: role, present: true))
                case .cardRemoved(let name) where prefix.isEmpty || name.hasPrefix(prefix):
                    guard present, reader.presentCard == nil else { continue }
                    present = false
                    continuation.yield(CardPresence(device: id, role: role, present: false))
                default:
                    continue
                }
            }
            // The monitor stopped (the device was stopped or replaced): look for the reader again.
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    static func deviceID(of role: DeviceRole, registry: DeviceRegistry) async -> String? {
        await registry.statuses.first { $0.role == role }?.id
    }
}
