import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl devices`: configured and discovered devices, and the udev rules for them.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List configured and discovered devices, or generate udev rules.",
        subcommands: [DevicesListCommand.self, UdevRulesCommand.self],
        defaultSubcommand: DevicesListCommand.self
    )
}

/// `kioskctl devices list` (the default): what the daemon's registry holds.
struct DevicesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List configured devices with state and binding, and discovered devices with their profile."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let list: DeviceList
        do {
            list = try await connection.client.get("/api/v1/devices", as: DeviceList.self)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        if connection.json {
            print(try JSONOutput.encode(list))
        } else {
            print(Self.render(list))
        }
    }

    static func render(_ list: DeviceList) -> String {
        var configured = TextTable()
        configured.add("DEVICE", "ROLE", "STATE", "PROFILE", "BOUND TO", "DETAIL")
        for device in list.configured {
            let bound = device.binding.map { [$0.devnode ?? $0.port, $0.serial.map { "serial \($0)" }].compactMap { $0 }.joined(separator: " ") } ?? "-"
            configured.add(device.id, device.role.rawValue, device.state.rawValue, device.profile, bound, device.detail)
        }
        var discovered = TextTable()
        discovered.add("DISCOVERED", "USB ID", "SERIAL", "PROFILE", "USED AS")
        for device in list.discovered {
            discovered.add(device.devnode ?? device.syspath, device.usbID ?? "-", device.serial ?? "-", device.profile, device.boundTo ?? "-")
        }
        let tail = list.discovered.isEmpty ? "No other devices recognised by a profile." : discovered.render()
        return configured.render() + "\n\n" + tail
    }
}

/// `kioskctl devices udev-rules`: prints 99-kioskd.rules for the installed profiles (and a configuration).
struct UdevRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udev-rules",
        abstract: "Print udev rules giving the kioskd group access to exactly the devices the profiles match.",
        discussion: "Install the output as /etc/udev/rules.d/99-kioskd.rules. Works without a running daemon."
    )

    @Option(help: "Folder of device profiles.")
    var profiles = "/usr/share/kioskd/devices"

    @Option(help: "Also add rules for the USB devices named in this configuration file.")
    var config: String?

    @Option(help: "Group that gets access.")
    var group = "kioskd"

    func run() throws {
        let catalogue = ProfileCatalogue.load(directory: profiles)
        for problem in catalogue.problems {
            FileHandle.standardError.write(Data("kioskctl: skipped profile: \(problem)\n".utf8))
        }
        var devices: [DeviceConfiguration] = []
        if let config {
            do {
                devices = try KioskConfiguration.parse(yaml: try YAMLFile.read(config), file: config).devices
            } catch {
                FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
                throw ExitCode(78)
            }
        }
        print(UdevRules.generate(profiles: Array(catalogue.profiles.values), devices: devices, group: group), terminator: "")
        if !catalogue.problems.isEmpty { throw ExitCode(1) }
    }
}
