import Foundation
import KioskCore
import Testing

/// The line settings as a profile names them, and the values a tty cannot take.
@Suite("Serial settings")
struct SerialSettingsTests {
    @Test("the default is 115200 8N1 without flow control")
    func defaultIs115200EightNOne() {
        #expect(SerialSettings.default == SerialSettings(baud: 115_200, dataBits: 8, parity: .none, stopBits: 1, flowControl: .none))
        #expect(SerialSettings.default.description == "115200 8N1")
    }

    @Test("the enumerations read the words a profile uses")
    func rawValuesAreProfileWords() {
        #expect(SerialSettings.Parity.allCases.map(\.rawValue) == ["none", "even", "odd"])
        #expect(SerialSettings.FlowControl.allCases.map(\.rawValue) == ["none", "rts-cts", "xon-xoff"])
    }

    @Test("every standard rate is valid", arguments: SerialSettings.standardBaudRates)
    func standardRatesAreValid(baud: Int) {
        #expect(SerialSettings(baud: baud).problem == nil)
    }

    @Test(
        "values a tty cannot take are named",
        arguments: [
            (SerialSettings(baud: 12345), SerialSettings.Problem.unsupportedBaud(12345)),
            (SerialSettings(baud: 300), SerialSettings.Problem.unsupportedBaud(300)),
            (SerialSettings(dataBits: 9), SerialSettings.Problem.unsupportedDataBits(9)),
            (SerialSettings(stopBits: 3), SerialSettings.Problem.unsupportedStopBits(3)),
        ]
    )
    func unsupportedValuesAreProblems(settings: SerialSettings, problem: SerialSettings.Problem) {
        #expect(settings.problem == problem)
        #expect(throws: problem) { try settings.validate() }
    }

    @Test("JSON with some keys fills in the rest from the default")
    func decodingFillsDefaults() throws {
        let json = Data(#"{"baud": 9600, "parity": "even", "flowControl": "rts-cts"}"#.utf8)

        let settings = try JSONDecoder().decode(SerialSettings.self, from: json)

        #expect(settings == SerialSettings(baud: 9600, dataBits: 8, parity: .even, stopBits: 1, flowControl: .rtsCts))
        #expect(settings.description == "9600 8E1 rts-cts")
    }

    @Test("decoding an unsupported rate fails")
    func decodingRejectsUnsupportedRate() {
        let json = Data(#"{"baud": 14400}"#.utf8)

        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SerialSettings.self, from: json) }
    }

    @Test("encoding and decoding give the same settings")
    func codableRoundTrip() throws {
        let settings = SerialSettings(baud: 921_600, dataBits: 7, parity: .odd, stopBits: 2, flowControl: .xonXoff)

        let decoded = try JSONDecoder().decode(SerialSettings.self, from: JSONEncoder().encode(settings))

        #expect(decoded == settings)
    }
}
