import Foundation
import Hummingbird
import Testing
@testable import KioskAPI

/// docs/openapi.yaml against the router the daemon builds: every API route is documented, and every documented
/// operation exists.
@Suite("OpenAPI document matches the router")
struct OpenAPICoverageTests {
    /// The operations (`POST /api/v1/faults/{id}/ack`) under `paths:` of the OpenAPI document.
    static func documentedOperations(_ path: String) throws -> Set<String> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var operations: Set<String> = []
        var inPaths = false
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if let first = line.first, first != " ", first != "#" { break }  // the next top-level key
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                current = String(line.dropFirst(2).dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            } else if let current, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "put", "post", "delete", "patch"].contains(String(key)) {
                    operations.insert("\(key.uppercased()) \(current)")
                }
            }
        }
        return operations
    }

    @Test("every route under /api/v1 and /metrics is in docs/openapi.yaml, and every documented operation is routed")
    func routesDocumented() async throws {
        let fixture = try HealthAPIFixture()
        defer { fixture.cleanUp() }
        let router = KioskRouter.build(fixture.environment, access: .local)
        let routed = Set(router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" /api/v1/") || $0.hasSuffix(" /metrics") })
        let documented = try Self.documentedOperations(fixture.environment.openAPIDocumentPath)
        #expect(documented.contains("POST /api/v1/faults/{id}/ack"), "the parser found \(documented.sorted())")
        let undocumented = routed.subtracting(documented).sorted()
        #expect(undocumented.isEmpty, "routes missing from docs/openapi.yaml: \(undocumented)")
        let unrouted = documented.subtracting(routed).sorted()
        #expect(unrouted.isEmpty, "documented in docs/openapi.yaml but not routed: \(unrouted)")
    }
}
