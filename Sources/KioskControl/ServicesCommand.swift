import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl services`: the services with their availability; `disable`/`enable` switch one.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "List the services with their availability, or switch one off and on.",
        subcommands: [ServicesListCommand.self, ServicesDisableCommand.self, ServicesEnableCommand.self],
        defaultSubcommand: ServicesListCommand.self
    )
}

/// `kioskctl services list` (the default).
struct ServicesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List services, why any is unavailable, and workflow files that failed to load.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let listing: ServicesListing
        do {
            listing = try await connection.client.get("/api/v1/services", as: ServicesListing.self)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        print(connection.json ? try JSONOutput.encode(listing) : Self.render(listing))
    }

    static func render(_ listing: ServicesListing) -> String {
        var table = TextTable()
        table.add("SERVICE", "NAME", "AVAILABLE", "IDENTIFY", "OUTPUT", "REASON")
        for service in listing.services {
            table.add(
                service.id, service.names["zh-CN"] ?? service.id, service.available ? "yes" : "NO",
                service.identification.joined(separator: ","), service.outputs.joined(separator: ","),
                service.reason?["zh-CN"] ?? "-"
            )
        }
        var text = table.render()
        for problem in listing.problems ?? [] {
            text += "\n\nworkflow file \(problem.file) failed to load; service \(problem.service) is off:"
            for location in problem.problems {
                text += "\n  \(problem.file):\(location.line):\(location.column): \(location.key.isEmpty ? "(document)" : location.key): \(location.message)"
            }
        }
        return text
    }
}

/// The body of `PUT /api/v1/services/{id}/availability`.
struct ServiceAvailabilityChange: Encodable {
    var enabled: Bool
    var reason: String?
    var actor: String
}

/// `kioskctl services disable ID --reason …`.
struct ServicesDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Switch a service off; citizens see the reason.")

    @Argument(help: "The service id, e.g. nr.encumbrance.")
    var id: String

    @Option(help: "Why, in words for citizens (shown on the kiosk).")
    var reason: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await ServicesSwitch.send(id: id, enabled: false, reason: reason, connection: connection)
    }
}

/// `kioskctl services enable ID`.
struct ServicesEnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Switch a service on again.")

    @Argument(help: "The service id.")
    var id: String

    @Option(help: "Why (kept in the event log).")
    var reason: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await ServicesSwitch.send(id: id, enabled: true, reason: reason, connection: connection)
    }
}

enum ServicesSwitch {
    static func send(id: String, enabled: Bool, reason: String?, connection: ConnectionOptions) async throws {
        let actor = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "kioskctl"
        let service: ServicesListing.Service
        do {
            service = try await connection.client.send(
                .put, "/api/v1/services/\(id)/availability",
                body: ServiceAvailabilityChange(enabled: enabled, reason: reason, actor: actor),
                as: ServicesListing.Service.self
            )
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        if connection.json {
            print(try JSONOutput.encode(service))
        } else {
            let state = service.available ? "available" : "unavailable: \(service.reason?["zh-CN"] ?? "-")"
            print("\(service.id) \(enabled ? "enabled" : "disabled"); now \(state)")
        }
    }
}
