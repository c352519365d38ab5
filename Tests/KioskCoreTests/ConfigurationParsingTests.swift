import Foundation
import Testing
@testable import KioskCore

/// A minimal valid configuration; broken variants below change one thing each.
private let minimal = """
    kiosk:
      id: tianhe-001
      name: 天河区政务服务中心 1 号自助终端
      site: tianhe-centre
      address: 天河路 1 号
      owner: natural-resources-bureau
      contact: {name: 李工, phone: "+86 20 1234 5678"}
    """

@Suite("Configuration parsing")
struct ConfigurationParsingTests {
    @Test("a minimal file gets the documented defaults")
    func minimalDefaults() throws {
        let configuration = try KioskConfiguration.parse(yaml: minimal, file: "kiosk.yaml")
        #expect(configuration.kiosk.id == "tianhe-001")
        #expect(configuration.owningBureau?.name == "自然资源局")
        #expect(configuration.api.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(configuration.api.socketPath == "/run/kioskd/kioskd.sock")
        #expect(configuration.storage.directory == "/var/lib/kioskd")
        #expect(configuration.alerting.resendInterval == .seconds(60))
        #expect(configuration.devices.isEmpty)
    }

    @Test("every key of the shipped example is accepted")
    func shippedExample() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/kiosk.example.yaml").standardized.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let configuration = try KioskConfiguration.parse(yaml: text, file: path)
        #expect(configuration.devices.count == 6)
        #expect(Set(configuration.devices.map(\.role)) == Set(DeviceRole.allCases))
        #expect(configuration.departments.count == Department.allCases.count)
        #expect(!configuration.alerting.alertmanagerURLs.isEmpty)
        #expect(configuration.kiosk.owner == "natural-resources-bureau")
    }

    @Test("the embedded simulation configuration is valid and keeps state in its folder")
    func simulation() throws {
        let configuration = try KioskConfiguration.simulation(stateDirectory: "/tmp/kiosk-state")
        #expect(configuration.storage.directory == "/tmp/kiosk-state")
        #expect(configuration.api.socketPath == "/tmp/kiosk-state/kioskd.sock")
        #expect(configuration.devices.allSatisfy { $0.match == .emulated })
        #expect(configuration.devices.count == DeviceRole.allCases.count)
    }

    @Test("device matches of every kind are read")
    func deviceMatches() throws {
        let yaml = minimal + """

            devices:
              - {id: id-reader, role: id-card-reader, profile: idcard/generic-ga467, match: {serial: /dev/serial/by-id/usb-reader}}
              - id: receipt-printer
                role: receipt-printer
                profile: escpos/generic-80mm
                match: {usb: {vendor: "0416", product: "0x5011", serial: "SN123", port: 1-1.4}}
                owner: service-centre
              - {id: touch, role: touch-display, profile: display/generic-touch, match: {udev: {ID_INPUT_TOUCHSCREEN: "1"}}}
              - {id: ssc, role: social-security-card-reader, profile: pcsc/generic-ccid, match: {pcsc: "Virtual PCD 00 00"}}
              - {id: a4, role: a4-printer, profile: cups/generic-a4, match: {cups: kiosk_a4}}
            """
        let devices = try KioskConfiguration.parse(yaml: yaml, file: "kiosk.yaml").devices
        #expect(devices.map(\.match) == [
            .serial(path: "/dev/serial/by-id/usb-reader"),
            .usb(vendor: 0x0416, product: 0x5011, serial: "SN123", port: "1-1.4"),
            .udev(properties: ["ID_INPUT_TOUCHSCREEN": "1"]),
            .pcsc(reader: "Virtual PCD 00 00"),
            .cups(queue: "kiosk_a4"),
        ])
        #expect(devices[1].owner == "service-centre")
    }

    /// A broken file and the problems it must produce: line, key path and a part of the message.
    struct BrokenCase: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let expected: [(line: Int, keyPath: String, message: String)]
        var testDescription: String { name }
    }

    static let brokenCases: [BrokenCase] = [
        BrokenCase(name: "empty file", yaml: "", expected: [(1, "", "the file is empty")]),
        BrokenCase(name: "YAML syntax error", yaml: "kiosk:\n  id: [unclosed\n", expected: [(3, "", "YAML syntax error")]),
        BrokenCase(name: "top level is a list", yaml: "- kiosk\n", expected: [(1, "", "expected a mapping")]),
        BrokenCase(name: "kiosk section missing", yaml: "api: {listen: 127.0.0.1:8080}\n", expected: [(1, "kiosk", "required key is missing")]),
        BrokenCase(
            name: "misspelt top-level key",
            yaml: minimal + "\nstorgae: {directory: /var/lib/kioskd}\n",
            expected: [(8, "storgae", "unknown key; expected one of kiosk, bureaus")]
        ),
        BrokenCase(
            name: "kiosk id with capitals",
            yaml: minimal.replacingOccurrences(of: "id: tianhe-001", with: "id: Tianhe_001"),
            expected: [(2, "kiosk.id", "expected an id of lower-case letters")]
        ),
        BrokenCase(
            name: "unknown owner bureau",
            yaml: minimal.replacingOccurrences(of: "owner: natural-resources-bureau", with: "owner: land-bureau"),
            expected: [(6, "kiosk.owner", "unknown bureau \"land-bureau\"")]
        ),
        BrokenCase(
            name: "contact without a name and a bad phone",
            yaml: minimal.replacingOccurrences(of: "{name: 李工, phone: \"+86 20 1234 5678\"}", with: "{phone: call-me}"),
            expected: [(7, "kiosk.contact.name", "required key is missing"), (7, "kiosk.contact.phone", "expected a telephone number")]
        ),
        BrokenCase(
            name: "listen address without a port",
            yaml: minimal + "\napi:\n  listen: localhost\n",
            expected: [(9, "api.listen", "expected HOST:PORT")]
        ),
        BrokenCase(
            name: "relative socket path and a short token hash",
            yaml: minimal + "\napi:\n  socket: kioskd.sock\n  maintainers:\n    - {name: 王工, token_sha256: abc}\n",
            expected: [(9, "api.socket", "expected an absolute path"), (11, "api.maintainers[0].token_sha256", "64 lower-case hex digits")]
        ),
        BrokenCase(
            name: "duration without a unit and one out of range",
            yaml: minimal + "\nalerting:\n  resend_interval: 60\n  heartbeat_interval: 2d\n",
            expected: [(9, "alerting.resend_interval", "expected a duration such as"), (10, "alerting.heartbeat_interval", "expected a duration from 5s to 1h")]
        ),
        BrokenCase(
            name: "unknown department and a bad URL",
            yaml: minimal + "\ndepartments:\n  tax: {base_url: https://tax.example}\n  hrss: {base_url: ftp://hrss.example, retries: 9}\n",
            expected: [
                (9, "departments.tax", "expected a department (hrss, mi, nr, hpf)"),
                (10, "departments.hrss.base_url", "expected an http:// or https:// URL"),
                (10, "departments.hrss.retries", "expected a whole number from 0 to 5, found 9"),
            ]
        ),
        BrokenCase(
            name: "mutual TLS with a certificate but no key",
            yaml: minimal + "\ndepartments:\n  nr:\n    base_url: https://nr.example\n    tls: {certificate: /etc/kioskd/nr.pem}\n",
            expected: [(11, "departments.nr.tls", "expected both certificate and key")]
        ),
        BrokenCase(
            name: "device with unknown role, bad profile and no match",
            yaml: minimal + "\ndevices:\n  - {id: printer, role: printer, profile: escpos}\n",
            expected: [
                (9, "devices[0].match", "required key is missing"),
                (9, "devices[0].role", "expected one of id-card-reader"),
                (9, "devices[0].profile", "expected a profile name FAMILY/MODEL"),
            ]
        ),
        BrokenCase(
            name: "two devices with the same id",
            yaml: minimal + """

                devices:
                  - {id: printer, role: receipt-printer, profile: escpos/generic-80mm, match: {emulated: true}}
                  - {id: printer, role: a4-printer, profile: cups/generic-a4, match: {cups: a4}}
                """,
            expected: [(10, "devices[1].id", "device id \"printer\" is used twice")]
        ),
        BrokenCase(
            name: "match with two kinds and a bad USB id",
            yaml: minimal + """

                devices:
                  - {id: p1, role: receipt-printer, profile: escpos/generic-80mm, match: {serial: /dev/ttyS0, emulated: true}}
                  - {id: p2, role: receipt-printer, profile: escpos/generic-80mm, match: {usb: {vendor: 416, product: "5011"}}}
                """,
            expected: [
                (9, "devices[0].match", "expected exactly one of serial, usb"),
                (10, "devices[1].match.usb.vendor", "expected a 4-digit hex USB vendor id"),
            ]
        ),
        BrokenCase(
            name: "a key given twice",
            yaml: minimal + "\nstorage:\n  directory: /var/lib/kioskd\n  directory: /srv/kioskd\n",
            expected: [(9, "directory", "key appears twice")]
        ),
        BrokenCase(
            name: "new bureau without names",
            yaml: minimal + "\nbureaus:\n  district-office: {contact: {name: 赵工}}\n",
            expected: [(9, "district-office.name", "required key is missing"), (9, "district-office.name_en", "required key is missing")]
        ),
    ]

    @Test("a broken file is rejected with file:line:key and what was expected", arguments: brokenCases)
    func brokenFile(_ broken: BrokenCase) {
        do {
            _ = try KioskConfiguration.parse(yaml: broken.yaml, file: "/etc/kioskd/kiosk.yaml")
            Issue.record("\(broken.name): accepted, expected \(broken.expected.count) problem(s)")
        } catch {
            #expect(error.problems.count == broken.expected.count, "\(error)")
            for (problem, expected) in zip(error.problems.sorted { ($0.line, $0.keyPath) < ($1.line, $1.keyPath) }, broken.expected.sorted { ($0.line, $0.keyPath) < ($1.line, $1.keyPath) }) {
                #expect(problem.file == "/etc/kioskd/kiosk.yaml")
                #expect(problem.line == expected.line, "\(problem)")
                #expect(problem.keyPath.hasSuffix(expected.keyPath), "\(problem)")
                #expect(problem.message.contains(expected.message), "\(problem)")
                #expect(problem.description.hasPrefix("/etc/kioskd/kiosk.yaml:\(expected.line):"))
            }
        }
    }
}
