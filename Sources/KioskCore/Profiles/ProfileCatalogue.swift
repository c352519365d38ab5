import Foundation

/// Every device profile under a `devices/` folder; a broken file is reported and skipped, the rest load.
public struct ProfileCatalogue: Sendable {
    /// Profiles by id (`family/model`).
    public var profiles: [String: DeviceProfile]
    /// Problems of the files that did not load, each naming file, line and key.
    public var problems: [ConfigurationProblem]

    public init(profiles: [DeviceProfile], problems: [ConfigurationProblem] = []) {
        self.profiles = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.problems = problems
    }

    /// Reads `directory/<family>/<model>.yaml` for every family folder.
    public static func load(directory: String) -> ProfileCatalogue {
        let manager = FileManager.default
        guard let families = try? manager.contentsOfDirectory(atPath: directory) else {
            return ProfileCatalogue(profiles: [], problems: [
                .init(file: directory, line: 1, column: 1, keyPath: "", message: "the profile folder cannot be read"),
            ])
        }
        var profiles: [DeviceProfile] = []
        var problems: [ConfigurationProblem] = []
        for family in families.sorted() {
            let folder = directory + "/" + family
            guard let files = try? manager.contentsOfDirectory(atPath: folder) else { continue }
            for file in files.sorted() where file.hasSuffix(".yaml") {
                let path = folder + "/" + file
                let id = family + "/" + String(file.dropLast(5))
                guard Identifier.isValid(family), Identifier.isValid(String(file.dropLast(5))) else {
                    problems.append(.init(file: path, line: 1, column: 1, keyPath: "", message: "expected a file name of \(Identifier.expected)"))
                    continue
                }
                guard let data = manager.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    problems.append(.init(file: path, line: 1, column: 1, keyPath: "", message: "the file cannot be read as UTF-8 text"))
                    continue
                }
                do {
                    profiles.append(try DeviceProfile.parse(yaml: text, id: id, file: path))
                } catch {
                    problems.append(contentsOf: error.problems)
                }
            }
        }
        return ProfileCatalogue(profiles: profiles, problems: problems)
    }

    /// The profiles that recognise `device` by themselves, the most specific first (USB ids before interface class).
    public func profiles(recognising device: SystemDevice) -> [DeviceProfile] {
        profiles.values
            .compactMap { profile in profile.match.specificity(for: device).map { (profile, $0) } }
            .sorted { ($0.1, $1.0.id) > ($1.1, $0.0.id) }
            .map(\.0)
    }
}
