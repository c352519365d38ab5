import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl faults`: open faults and their history; `faults show ID`, `faults ack ID`.
struct FaultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faults",
        abstract: "List open faults and the fault history, show one, or acknowledge one.",
        subcommands: [FaultsListCommand.self, FaultsShowCommand.self, FaultsAckCommand.self],
        defaultSubcommand: FaultsListCommand.self
    )

    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}

/// `kioskctl faults list` (the default).
struct FaultsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Open faults, then the most recent closed ones.")

    @Option(help: "How many closed faults to show.")
    var limit = 20

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let list: FaultList
        do {
            list = try await connection.client.get("/api/v1/faults?limit=\(limit)", as: FaultList.self)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        print(connection.json ? try JSONOutput.encode(list) : Self.render(list))
    }

    static func render(_ list: FaultList) -> String {
        var table = TextTable()
        table.add("ID", "STATUS", "SINCE", "UNTIL", "DEVICE", "CODE", "SEVERITY", "WHO ACTS", "OWNER", "WHAT TO DO")
        for fault in list.open + list.history {
            table.add(
                String(fault.id ?? 0), fault.status.rawValue + (fault.acknowledgedAt != nil ? " (ack)" : ""),
                FaultsCommand.time(fault.startedAt), FaultsCommand.time(fault.resolvedAt), fault.subject, fault.code.rawValue,
                fault.severity.rawValue, fault.action.rawValue, fault.owner, fault.summary
            )
        }
        let open = list.open.isEmpty ? "No open faults." : "\(list.open.count) open fault(s)."
        return open + "\n\n" + table.render()
    }
}

/// `kioskctl faults show ID`.
struct FaultsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One fault with its history (recovery attempts, alerts).")

    @Argument(help: "The fault's id.")
    var id: Int64

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let detail: FaultDetail
        do {
            detail = try await connection.client.get("/api/v1/faults/\(id)", as: FaultDetail.self)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        if connection.json {
            print(try JSONOutput.encode(detail))
            return
        }
        let fault = detail.fault
        var table = TextTable()
        table.add("Fault", "\(fault.id ?? 0) \(fault.code.rawValue) on \(fault.subject)")
        table.add("Status", fault.status.rawValue)
        table.add("What", fault.summary)
        table.add("问题", fault.summaryZH)
        table.add("Severity", "\(fault.severity.rawValue), \(fault.action.rawValue) must act, owner \(fault.owner)")
        table.add("Detail", fault.detail)
        var history = TextTable()
        history.add("TIME", "EVENT", "DETAIL")
        for entry in detail.history { history.add(FaultsCommand.time(entry.time), entry.kind, entry.detail) }
        print(table.render() + "\n\n" + history.render())
    }
}

/// `kioskctl faults ack ID`.
struct FaultsAckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge a fault (someone is on it).")

    @Argument(help: "The fault's id.")
    var id: Int64

    @Option(help: "Who acknowledges.")
    var by: String = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "kioskctl"

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let fault: FaultRecord
        do {
            fault = try await connection.client.send(.post, "/api/v1/faults/\(id)/ack", body: FaultAcknowledgement(by: by), as: FaultRecord.self)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        print(connection.json ? try JSONOutput.encode(fault) : "Fault \(id) acknowledged by \(by).")
    }
}
