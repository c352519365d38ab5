import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import Testing
@testable import KioskAPI

@Suite("API: maintenance")
struct MaintenanceRoutesTests {
    @Test("POST /api/v1/maintenance starts a window, GET shows it, DELETE stops it, a second DELETE is a conflict")
    func startAndStop() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/maintenance", method: .get) { response in
                #expect(response.status == .ok)
                let decoded = try decode(MaintenanceState.self, response.body)
                #expect(decoded == MaintenanceState(active: false, window: nil))
            }
            try await client.execute(
                uri: "/api/v1/maintenance", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"reason": "paper roll change", "durationSeconds": 1800, "actor": "王工"}"#)
            ) { response in
                #expect(response.status == .created)
                let window = try decode(MaintenanceWindow.self, response.body)
                #expect(window.reason == "paper roll change")
                #expect(window.actor == "王工")
                #expect(abs(window.endsAt.timeIntervalSince(window.startedAt) - 1800) < 1)
                #expect(window.silences.isEmpty, "no Alertmanager is configured")
            }
            try await client.execute(uri: "/api/v1/maintenance", method: .get) { response in
                let state = try decode(MaintenanceState.self, response.body)
                #expect(state.active)
                #expect(state.window?.reason == "paper roll change")
            }
            try await client.execute(uri: "/api/v1/maintenance?actor=kioskctl", method: .delete) { response in
                #expect(response.status == .ok)
                let decoded = try decode(MaintenanceWindow.self, response.body)
                #expect(decoded.stoppedAt != nil)
            }
            try await client.execute(uri: "/api/v1/maintenance", method: .get) { response in
                let decoded = try decode(MaintenanceState.self, response.body)
                #expect(decoded.active == false)
            }
            try await client.execute(uri: "/api/v1/maintenance", method: .delete) { response in
                let problem = try expectProblem(response, .conflict)
                #expect(problem.detail?.contains("no maintenance window is running") == true)
            }
        }
        let kinds = try await fixture.store.events(limit: 10).map(\.kind)
        #expect(kinds.contains("maintenance.started"))
        #expect(kinds.contains("maintenance.stopped"))
    }

    @Test("a bad maintenance request is a 400 problem naming what is wrong, and starts nothing", arguments: [
        (#"{"reason": "x"}"#, "durationSeconds"),
        ("not json", "durationSeconds"),
        (#"{"reason": "roll change", "durationSeconds": 0}"#, "between 1 s and 24 h"),
        (#"{"reason": "roll change", "durationSeconds": 90000}"#, "between 1 s and 24 h"),
        (#"{"reason": "   ", "durationSeconds": 600}"#, "say why"),
    ])
    func badRequest(body: String, cause: String) async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/maintenance", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)
            ) { response in
                let problem = try expectProblem(response, .badRequest)
                #expect(problem.detail?.contains(cause) == true, "\(problem.detail ?? "no detail")")
            }
            try await client.execute(uri: "/api/v1/maintenance", method: .get) { response in
                let decoded = try decode(MaintenanceState.self, response.body)
                #expect(decoded.active == false)
            }
        }
    }
}
