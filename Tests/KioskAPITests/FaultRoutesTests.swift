import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import KioskStore
import Testing
@testable import KioskAPI

@Suite("API: faults")
struct FaultRoutesTests {
    @Test("GET /api/v1/faults lists the open faults and, under history, the closed ones; limit caps the history")
    func listOpenAndHistory() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        // Given an open fault raised through the runtime (the printer is absent) and two closed ones in the store.
        let open = try #require(await fixture.raiseFault(on: "receipt-printer"))
        for (index, code) in [FaultCode.printerPaperOut, .printerCoverOpen].enumerated() {
            var closed = try await fixture.store.insertFault(FaultRecord(
                subject: "receipt-printer", code: code, severity: .critical, action: .clear, owner: "natural-resources-bureau",
                summary: "closed \(index)", summaryZH: "已关闭 \(index)", detail: "test", startedAt: Date(timeIntervalSinceNow: -3600 + Double(index))))
            closed.status = .resolved
            closed.resolvedAt = Date(timeIntervalSinceNow: -1800 + Double(index))
            try await fixture.store.updateFault(closed, history: "resolved", detail: "healthy again", at: closed.resolvedAt!)
        }
        try await fixture.application().test(.router) { client in
            // Then the list has the open fault and both closed ones.
            try await client.execute(uri: "/api/v1/faults", method: .get) { response in
                #expect(response.status == .ok)
                let list = try decode(FaultList.self, response.body)
                #expect(list.open.map(\.id) == [open.id])
                #expect(list.open.first?.code == .deviceMissing)
                #expect(list.open.first?.owner == "natural-resources-bureau")
                #expect(list.open.first?.summaryZH.isEmpty == false)
                #expect(Set(list.history.map(\.code)) == [.printerPaperOut, .printerCoverOpen])
                #expect(list.history.allSatisfy { $0.status == .resolved })
            }
            // And limit=1 keeps one closed fault, the open ones all.
            try await client.execute(uri: "/api/v1/faults?limit=1", method: .get) { response in
                let list = try decode(FaultList.self, response.body)
                #expect(list.open.count == 1)
                #expect(list.history.count == 1)
            }
        }
    }

    @Test("GET /api/v1/faults/{id} gives the fault with its history; unknown and non-numeric ids are problems")
    func detail() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        let fault = try #require(await fixture.raiseFault(on: "receipt-printer"))
        let id = try #require(fault.id)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/faults/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let detail = try decode(FaultDetail.self, response.body)
                #expect(detail.fault.id == id)
                #expect(detail.history.contains { $0.kind == "alerted" })
            }
            try await client.execute(uri: "/api/v1/faults/\(id + 100)", method: .get) { response in
                let problem = try expectProblem(response, .notFound)
                #expect(problem.detail?.contains("no fault \(id + 100)") == true)
            }
            try await client.execute(uri: "/api/v1/faults/twelve", method: .get) { response in
                let problem = try expectProblem(response, .badRequest)
                #expect(problem.detail?.contains("\"twelve\" is not a number") == true)
            }
        }
    }

    @Test("POST /api/v1/faults/{id}/ack records who acknowledged it (api when the body names no one)")
    func acknowledge() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        let printer = try #require(await fixture.raiseFault(on: "receipt-printer")?.id)
        let reader = try #require(await fixture.raiseFault(on: "id-reader")?.id)
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/faults/\(printer)/ack", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"by": " 王工 "}"#)
            ) { response in
                #expect(response.status == .ok)
                let fault = try decode(FaultRecord.self, response.body)
                #expect(fault.acknowledgedBy == "王工")
                #expect(fault.acknowledgedAt != nil)
                #expect(fault.status == .open, "acknowledging does not close a fault")
            }
            try await client.execute(uri: "/api/v1/faults/\(reader)/ack", method: .post) { response in
                #expect(response.status == .ok)
                let decoded = try decode(FaultRecord.self, response.body)
                #expect(decoded.acknowledgedBy == "api")
            }
            try await client.execute(uri: "/api/v1/faults/\(printer)", method: .get) { response in
                let detail = try decode(FaultDetail.self, response.body)
                #expect(detail.fault.acknowledgedBy == "王工")
                #expect(detail.history.contains { $0.kind == "acknowledged" })
            }
            try await client.execute(uri: "/api/v1/faults/424242/ack", method: .post) { response in
                let problem = try expectProblem(response, .notFound)
                #expect(problem.detail?.contains("GET /api/v1/faults lists them") == true)
            }
            try await client.execute(uri: "/api/v1/faults/x1/ack", method: .post) { response in
                _ = try expectProblem(response, .badRequest)
            }
        }
    }
}

/// Checks that `response` is an RFC 9457 problem document with `status` and returns it.
func expectProblem(_ response: TestResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProblemDocument {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == ProblemDocument.mediaType, sourceLocation: sourceLocation)
    let problem = try decode(ProblemDocument.self, response.body)
    #expect(problem.status == Int(status.code), sourceLocation: sourceLocation)
    return problem
}
