import ArgumentParser
import Foundation
import KioskCore
import Logging

/// `kioskd`: the command line of the daemon.
public struct KioskDaemonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kioskd",
        abstract: "The daemon of a government self-service kiosk: devices, services, health and the touch UI.",
        version: KioskVersion.current
    )

    @Option(name: .long, help: "Configuration file.")
    var config: String = "/etc/kioskd/kiosk.yaml"

    @Flag(name: .long, help: "Run the embedded demonstration kiosk with emulated devices and sandbox backends.")
    var simulate = false

    @Option(name: .long, help: "State folder (database, and the socket when simulating); overrides storage.directory.")
    var stateDir: String?

    @Option(name: .long, help: "TCP address HOST:PORT to serve on; overrides api.listen.")
    var listen: String?

    @Option(name: .long, help: "Validate this configuration file and exit (0 valid, 78 invalid), like nginx -t.")
    var checkConfig: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    public init() {}

    public func validate() throws {
        if let listen, ListenAddress(listen) == nil {
            throw ValidationError("--listen expects HOST:PORT such as 127.0.0.1:8080, found \"\(listen)\"")
        }
    }

    public func run() async throws {
        if let checkConfig {
            try Self.check(path: checkConfig)
            return
        }
        let share = ShareDirectory.locate()
        let profiles = ProfileCatalogue.load(directory: share.deviceProfiles)
        var configuration: KioskConfiguration
        do {
            configuration = try resolveConfiguration(profiles: profiles)
        } catch {
            Self.printProblems(error)
            throw ExitStatus.configuration
        }
        if simulate { configuration.workflows.directory = share.workflows }
        let daemon = Daemon(configuration: configuration, profiles: profiles, share: share, simulated: simulate, logLevel: logLevel)
        try await daemon.run()
    }

    /// The configuration this run uses, with command-line overrides applied.
    func resolveConfiguration(profiles: ProfileCatalogue) throws(ConfigurationError) -> KioskConfiguration {
        var configuration: KioskConfiguration
        if simulate {
            let stateDirectory = stateDir ?? FileManager.default.currentDirectoryPath + "/state"
            configuration = try KioskConfiguration.simulation(stateDirectory: Self.absolute(stateDirectory))
                .withSimulationHostStacks(cupsQueue: Self.simulationCUPSQueue(ProcessInfo.processInfo.environment))
        } else {
            configuration = try ConfigurationLoader.load(path: config, profiles: profiles)
            if let stateDir { configuration.storage.directory = Self.absolute(stateDir) }
        }
        if let listen, let address = ListenAddress(listen) { configuration.api.listen = address }
        return configuration
    }

    /// The CUPS queue of the simulated A4 printer: `KIOSKD_SIMULATION_CUPS_QUEUE`, or `kioskpdf`.
    static func simulationCUPSQueue(_ environment: [String: String]) -> String {
        let queue = environment["KIOSKD_SIMULATION_CUPS_QUEUE"]?.trimmingCharacters(in: .whitespaces) ?? ""
        return queue.isEmpty ? KioskConfiguration.simulationCUPSQueue : queue
    }

    static func check(path: String) throws {
        let profiles = ProfileCatalogue.load(directory: ShareDirectory.locate().deviceProfiles)
        for problem in profiles.problems {
            FileHandle.standardError.write(Data("kioskd: warning: device profile skipped: \(problem)\n".utf8))
        }
        do {
            let configuration = try ConfigurationLoader.load(path: path, profiles: profiles)
            print("kioskd: configuration \(path) is valid: kiosk \(configuration.kiosk.id) (\(configuration.kiosk.name)), \(configuration.devices.count) devices, owner \(configuration.kiosk.owner)")
        } catch {
            printProblems(error)
            throw ExitStatus.configuration
        }
    }

    static func printProblems(_ error: ConfigurationError) {
        let count = error.problems.count
        FileHandle.standardError.write(Data("kioskd: the configuration has \(count) problem\(count == 1 ? "" : "s"); nothing was changed\n".utf8))
        for problem in error.problems {
            FileHandle.standardError.write(Data("\(problem)\n".utf8))
        }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
