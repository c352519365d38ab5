import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import Testing
@testable import KioskAPI

@Suite("API: device diagnostics")
struct DiagnosticRoutesTests {
    @Test("POST /api/v1/devices/{id}/diagnostics probes the device now and returns the report with its open fault")
    func diagnostics() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            // Given the runtime is not running, the printer is absent: the report says so, with no fault open yet.
            try await client.execute(uri: "/api/v1/devices/receipt-printer/diagnostics", method: .post) { response in
                #expect(response.status == .ok)
                let diagnostic = try decode(DiagnosticReport.self, response.body)
                #expect(diagnostic.report.deviceID == "receipt-printer")
                #expect(diagnostic.report.state == .noDevice)
                #expect(diagnostic.report.fault == .deviceMissing)
                #expect(diagnostic.recoverySteps.isEmpty, "an absent device has nothing to recover")
                #expect(diagnostic.openFault == nil)
            }
            // When the fault is confirmed, the next diagnostics names it; an external level is accepted too.
            let fault = await fixture.raiseFault(on: "receipt-printer")
            #expect(fault != nil)
            try await client.execute(uri: "/api/v1/devices/receipt-printer/diagnostics?level=external", method: .post) { response in
                #expect(response.status == .ok)
                let diagnostic = try decode(DiagnosticReport.self, response.body)
                #expect(diagnostic.openFault?.id == fault?.id)
                #expect(diagnostic.openFault?.code == .deviceMissing)
            }
        }
    }

    @Test("diagnostics of an unknown device is a 404 and an unknown level a 400, each naming the cause")
    func badInput() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/devices/coffee-machine/diagnostics", method: .post) { response in
                let problem = try expectProblem(response, .notFound)
                #expect(problem.detail?.contains("no device \"coffee-machine\"") == true)
                #expect(problem.instance == "/api/v1/devices/coffee-machine/diagnostics")
            }
            try await client.execute(uri: "/api/v1/devices/receipt-printer/diagnostics?level=thorough", method: .post) { response in
                let problem = try expectProblem(response, .badRequest)
                #expect(problem.detail?.contains("level \"thorough\" is unknown") == true)
                #expect(problem.detail?.contains("external") == true)
            }
        }
    }
}
