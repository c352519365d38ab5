import Foundation
import KioskCore
import KioskDevices
import KioskEmulators
import KioskTestSupport
import KioskTransport
import Testing

/// `kiosk-emulator idcard` as a separate process, driven by its control lines, read by the real driver.
@Suite("ID card: kiosk-emulator idcard", .serialized)
struct IDCardEmulatorCommandTests {
    typealias Support = IDCardTestSupport

    @Test("control lines parse; anything else is refused", arguments: [
        ("present zhang", IDCardEmulatorControl.present("zhang")), ("lift", .lift), ("sam-fail on", .samFailure(.selfTestFailed)),
        ("sam-fail silent", .samFailure(.silent)), ("sam-fail off", .samFailure(nil)), ("corrupt on", .corrupt(.checksum, count: nil)),
        ("corrupt once truncate", .corrupt(.truncate, count: 1)), ("corrupt off", .corrupt(nil, count: nil)), ("status", .status),
        ("quit", .quit),
    ])
    func parses(line: String, control: IDCardEmulatorControl) {
        #expect(IDCardEmulatorControl(line: line) == control)
    }

    @Test("lines that are not commands are refused", arguments: ["present", "lift now", "sam-fail maybe", "corrupt on sideways", "read"])
    func refuses(line: String) {
        #expect(IDCardEmulatorControl(line: line) == nil)
    }

    @Test("the emulator process presents, lifts and fails its SAM on command; the end of input unplugs it")
    func process() async throws {
        try await Support.withDeadline(.seconds(30)) {
            let folder = try Support.makeFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let link = folder + "/idcard"
            let child = try emulatorChild(arguments: ["idcard", "--pty", link, "--card", "zhang"])
            defer { child.terminate() }
            let ready = try await child.line()
            #expect(ready.hasPrefix("ready /dev/pts/"))

            let reader = try await IDCardReader.open(
                serial: SerialPort(path: link), configuration: Support.fastConfiguration, logger: Support.logger)
            let zhang = try await reader.read()
            #expect(zhang.maskedName == "张*试")

            #expect(try await child.send("lift") == "card lifted")
            let error = try await Support.error { () async throws(IDCardError) in try await reader.read() }
            #expect(error == .noCard)

            #expect(try await child.send("present li") == "presented card li")
            let li = try await reader.read()
            #expect(li.validTo == .longTerm)

            #expect(try await child.send("present nobody").hasPrefix("error: no emulated card named nobody"))
            #expect(try await child.send("dance").hasPrefix("error: not a command"))
            #expect(try await child.send("sam-fail on").hasPrefix("SAM failing"))
            #expect(await IDCardProbe(reader: reader).run().state == .hardwareError)
            #expect(try await child.send("sam-fail off") == "SAM working")
            #expect(await IDCardProbe(reader: reader).run().state == .online)
            await reader.close()

            let status = try await child.send("status")
            #expect(status.contains("card li on the reader"))
            #expect(!status.contains("李示例"))
            child.endInput()
            #expect(try await child.exitStatus() == 0)
            #expect(!FileManager.default.fileExists(atPath: link))
        }
    }
}

/// `kiosk-emulator` (built beside the test bundle) with pipes on its standard input and output.
private func emulatorChild(arguments: [String]) throws -> LineChild {
    let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let executable = URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("kiosk-emulator")
    return try LineChild(executable.path, arguments, standardError: nil)
}
