import Hummingbird
import KioskCore

/// `/api/v1/simulation/…`: drives the emulated devices of `kioskd --simulate` (docs/sessions.md, "Simulation
/// controls"); every route answers 404 when the daemon is not simulating.
struct SimulationRoutes {
    let simulation: (any SimulationControl)?

    struct CardList: ResponseEncodable { var cards: [SimulatedCard] }
    struct CardRequest: Decodable { var card: String }
    struct ScanRequest: Decodable { var code: String }
    struct ConditionResponse: ResponseEncodable { var condition: SimulatedPrinterCondition
        func encode(to encoder: any Encoder) throws { try condition.encode(to: encoder) }
    }
    struct TranscriptResponse: ResponseEncodable { var transcript: SimulatedTranscript
        func encode(to encoder: any Encoder) throws { try transcript.encode(to: encoder) }
    }
    struct DropResponse: ResponseEncodable { var dropped: Int }

    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        let simulation = group.group("simulation")
        simulation.get("cards") { _, _ in
            CardList(cards: await (try requireSimulation()).simulatedCards())
        }
        simulation.post("devices/{id}/card") { request, context in
            let id = try context.parameters.require("id")
            let control = try requireSimulation()
            let body = try await request.decode(as: CardRequest.self, context: context)
            try await Self.run { () async throws(SimulationControlError) in try await control.presentCard(body.card, on: id) }
            return HTTPResponse.Status.noContent
        }
        simulation.delete("devices/{id}/card") { _, context in
            let id = try context.parameters.require("id")
            let control = try requireSimulation()
            try await Self.run { () async throws(SimulationControlError) in try await control.liftCard(on: id) }
            return HTTPResponse.Status.noContent
        }
        simulation.post("devices/{id}/scan") { request, context in
            let id = try context.parameters.require("id")
            let control = try requireSimulation()
            let body = try await request.decode(as: ScanRequest.self, context: context)
            try await Self.run { () async throws(SimulationControlError) in try await control.scanCode(body.code, on: id) }
            return HTTPResponse.Status.noContent
        }
        simulation.put("devices/{id}/condition") { request, context in
            let id = try context.parameters.require("id")
            let control = try requireSimulation()
            let body = try await request.decode(as: SimulatedPrinterCondition.self, context: context)
            let condition = try await Self.run { () async throws(SimulationControlError) in
                try await control.setPrinterCondition(body, on: id)
            }
            return ConditionResponse(condition: condition)
        }
        simulation.get("devices/{id}/transcript") { _, context in
            let id = try context.parameters.require("id")
            let control = try requireSimulation()
            let transcript = try await Self.run { () async throws(SimulationControlError) in try await control.printerTranscript(of: id) }
            return TranscriptResponse(transcript: transcript)
        }
        simulation.post("events/drop") { _, _ in
            _ = try requireSimulation()
            return DropResponse(dropped: EventConnections.shared.dropAll())
        }
    }

    /// The control, or 404 when not simulating.
    private func requireSimulation() throws(HTTPError) -> any SimulationControl {
        guard let simulation else {
            throw HTTPError(.notFound, message: "simulation controls exist only under kioskd --simulate")
        }
        return simulation
    }

    /// Runs a control, turning its error into the HTTP error it stands for.
    private static func run<T>(_ body: () async throws(SimulationControlError) -> T) async throws(HTTPError) -> T {
        do {
            return try await body()
        } catch {
            switch error {
            case .unknownDevice(_, let reason): throw HTTPError(.notFound, message: reason)
            case .wrongKind(_, let reason): throw HTTPError(.conflict, message: reason)
            case .unknownCard(_, let reason): throw HTTPError(.unprocessableContent, message: reason)
            case .failed(_, let reason): throw HTTPError(.serviceUnavailable, message: reason)
            }
        }
    }
}
