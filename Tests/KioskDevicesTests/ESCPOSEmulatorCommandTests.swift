import Foundation
import Testing
@testable import KioskDevices

/// `kiosk-emulator printer` as a separate process, driven by kioskd's driver and control lines on stdin.
@Suite("kiosk-emulator printer", .timeLimit(.minutes(1)))
struct ESCPOSEmulatorCommandTests {
    @Test("prints through the pty link, follows control lines, writes the transcript, quits")
    func commandLine() async throws {
        try await ESCPOSTestSupport.withTemporaryFolder { folder in
            // Given
            let link = folder + "/printer"
            let transcript = folder + "/transcript.txt"
            let child = try ESCPOSChild(try ESCPOSTestSupport.executable("kiosk-emulator"), ["printer", "--pty", link, "--transcript", transcript])
            #expect(try await child.readLine().hasPrefix("ready /dev/pts/"))
            let printer = try await ESCPOSTestSupport.open(link)

            // When
            try await printer.print(ESCPOSTestSupport.receipt(lines: 1))
            child.send("paper out")
            let answer = try await child.readLine()
            let refused = await ESCPOSTestSupport.error { try await printer.print(ESCPOSTestSupport.receipt()) }
            child.send("paper ok")
            _ = try await child.readLine()
            child.send("cover sideways")
            let unknown = try await child.readLine()
            await printer.close()
            child.send("quit")
            let end = await child.finish()

            // Then
            #expect(answer == "ok paper out")
            #expect(refused == .paperOut(paperWidth: .mm80))
            #expect(unknown.hasPrefix("error: unknown control line"))
            #expect(end.status == 0)
            let written = try String(contentsOfFile: transcript, encoding: .utf8)
            #expect(written == """
                init
                line\t凭条测试
                line\t第1行：示例
                line\t\(String(repeating: "-", count: 48))
                qr\thttps://zw.example.gov.cn/r/7Q2K\tmodule=6\tlevel=M
                cut\tpartial

                """)
            #expect(!FileManager.default.fileExists(atPath: link))
        }
    }
}
