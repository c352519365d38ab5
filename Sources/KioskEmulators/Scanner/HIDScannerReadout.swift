import Foundation
import KioskDevices
import Logging

/// The keyboard-mode driver run on its own and reported line by line: what `kiosk-emulator scanner read-hid` prints.
///
/// umockdev replays evdev events by LD_PRELOAD into a process it starts, so the tests run the real `HIDQRScanner`
/// in this child process (`umockdev-run -d … -e /dev/input/eventN=….events -- kiosk-emulator scanner read-hid …`)
/// and read its JSON lines. A secret code's text is never printed: only its kind and length.
public enum HIDScannerReadout {
    /// One line of output.
    public struct Line: Codable, Sendable, Equatable {
        /// `opened`, `scanned`, `rejected` or `ended`.
        public var event: String
        public var kind: String?
        public var length: Int?
        /// The text, for kinds that are not secret.
        public var text: String?
        public var redacted: String?
        public var error: String?

        public init(event: String, kind: String? = nil, length: Int? = nil, text: String? = nil, redacted: String? = nil, error: String? = nil) {
            self.event = event
            self.kind = kind
            self.length = length
            self.text = text
            self.redacted = redacted
            self.error = error
        }
    }

    /// Opens `path` with `HIDQRScanner` (grabbing it when `grab`), and reports up to `count` codes and rejections,
    /// then `ended` (with the error that ended reading, if any).
    public static func run(path: String, grab: Bool, maxLength: Int, count: Int, print: (Line) -> Void) async {
        let logger = Logger(label: "kioskd.emulator.read-hid", factory: { _ in SwiftLogNoOpLogHandler() })
        let scanner = HIDQRScanner(path: path, options: QRScannerOptions(maxLength: maxLength, grab: grab), logger: logger)
        let events: AsyncThrowingStream<QRScannerEvent, any Error>
        do {
            events = try scanner.events()
        } catch {
            print(Line(event: "ended", error: "\(error)"))
            return
        }
        print(Line(event: "opened"))
        var seen = 0
        do {
            for try await event in events {
                print(line(for: event))
                seen += 1
                if seen >= count { break }
            }
            print(Line(event: "ended"))
        } catch {
            print(Line(event: "ended", error: "\(error)"))
        }
    }

    /// The line for one event.
    public static func line(for event: QRScannerEvent) -> Line {
        switch event {
        case .scanned(let code):
            return Line(
                event: "scanned", kind: code.kind.rawValue, length: code.length, text: code.isSecret ? nil : code.text,
                redacted: code.redacted)
        case .rejected(let error):
            return Line(event: "rejected", error: "\(error)")
        }
    }

    /// The line as one line of JSON.
    public static func json(_ line: Line) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(line) else { return #"{"event":"unencodable"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
