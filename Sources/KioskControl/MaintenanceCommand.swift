import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl maintenance start|stop|status`: planned work without paging the bureau.
struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Start or stop maintenance: the kiosk silences its own alerts at Alertmanager meanwhile.",
        discussion: "Faults found during maintenance are still recorded (see `kioskctl faults`).",
        subcommands: [MaintenanceStartCommand.self, MaintenanceStopCommand.self, MaintenanceStatusCommand.self],
        defaultSubcommand: MaintenanceStatusCommand.self
    )

    static func render(_ window: MaintenanceWindow) -> String {
        var table = TextTable()
        table.add("Reason", window.reason)
        table.add("By", window.actor)
        table.add("Started", ISO8601DateFormatter().string(from: window.startedAt))
        table.add(window.stoppedAt == nil ? "Ends" : "Ended", ISO8601DateFormatter().string(from: window.stoppedAt ?? window.endsAt))
        for silence in window.silences {
            table.add("Silence", "\(silence.alertmanager): \(silence.silenceID ?? "not created")\(silence.error.map { " (\($0))" } ?? "")")
        }
        if window.silences.isEmpty { table.add("Silence", "none (no Alertmanager configured)") }
        return table.render()
    }
}

/// `kioskctl maintenance start --reason … --for 30m`.
struct MaintenanceStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a maintenance window.")

    @Option(help: "Why (shown on the Alertmanager silence), e.g. \"replacing the receipt printer\".")
    var reason: String

    @Option(name: .customLong("for"), help: "How long: 30m, 2h, 90s.")
    var duration: String = "30m"

    @Option(help: "Who does the work.")
    var by: String = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "kioskctl"

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard let length = DurationText.parse(duration) else {
            throw ValidationError("--for \(duration) is not a duration; write e.g. 30m, 2h or 90s")
        }
        let request = MaintenanceRequest(reason: reason, durationSeconds: Int(length.components.seconds), actor: by)
        let window: MaintenanceWindow
        do {
            window = try await connection.client.send(.post, "/api/v1/maintenance", body: request, as: MaintenanceWindow.self)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        print(connection.json ? try JSONOutput.encode(window) : "Maintenance started.\n" + MaintenanceCommand.render(window))
        if window.silences.contains(where: { $0.silenceID == nil }) { throw ExitCode(1) }
    }
}

/// `kioskctl maintenance stop`.
struct MaintenanceStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the running maintenance window and expire its silences.")

    @Option(help: "Who stops it.")
    var by: String = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "kioskctl"

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let actor = by.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "kioskctl"
        let window: MaintenanceWindow
        do {
            window = try await connection.client.send(.delete, "/api/v1/maintenance?actor=\(actor)", body: Optional<MaintenanceRequest>.none, as: MaintenanceWindow.self)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        print(connection.json ? try JSONOutput.encode(window) : "Maintenance stopped.\n" + MaintenanceCommand.render(window))
    }
}

/// `kioskctl maintenance status` (the default).
struct MaintenanceStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the running maintenance window, if any.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let state: MaintenanceState
        do {
            state = try await connection.client.get("/api/v1/maintenance", as: MaintenanceState.self)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        if connection.json {
            print(try JSONOutput.encode(state))
        } else if let window = state.window, state.active {
            print("In maintenance.\n" + MaintenanceCommand.render(window))
        } else {
            print("Not in maintenance.")
        }
    }
}
