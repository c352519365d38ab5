import AsyncHTTPClient
import Foundation
import KioskCore
import KioskEmulators
import NIOCore
import NIOHTTP1
import Testing

/// The sandbox server itself: ports, its HTTP controls, and its citizens matching the emulated ID cards.
@Suite("Sandbox department server")
struct SandboxServerTests {
    @Test("two sandboxes start on distinct free ports; a second start of one is refused")
    func ports() async throws {
        let first = SandboxServer()
        let second = SandboxServer()
        let a = try await first.start()
        let b = try await second.start()
        #expect(a > 0 && b > 0 && a != b)
        await #expect(throws: SandboxServerError.alreadyRunning) { _ = try await first.start() }
        await first.stop()
        await second.stop()
        #expect(SandboxServer.baseURL(for: .hpf, port: 8700) == "http://127.0.0.1:8700/hpf/v1")
    }

    @Test("faults, counts, payments and reset are driven over HTTP under /sandbox/")
    func httpControls() async throws {
        let server = SandboxServer(state: SandboxState(paymentDelay: nil))
        let port = try await server.start()
        let base = "http://127.0.0.1:\(port)"
        let fault = try await send(.PUT, "\(base)/sandbox/faults/mi", #"{"fault": "error", "count": 1}"#)
        #expect(fault.status == 204)
        #expect(await server.state.fault(for: .mi) == SandboxFault(.error, count: 1))
        let failing = try await send(.POST, "\(base)/mi/v1/enrollment/query", #"{"ssn": "S99000001"}"#)
        #expect(failing.status == 500)
        #expect(failing.body.contains("INTERNAL"))
        let healthy = try await send(.POST, "\(base)/mi/v1/enrollment/query", #"{"ssn": "S99000001"}"#)
        #expect(healthy.status == 200)
        let counts = try await send(.GET, "\(base)/sandbox/requests", nil)
        let countsJSON = try JSONDecoder().decode(JSONValue.self, from: Data(counts.body.utf8))
        #expect(countsJSON["counts"]?["mi/enrollment/query"] == 2)
        let payment = try await send(.POST, "\(base)/hrss/v1/resident-pension-payment/pay", #"{"ssn": "S99000001", "grade": "1"}"#)
        #expect(payment.status == 422, "zhang is not resident-insured")
        let created = try await send(
            .POST, "\(base)/hrss/v1/resident-pension-payment/pay", #"{"idNumber": "99010519770228019x", "grade": "1"}"#
        )
        let id = try #require(await server.state.paymentIDs().first)
        #expect(created.body.contains(id))
        let paid = try await send(.POST, "\(base)/sandbox/payments/\(id)/pay", nil)
        #expect(paid.body.contains(#""status":"paid""#))
        #expect(try await send(.POST, "\(base)/sandbox/reset", nil).status == 204)
        #expect(await server.state.requestCounts().isEmpty)
        #expect(try await send(.GET, "\(base)/hrss/v1/health", nil).status == 200)
        #expect(try await send(.POST, "\(base)/hrss/v1/enrollment/query", "not json").status == 400)
        await server.stop()
    }

    @Test("every sandbox citizen carries the ID number of the emulated card with the same key")
    func citizensMatchCards() {
        for citizen in SandboxCitizen.all {
            let card = IDCardEmulatorCard.samples.first { $0.key == citizen.key }
            #expect(card?.holder.idNumber == citizen.idNumber, "\(citizen.key)")
        }
        #expect(SandboxCitizen.named("zhang")?.idNumber == "990101198503120010")
        #expect(SandboxCitizen.named("ouyang")?.idNumber == "99010519770228019X")
        #expect(SandboxCitizen.named("zhao") == nil)
    }

    private func send(_ method: HTTPMethod, _ url: String, _ body: String?) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }
}
