import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import Testing
@testable import KioskAPI

@Suite("API: maintainers over TCP")
struct MaintainerAccessTests {
    static let token = "k1osk-maint-7f3a9c"
    static let wang = Maintainer(name: "王工", tokenSHA256: SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined())
    static let start = #"{"reason": "paper roll change", "durationSeconds": 600, "actor": "someone else"}"#

    func post(_ client: some TestClientProtocol, authorization: String?, _ check: @escaping (TestResponse) throws -> Void) async throws {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let authorization { headers[.authorization] = authorization }
        try await client.execute(uri: "/api/v1/maintenance", method: .post, headers: headers, body: ByteBuffer(string: Self.start)) { response in
            try check(response)
        }
    }

    @Test("a change without a token, or with a wrong one, is a 401 with a Bearer challenge and changes nothing")
    func refused() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application(access: .bearerToken([Self.wang])).test(.router) { client in
            try await post(client, authorization: nil) { response in
                let problem = try expectProblem(response, .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="kioskd""#)
                #expect(problem.detail?.contains("Authorization: Bearer") == true)
            }
            try await post(client, authorization: "Bearer not-the-token") { response in
                let problem = try expectProblem(response, .unauthorized)
                #expect(problem.detail?.contains("api.maintainers") == true)
            }
            try await post(client, authorization: "Basic \(Self.token)") { response in
                _ = try expectProblem(response, .unauthorized)
            }
            for (uri, method) in [("/api/v1/faults/1/ack", HTTPRequest.Method.post), ("/api/v1/devices/receipt-printer/diagnostics", .post),
                                  ("/api/v1/maintenance", .delete), ("/api/v1/services/hrss.enrollment/availability", .put)] {
                try await client.execute(uri: uri, method: method, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/maintenance", method: .get) { response in
                let state = try decode(MaintenanceState.self, response.body)
                #expect(state.active == false)
            }
        }
    }

    @Test("the maintainer's token is accepted and the change is recorded under the maintainer's name, not the declared actor")
    func accepted() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application(access: .bearerToken([Maintainer(name: "李工", tokenSHA256: String(repeating: "0", count: 64)), Self.wang])).test(.router) { client in
            try await post(client, authorization: "bearer \(Self.token)") { response in
                #expect(response.status == .created)
                let window = try decode(MaintenanceWindow.self, response.body)
                #expect(window.actor == "王工")
            }
        }
    }

    @Test("reading stays open over TCP, and the citizen's routes need no token")
    func readingOpen() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application(access: .bearerToken([Self.wang])).test(.router) { client in
            for uri in ["/api/v1/faults", "/api/v1/maintenance", "/api/v1/devices", "/api/v1/health"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status != .unauthorized && response.status != .forbidden, "GET \(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/devices/receipt-printer/probe", method: .post) { response in
                #expect(response.status != .unauthorized, "the internal probe has no side effects")
            }
        }
    }

    @Test("without maintainers configured, changes over TCP are forbidden and the answer says how to configure them")
    func noMaintainers() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application(access: .bearerToken([])).test(.router) { client in
            try await post(client, authorization: "Bearer \(Self.token)") { response in
                let problem = try expectProblem(response, .forbidden)
                #expect(problem.detail?.contains("api.maintainers") == true)
                #expect(problem.detail?.contains("Unix socket") == true)
            }
        }
    }

    @Test("on the Unix socket the declared actor is recorded")
    func local() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application(access: .local).test(.router) { client in
            try await post(client, authorization: nil) { response in
                #expect(response.status == .created)
                let window = try decode(MaintenanceWindow.self, response.body)
                #expect(window.actor == "someone else")
            }
        }
    }

    @Test("bearer tokens are parsed by RFC 9110's rules")
    func parsing() {
        #expect(MaintainerMiddleware.bearerToken("Bearer abc") == "abc")
        #expect(MaintainerMiddleware.bearerToken("BEARER   abc ") == "abc")
        #expect(MaintainerMiddleware.bearerToken("Bearer") == nil)
        #expect(MaintainerMiddleware.bearerToken("Basic abc") == nil)
        #expect(MaintainerMiddleware.bearerToken(nil) == nil)
        #expect(MaintainerAccess.maintainer(presenting: Self.token, among: [Self.wang])?.name == "王工")
        #expect(MaintainerAccess.maintainer(presenting: Self.token + "x", among: [Self.wang]) == nil)
        #expect(MaintainerAccess.maintainer(presenting: Self.token, among: [Maintainer(name: "bad", tokenSHA256: "zz")]) == nil)
    }
}
