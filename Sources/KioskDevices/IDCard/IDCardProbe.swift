import KioskCore

/// The ID-card reader's health probe: asks the SAM for its status and its id.
///
/// A SAM that does not answer or reports a fault is a hardware error; a reader busy with a citizen's card is busy.
public struct IDCardProbe: Sendable {
    /// What one probe found.
    public struct Report: Sendable, Equatable {
        public var state: DeviceState
        /// Why, in words, for maintainers.
        public var detail: String
        /// The SAM id, when the SAM answered with it.
        public var samID: String?

        public init(state: DeviceState, detail: String, samID: String? = nil) {
            self.state = state
            self.detail = detail
            self.samID = samID
        }
    }

    public let reader: IDCardReader

    public init(reader: IDCardReader) {
        self.reader = reader
    }

    /// Probes the reader once. Never throws: every failure becomes a state with its detail.
    public func run() async -> Report {
        let status: SAMStatus
        do {
            status = try await reader.samStatus()
        } catch {
            return Self.report(for: error, asking: "SAM status")
        }
        switch status {
        case .ready:
            break
        case .fault(let code):
            return Report(state: .hardwareError, detail: "SAM module reports a fault: \(code); have the reader serviced")
        }
        do {
            let id = try await reader.samID()
            return Report(state: .online, detail: "SAM ready, id \(id)", samID: id)
        } catch {
            return Self.report(for: error, asking: "SAM id")
        }
    }

    private static func report(for error: IDCardError, asking what: String) -> Report {
        switch error.deviceState {
        case .some(let state):
            return Report(state: state, detail: "\(what): \(error)")
        case .none:
            // A card-side error while asking the SAM about itself: the SAM answered, so the module is up.
            return Report(state: .online, detail: "\(what): \(error)")
        }
    }
}
