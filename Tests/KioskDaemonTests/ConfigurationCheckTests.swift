import Foundation
import Testing

@Suite("Configuration on the command line")
struct ConfigurationCheckTests {
    @Test("--check-config accepts the shipped example and exits 0")
    func checkValid() async throws {
        let folder = TemporaryFolder("kioskd-check")
        defer { folder.cleanUp() }
        let result = try await ChildProcess.run(
            BuiltProducts.path("kioskd"), ["--check-config", BuiltProducts.repository + "/docs/kiosk.example.yaml"], folder: folder.path
        )
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("is valid"))
    }

    @Test("--check-config lists every problem as file:line:column: key: message and exits 78")
    func checkInvalid() async throws {
        let folder = TemporaryFolder("kioskd-check")
        defer { folder.cleanUp() }
        let path = folder.path + "/bad.yaml"
        try """
            kiosk:
              id: Demo
              name: 测试
              site: demo
              address: 一楼
              owner: nobody
              contact: {name: 值班}
            api: {listen: nowhere}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run(BuiltProducts.path("kioskd"), ["--check-config", path], folder: folder.path)
        #expect(result.status == 78)
        #expect(result.stderr.contains("3 problems"))
        #expect(result.stderr.contains("\(path):2:7: kiosk.id: expected an id"))
        #expect(result.stderr.contains("\(path):6:10: kiosk.owner: unknown bureau \"nobody\""))
        #expect(result.stderr.contains("\(path):8:15: api.listen: expected HOST:PORT"))
    }

    @Test("a daemon started with a bad file exits 78 and creates nothing")
    func startWithInvalid() async throws {
        let folder = TemporaryFolder("kioskd-bad")
        defer { folder.cleanUp() }
        let path = folder.path + "/kiosk.yaml"
        let state = folder.path + "/state"
        try "kiosk: {id: demo}\nstorage: {directory: \(state)}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run(BuiltProducts.path("kioskd"), ["--config", path], folder: folder.path)
        #expect(result.status == 78)
        #expect(result.stderr.contains("nothing was changed"))
        #expect(result.stderr.contains("\(path):1:8: kiosk.name: required key is missing"))
        #expect(!FileManager.default.fileExists(atPath: state))
    }

    @Test("a missing file is named in the error")
    func missingFile() async throws {
        let folder = TemporaryFolder("kioskd-missing")
        defer { folder.cleanUp() }
        let result = try await ChildProcess.run(BuiltProducts.path("kioskd"), ["--config", folder.path + "/none.yaml"], folder: folder.path)
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(folder.path)/none.yaml:1:1: (document): the file does not exist"))
    }
}
