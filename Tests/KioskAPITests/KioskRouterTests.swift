import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import KioskDevices
import KioskStore
import Prometheus
import Testing
@testable import KioskAPI

/// The API with a real store in a temporary folder and the repository's OpenAPI document.
struct APIFixture {
    let environment: APIEnvironment
    let folder: String

    init(openAPIDocument: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-api-\(UUID().uuidString)").path
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
        let configuration = try KioskConfiguration.simulation(stateDirectory: folder)
        environment = APIEnvironment(
            configuration: configuration,
            store: try KioskStore(directory: folder),
            devices: DeviceRegistry(
                devices: configuration.devices,
                profiles: ProfileCatalogue.load(directory: repository + "/devices"),
                defaultOwner: configuration.kiosk.owner
            ),
            registry: PrometheusCollectorRegistry(),
            openAPIDocumentPath: openAPIDocument ?? repository + "/docs/openapi.yaml",
            simulated: true
        )
    }

    func application() -> some ApplicationProtocol {
        Application(router: KioskRouter.build(environment, access: .local))
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
}

@Suite("API router")
struct KioskRouterTests {
    @Test("GET /api/v1/health reports the kiosk, the store and the configured devices")
    func health() async throws {
        let fixture = try APIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let report = try decode(HealthReport.self, response.body)
                #expect(report.status == "ok")
                #expect(report.kiosk.id == "demo-001")
                #expect(report.kiosk.ownerName == "自然资源局")
                #expect(report.components == ["store": "ok"])
                #expect(report.devices.count == 6)
                #expect(report.simulated)
            }
        }
    }

    @Test("GET /api/v1/version names the release and API version")
    func version() async throws {
        let fixture = try APIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/version", method: .get) { response in
                let info = try decode(VersionInfo.self, response.body)
                #expect(info == VersionInfo(version: KioskVersion.current, api: "v1", platform: info.platform))
                #expect(info.platform.hasPrefix("linux"))
            }
        }
    }

    @Test("an unknown path is a problem document")
    func notFound() async throws {
        let fixture = try APIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/no-such-thing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try decode(ProblemDocument.self, response.body)
                #expect(problem == ProblemDocument(title: "Not Found", status: 404, instance: "/api/v1/no-such-thing"))
            }
        }
    }

    @Test("GET /api/v1/openapi.yaml serves docs/openapi.yaml byte for byte")
    func openAPIDocument() async throws {
        let fixture = try APIFixture()
        defer { fixture.cleanUp() }
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: fixture.environment.openAPIDocumentPath))
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(response.body.readableBytesView) == onDisk)
                #expect(String(decoding: onDisk, as: UTF8.self).contains("openapi: 3.1"))
            }
        }
    }

    @Test("a missing OpenAPI document is a 404 problem that names the path")
    func openAPIDocumentMissing() async throws {
        let fixture = try APIFixture(openAPIDocument: "/nonexistent/openapi.yaml")
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .notFound)
                let problem = try decode(ProblemDocument.self, response.body)
                #expect(problem.detail?.contains("/nonexistent/openapi.yaml") == true)
            }
        }
    }

    @Test("GET /metrics renders the registry in the Prometheus text format")
    func metrics() async throws {
        let fixture = try APIFixture()
        defer { fixture.cleanUp() }
        fixture.environment.registry.makeGauge(
            descriptor: .init(namespace: "kioskd", metricName: "test", unitName: "value", helpText: "A test gauge."),
            labels: [("kiosk", "demo-001")]
        ).set(Double(42))
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains("# TYPE kioskd_test_value gauge"))
                #expect(text.contains("kioskd_test_value{kiosk=\"demo-001\"} 42"))
            }
        }
    }
}
