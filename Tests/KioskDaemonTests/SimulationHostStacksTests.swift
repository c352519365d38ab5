import KioskCore
import KioskTestSupport
import Testing
@testable import KioskDaemon

/// `kioskd --simulate` puts the A4 printer and the social-security reader on the host's CUPS and PC/SC.
@Suite("Simulation on the host's CUPS queue and PC/SC reader", .pcscExclusive)
struct SimulationHostStacksTests {
    @Test("a4-printer uses the CUPS queue, ssc-reader the Virtual PCD reader; the other devices stay emulated")
    func matches() throws {
        let configuration = try KioskConfiguration.simulation(stateDirectory: "/tmp/kiosk-state").withSimulationHostStacks(cupsQueue: "q1")
        let matches = Dictionary(uniqueKeysWithValues: configuration.devices.map { ($0.id, $0.match) })
        #expect(matches["a4-printer"] == .cups(queue: "q1"))
        #expect(matches["ssc-reader"] == .pcsc(reader: "Virtual PCD"))
        #expect(matches["id-reader"] == .emulated && matches["receipt-printer"] == .emulated && matches["qr-scanner"] == .emulated)
    }

    @Test("the queue comes from KIOSKD_SIMULATION_CUPS_QUEUE, else kioskpdf")
    func queueFromEnvironment() {
        #expect(KioskDaemonCommand.simulationCUPSQueue([:]) == "kioskpdf")
        #expect(KioskDaemonCommand.simulationCUPSQueue(["KIOSKD_SIMULATION_CUPS_QUEUE": " "]) == "kioskpdf")
        #expect(KioskDaemonCommand.simulationCUPSQueue(["KIOSKD_SIMULATION_CUPS_QUEUE": "a4pdf"]) == "a4pdf")
    }
}
