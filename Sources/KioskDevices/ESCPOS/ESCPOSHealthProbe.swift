import KioskCore

/// The receipt printer's health, from one `DLE EOT` status request: paper out and cover open are
/// for staff on site (`userError`), cutter and unrecoverable errors for an engineer
/// (`hardwareError`), no answer is `offline`, a printer gone is `noDevice`.
public struct ESCPOSHealthProbe: Sendable {
    /// One probe's verdict.
    public struct Health: Sendable, Equatable {
        public var state: DeviceState
        /// What a maintainer reads, with what to do.
        public var detail: String

        public init(state: DeviceState, detail: String) {
            self.state = state
            self.detail = detail
        }
    }

    public let printer: ESCPOSPrinter

    public init(printer: ESCPOSPrinter) {
        self.printer = printer
    }

    /// Asks the printer now.
    public func probe() async -> Health {
        do {
            return Self.health(of: try await printer.status(), paperWidth: printer.configuration.paperWidth)
        } catch {
            return Self.health(of: error)
        }
    }

    /// The health a status shows.
    public static func health(of status: PrinterStatus, paperWidth: PaperWidth) -> Health {
        if let refusal = ESCPOSConversation.refusal(status, paperWidth: paperWidth) {
            switch refusal {
            case .paperOut, .coverOpen: return Health(state: .userError, detail: refusal.description)
            case .cutterError, .unrecoverable: return Health(state: .hardwareError, detail: refusal.description)
            default: return Health(state: .offline, detail: refusal.description)
            }
        }
        if status.paperNearEnd {
            return Health(state: .online, detail: "paper near end — have a \(paperWidth.rawValue) mm roll ready")
        }
        return Health(state: .online, detail: "ready")
    }

    /// The health a failed status request shows.
    public static func health(of error: PrinterError) -> Health {
        switch error {
        case .disconnected:
            return Health(state: .noDevice, detail: error.description)
        case .noAnswer, .unavailable, .cancelled:
            return Health(state: .offline, detail: error.description)
        case .paperOut, .coverOpen:
            return Health(state: .userError, detail: error.description)
        case .cutterError, .unrecoverable:
            return Health(state: .hardwareError, detail: error.description)
        case .offline, .recovering, .interrupted, .invalidReceipt:
            return Health(state: .offline, detail: error.description)
        }
    }
}
