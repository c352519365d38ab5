import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import KioskCore
import KioskWorkflows
import Testing
@testable import KioskAPI

@Suite("Events WebSocket")
struct EventRoutesTests {
    @Test("the events WebSocket answers ping with pong and delivers published events as JSON")
    func events() async throws {
        let fixture = try SessionFixture()
        defer { fixture.api.cleanUp() }
        let app = Application(router: KioskRouter.build(fixture.api.environment, access: .local), server: EventRoutes.server(sessions: fixture.sessions))
        let events = fixture.sessions.events
        try await app.test(.live) { client in
            try await client.ws("/api/v1/events") { inbound, outbound, _ in
                try await outbound.write(.text(#"{"type":"ping"}"#))
                var iterator = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                let pong = try await iterator.next()
                #expect(pong == .text(#"{"type":"pong"}"#))
                await events.publish(.services)
                await events.publish(.idleWarning(sessionID: "s1", remainingSeconds: 20))
                #expect(try await iterator.next() == .text(#"{"type":"services"}"#))
                #expect(try await iterator.next() == .text(#"{"remainingSeconds":20,"sessionID":"s1","type":"idle-warning"}"#))
            }
            try await client.execute(uri: "/api/v1/events", method: .get) { response in
                #expect(response.status == .upgradeRequired)
            }
        }
    }
}
