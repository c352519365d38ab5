import KioskCore
import KioskHealth
import Testing

@Suite("Fault catalogue and routing")
struct FaultCatalogueTests {
    static let allCodes: [FaultCode] = [
        .deviceMissing, .deviceNotAnswering, .deviceDriverError, .printerPaperOut, .printerPaperNearEnd, .printerCoverOpen,
        .printerCutterError, .printerUnrecoverable, .printerOffline, .idCardSAMFailure, .pcscServiceDown, .pcscReaderMissing,
        .a4MediaEmpty, .a4MediaJam, .a4CoverOpen, .a4TonerLow, .a4TonerEmpty, .a4Offline, .a4QueueStopped, .a4NotAccepting,
        .displayTouchMissing, .displayDisconnected, .displayBacklightOff, .kioskDiskLow, .kioskClockUnsynchronised,
        .kioskBackendUnreachable, .kioskBrowserDown, .printerPaperLow, .displayTouchUnresponsive,
    ]

    @Test("every shipped fault code has a catalogue entry with Chinese and English texts")
    func complete() {
        let catalogue = FaultCatalogue()
        for code in Self.allCodes {
            let definition = catalogue.definitions[code]
            #expect(definition != nil, "no catalogue entry for \(code)")
            #expect(definition?.summaryZH.isEmpty == false)
            #expect(definition?.remedyEN.isEmpty == false)
        }
        #expect(catalogue.definitions.count == Self.allCodes.count)
    }

    @Test("paper out: staff clear it, critical, the remedy says which roll")
    func paperOut() {
        let definition = FaultCatalogue().definition(for: .printerPaperOut)
        #expect(definition.lineEN == "receipt paper out — replace the 80 mm roll")
        #expect(definition.action == .clear)
        #expect(definition.severity == .critical)
        #expect(definition.alertName == "PrinterPaperOut")
        #expect(!definition.recoverable)
    }

    @Test("an unknown code gets a generic engineer's entry")
    func unknown() {
        let definition = FaultCatalogue().definition(for: "scanner.lens-dirty")
        #expect(definition.action == .maintenance)
        #expect(definition.alertName == "ScannerLensDirty")
    }

    @Test("owner: the device's own, else the department's for a backend, else the kiosk's")
    func routing() {
        let routing = AlertRouting(kioskOwner: "service-centre", deviceOwners: ["ss-card-reader": "hrss-bureau"], departments: [.nr, .hrss])
        #expect(routing.owner(of: "ss-card-reader") == "hrss-bureau")
        #expect(routing.owner(of: "receipt-printer") == "service-centre")
        #expect(routing.owner(of: KioskCheckID.backend(.nr)) == "natural-resources-bureau")
        #expect(routing.owner(of: KioskCheckID.disk) == "service-centre")
    }

    @Test("a real-estate kiosk without an owner routes to the natural-resources bureau")
    func realEstateDefault() {
        let routing = AlertRouting(kioskOwner: "", departments: [.nr])
        #expect(routing.owner(of: "receipt-printer") == "natural-resources-bureau")
    }

    @Test("routing from a configuration takes device owners and the kiosk owner")
    func fromConfiguration() {
        let kiosk = KioskIdentity(id: "k", name: "k", site: "s", address: "a", owner: "natural-resources-bureau", contact: Contact(name: "x"))
        let configuration = KioskConfiguration(kiosk: kiosk, devices: [
            DeviceConfiguration(id: "a4-printer", role: .a4Printer, profile: "cups/generic-a4", match: .cups(queue: "a4"), owner: "housing-fund-centre"),
            DeviceConfiguration(id: "receipt-printer", role: .receiptPrinter, profile: "escpos/generic-80mm", match: .emulated),
        ])
        let routing = AlertRouting(configuration: configuration)
        #expect(routing.owner(of: "a4-printer") == "housing-fund-centre")
        #expect(routing.owner(of: "receipt-printer") == "natural-resources-bureau")
    }

    @Test("the alert fingerprint is Alertmanager's: stable and independent of label order")
    func fingerprint() {
        let a = OutboundAlert(labels: ["alertname": "X", "kiosk": "k"], annotations: [:], startsAt: .now, endsAt: .now, generatorURL: "")
        let b = OutboundAlert(labels: ["kiosk": "k", "alertname": "X"], annotations: ["summary": "other"], startsAt: .distantPast, endsAt: .now, generatorURL: "")
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint.count == 16)
    }
}
