import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import KioskCore
import KioskWorkflows
import Logging

/// `GET /api/v1/events`: the WebSocket of session, device and service events (docs/sessions.md, Events).
///
/// The upgrade happens in the HTTP server (`EventRoutes.server(sessions:)`, given to `Application(server:)`);
/// a plain GET reaches the router and gets `426 Upgrade Required`.
public struct EventRoutes: Sendable {
    /// The path of the events WebSocket.
    public static let path = "/api/v1/events"

    let sessions: SessionManager?

    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.get("events") { _, _ -> Response in
            throw HTTPError(.upgradeRequired, headers: [.upgrade: "websocket"], message: "this is a WebSocket: connect with Upgrade: websocket")
        }
    }

    /// An HTTP/1 server that upgrades `GET /api/v1/events` to the events WebSocket and serves everything else
    /// through the router. Use it for both listeners: `Application(router:, server: EventRoutes.server(sessions:), …)`.
    public static func server(sessions: SessionManager?) -> HTTPServerBuilder {
        .http1WebSocketUpgrade { request, channel, _ in
            // Not upgraded, a request from elsewhere reaches the router, whose KioskScreenMiddleware refuses it.
            guard let sessions, request.path?.split(separator: "?").first.map(String.init) == path,
                  KioskScreenMiddleware.isKioskItself(channel.remoteAddress) else { return .dontUpgrade }
            let events = sessions.events
            return .upgrade([:]) { inbound, outbound, context in
                try await serve(events: events, inbound: inbound, outbound: outbound, logger: context.logger)
            }
        }
    }

    /// Sends every event as one JSON text message and answers `{"type": "ping"}` with `{"type": "pong"}`; under
    /// `--simulate`, `POST /api/v1/simulation/events/drop` ends it from the server side (`EventConnections`).
    static func serve(events: EventBroadcaster, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger) async throws {
        let stream = await events.subscribe()
        let connection = EventConnections.shared.join()
        defer { EventConnections.shared.leave(connection.id) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Dropped by the simulation: returning closes the WebSocket and its TCP connection.
                for await _ in connection.dropped {}
            }
            group.addTask {
                for await event in stream {
                    try await outbound.write(.text(event.text))
                }
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: 64 * 1024) {
                    guard case .text(let text) = message,
                          let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
                          value["type"] == "ping" else { continue }
                    try await outbound.write(.text(#"{"type":"pong"}"#))
                }
            }
            // The client closed (the inbound loop ended) or the connection was dropped: stop sending.
            try await group.next()
            group.cancelAll()
        }
    }
}
