extension KioskConfiguration {
    /// Parses and validates a configuration file's text; throws every problem found, with file:line:column and key path.
    /// With `profiles`, each device's profile must exist and suit the device's role and match.
    public static func parse(yaml text: String, file: String, profiles: [String: DeviceProfile]? = nil) throws(ConfigurationError) -> KioskConfiguration {
        let reader = YAMLReader(file: file)
        let configuration = reader.parse(text).flatMap { ConfigurationParser(reader: reader, profiles: profiles).configuration($0) }
        try reader.throwIfProblems()
        guard let configuration else {
            throw ConfigurationError(problems: [.init(file: file, line: 1, column: 1, keyPath: "", message: "the configuration could not be read")])
        }
        return configuration
    }
}

/// Reads each section of the configuration; every method reports through the reader and continues.
struct ConfigurationParser {
    let reader: YAMLReader
    /// Known device profiles; nil skips the profile checks.
    var profiles: [String: DeviceProfile]? = nil

    func configuration(_ root: YAMLValue) -> KioskConfiguration? {
        guard let table = reader.table(root, allowed: ["kiosk", "bureaus", "devices", "workflows", "departments", "alerting", "api", "storage"]) else {
            return nil
        }
        let bureaus = table.field("bureaus", required: false).map(bureaus) ?? Self.builtInBureaus
        let kiosk = table.table("kiosk", allowed: ["id", "name", "site", "address", "owner", "contact"]).flatMap { identity($0, bureaus: bureaus) }
        let devices = table.list("devices", required: false).map { self.devices($0, bureaus: bureaus) } ?? []
        let workflows = table.table("workflows", allowed: ["directory", "overrides"], required: false).map(workflows) ?? .init()
        let departments = table.field("departments", required: false).map(departments) ?? [:]
        let alerting = table.table("alerting", allowed: ["alertmanager", "webhook", "resend_interval", "heartbeat_interval"], required: false).map(alerting) ?? .init()
        let api = table.table("api", allowed: ["listen", "socket", "maintainers"], required: false).map(api) ?? .init()
        let storage = table.table("storage", allowed: ["directory"], required: false).map(storage) ?? .init()
        guard let kiosk else { return nil }
        return KioskConfiguration(
            kiosk: kiosk, bureaus: bureaus, devices: devices, workflows: workflows,
            departments: departments, alerting: alerting, api: api, storage: storage
        )
    }

    static var builtInBureaus: [String: Bureau] {
        Dictionary(uniqueKeysWithValues: Bureau.builtIn.map { ($0.id, $0) })
    }

    // MARK: Sections

    func identity(_ table: YAMLTable, bureaus: [String: Bureau]) -> KioskIdentity? {
        let id = table.parsed("id", expected: Identifier.expected) { Identifier.isValid($0) ? $0 : nil }
        let name = table.string("name")
        let site = table.parsed("site", expected: Identifier.expected) { Identifier.isValid($0) ? $0 : nil }
        let address = table.string("address")
        let owner = ownerField(table, "owner", bureaus: bureaus, required: true)
        let contact = table.table("contact", allowed: ["name", "phone", "email"]).flatMap(contact)
        guard let id, let name, let site, let address, let owner, let contact else { return nil }
        return KioskIdentity(id: id, name: name, site: site, address: address, owner: owner, contact: contact)
    }

    func contact(_ table: YAMLTable) -> Contact? {
        let name = table.string("name")
        let phone = table.parsed("phone", required: false, expected: "a telephone number of digits, spaces, '+', '-' and parentheses") { text in
            text.allSatisfy { $0.isASCII && ($0.isNumber || " +-()".contains($0)) } && text.contains(where: \.isNumber) ? text : nil
        }
        let email = table.parsed("email", required: false, expected: "an e-mail address such as name@example.gov.cn") { text in
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ") ? text : nil
        }
        guard let name else { return nil }
        return Contact(name: name, phone: phone, email: email)
    }

    func bureaus(_ value: YAMLValue) -> [String: Bureau] {
        var result = Self.builtInBureaus
        let entries = reader.dictionary(value, keyDescription: "a bureau id (\(Identifier.expected))", isValidKey: Identifier.isValid) ?? []
        for (id, entry) in entries {
            guard let table = reader.table(entry, allowed: ["name", "name_en", "contact"]) else { continue }
            let builtIn = result[id]
            let name = table.string("name", required: builtIn == nil) ?? builtIn?.name
            let nameEN = table.string("name_en", required: builtIn == nil) ?? builtIn?.nameEN
            let contact = table.table("contact", allowed: ["name", "phone", "email"], required: false).flatMap(contact)
            guard let name, let nameEN else { continue }
            result[id] = Bureau(id: id, name: name, nameEN: nameEN, contact: contact ?? builtIn?.contact)
        }
        return result
    }

    func devices(_ values: [YAMLValue], bureaus: [String: Bureau]) -> [DeviceConfiguration] {
        var seen = Set<String>()
        var result: [DeviceConfiguration] = []
        for value in values {
            guard let table = reader.table(value, allowed: ["id", "role", "profile", "match", "owner"]) else { continue }
            let id = table.parsed("id", expected: Identifier.expected) { Identifier.isValid($0) ? $0 : nil }
            if let id, let field = table.field("id"), !seen.insert(id).inserted {
                reader.report(field, "device id \"\(id)\" is used twice; each device needs its own id")
            }
            let role = table.choice("role", of: DeviceRole.self)
            let profile = table.parsed("profile", expected: "a profile name FAMILY/MODEL such as escpos/generic-80mm") { text in
                let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                return parts.count == 2 && parts.allSatisfy { Identifier.isValid(String($0)) } ? text : nil
            }
            let match = table.field("match").flatMap(match)
            let owner = ownerField(table, "owner", bureaus: bureaus, required: false)
            guard let id, let role, let profile, let match else { continue }
            checkProfile(profile, role: role, match: match, in: table)
            result.append(DeviceConfiguration(id: id, role: role, profile: profile, match: match, owner: owner))
        }
        return result
    }

    func match(_ value: YAMLValue) -> DeviceMatch? {
        let kinds = ["serial", "usb", "udev", "pcsc", "cups", "emulated"]
        guard let table = reader.table(value, allowed: kinds) else { return nil }
        guard table.fields.count == 1, let (kind, field) = table.fields.first else {
            reader.report(value, "expected exactly one of \(kinds.joined(separator: ", ")), found \(table.fields.count)")
            return nil
        }
        switch kind {
        case "serial":
            return reader.parsed(field, expected: "an absolute device path such as /dev/ttyUSB0 or /dev/serial/by-id/…") {
                $0.hasPrefix("/dev/") ? DeviceMatch.serial(path: $0) : nil
            }
        case "usb":
            guard let usb = reader.table(field, allowed: ["vendor", "product", "serial", "port"]) else { return nil }
            let vendor = usb.parsed("vendor", expected: "a 4-digit hex USB vendor id such as 0416", Self.hexID)
            let product = usb.parsed("product", expected: "a 4-digit hex USB product id such as 5011", Self.hexID)
            let serial = usb.string("serial", required: false)
            let port = usb.parsed("port", required: false, expected: "a USB port path such as 1-1.4") { text in
                text.allSatisfy { $0.isNumber || $0 == "-" || $0 == "." } && text.contains("-") ? text : nil
            }
            guard let vendor, let product else { return nil }
            return .usb(vendor: vendor, product: product, serial: serial, port: port)
        case "udev":
            let entries = reader.dictionary(field, keyDescription: "a udev property name such as ID_INPUT_TOUCHSCREEN") { key in
                !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
            } ?? []
            var properties: [String: String] = [:]
            for (key, entry) in entries {
                if let text = reader.string(entry) { properties[key] = text }
            }
            guard !properties.isEmpty else {
                reader.report(field, "expected at least one udev property to match")
                return nil
            }
            return .udev(properties: properties)
        case "pcsc":
            return reader.string(field).map { .pcsc(reader: $0) }
        case "cups":
            return reader.parsed(field, expected: "a CUPS queue name (letters, digits, '-', '_')") { text in
                text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } ? DeviceMatch.cups(queue: text) : nil
            }
        default:
            return reader.boolean(field).flatMap { flag in
                if !flag { reader.report(field, "expected true (or leave the key out)") }
                return flag ? .emulated : nil
            }
        }
    }

    func workflows(_ table: YAMLTable) -> WorkflowsConfiguration {
        let defaults = WorkflowsConfiguration()
        return WorkflowsConfiguration(
            directory: table.parsed("directory", required: false, expected: "an absolute folder path", Self.absolutePath) ?? defaults.directory,
            overrides: table.parsed("overrides", required: false, expected: "an absolute folder path", Self.absolutePath) ?? defaults.overrides
        )
    }

    func departments(_ value: YAMLValue) -> [Department: DepartmentConfiguration] {
        let names = Department.allCases.map(\.rawValue).joined(separator: ", ")
        let entries = reader.dictionary(value, keyDescription: "a department (\(names))") { Department(rawValue: $0) != nil } ?? []
        var result: [Department: DepartmentConfiguration] = [:]
        for (key, entry) in entries {
            guard let department = Department(rawValue: key),
                  let table = reader.table(entry, allowed: ["base_url", "timeout", "retries", "tls"]) else { continue }
            let baseURL = table.parsed("base_url", expected: "an http:// or https:// URL", Self.httpURL)
            let timeout = table.duration("timeout", in: .milliseconds(100)...(.seconds(120)), required: false)
            let retries = table.integer("retries", in: 0...5, required: false)
            let tls = table.table("tls", allowed: ["ca", "certificate", "key"], required: false).map(tls)
            guard let baseURL else { continue }
            result[department] = DepartmentConfiguration(baseURL: baseURL, timeout: timeout ?? .seconds(5), retries: retries ?? 2, tls: tls)
        }
        return result
    }

    func tls(_ table: YAMLTable) -> TLSConfiguration {
        let ca = table.parsed("ca", required: false, expected: "an absolute path to a PEM file", Self.absolutePath)
        let certificate = table.parsed("certificate", required: false, expected: "an absolute path to a PEM file", Self.absolutePath)
        let key = table.parsed("key", required: false, expected: "an absolute path to a PEM file", Self.absolutePath)
        if (certificate == nil) != (key == nil) {
            reader.report(table.value, "expected both certificate and key for mutual TLS, or neither")
        }
        return TLSConfiguration(caFile: ca, certificateFile: certificate, keyFile: key)
    }

    func alerting(_ table: YAMLTable) -> AlertingConfiguration {
        let defaults = AlertingConfiguration()
        var urls: [String] = []
        if let manager = table.table("alertmanager", allowed: ["urls"], required: false), let list = manager.list("urls") {
            urls = list.compactMap { reader.parsed($0, expected: "an http:// or https:// URL of an Alertmanager", Self.httpURL) }
        }
        return AlertingConfiguration(
            alertmanagerURLs: urls,
            webhookURL: table.table("webhook", allowed: ["url"], required: false).flatMap { $0.parsed("url", expected: "an http:// or https:// URL", Self.httpURL) },
            resendInterval: table.duration("resend_interval", in: .seconds(5)...(.seconds(3600)), required: false) ?? defaults.resendInterval,
            heartbeatInterval: table.duration("heartbeat_interval", in: .seconds(5)...(.seconds(3600)), required: false) ?? defaults.heartbeatInterval
        )
    }

    func api(_ table: YAMLTable) -> APIConfiguration {
        let defaults = APIConfiguration()
        var maintainers: [Maintainer] = []
        for value in table.list("maintainers", required: false) ?? [] {
            guard let entry = reader.table(value, allowed: ["name", "token_sha256"]) else { continue }
            let name = entry.string("name")
            let hash = entry.parsed("token_sha256", expected: "64 lower-case hex digits (sha256sum of the token)") { text in
                text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase } ? text : nil
            }
            if let name, let hash { maintainers.append(Maintainer(name: name, tokenSHA256: hash)) }
        }
        return APIConfiguration(
            listen: table.parsed("listen", required: false, expected: "HOST:PORT such as 127.0.0.1:8080", ListenAddress.init) ?? defaults.listen,
            socketPath: table.parsed("socket", required: false, expected: "an absolute path for the Unix socket", Self.absolutePath) ?? defaults.socketPath,
            maintainers: maintainers
        )
    }

    func storage(_ table: YAMLTable) -> StorageConfiguration {
        StorageConfiguration(
            directory: table.parsed("directory", required: false, expected: "an absolute folder path", Self.absolutePath) ?? StorageConfiguration().directory
        )
    }

    /// Reports a profile that does not exist, whose driver does not serve the role, or whose transport the match cannot reach.
    func checkProfile(_ id: String, role: DeviceRole, match: DeviceMatch, in table: YAMLTable) {
        guard let profiles, let field = table.field("profile") else { return }
        guard let profile = profiles[id] else {
            let family = id.split(separator: "/").first.map(String.init) ?? ""
            let siblings = profiles.keys.filter { $0.hasPrefix(family + "/") }.sorted()
            let hint = siblings.isEmpty ? "" : "; profiles of this family: \(siblings.joined(separator: ", "))"
            reader.report(field, "no device profile \"\(id)\" is installed\(hint)")
            return
        }
        if !role.drivers.contains(profile.driver) {
            reader.report(field, "profile \(id) uses the \(profile.driver.rawValue) driver, which cannot serve a \(role.rawValue); expected a profile with driver \(role.drivers.map(\.rawValue).joined(separator: " or "))")
        }
        if let transport = match.transport, transport != profile.transport, let matchField = table.field("match") {
            reader.report(matchField, "a \(transport.rawValue) match cannot bind profile \(id), which works over \(profile.transport.rawValue)")
        }
    }

    // MARK: Field helpers

    func ownerField(_ table: YAMLTable, _ key: String, bureaus: [String: Bureau], required: Bool) -> String? {
        guard let field = table.field(key, required: required), let owner = reader.string(field) else { return nil }
        guard bureaus[owner] != nil else {
            reader.report(field, "unknown bureau \"\(owner)\"; expected one of \(bureaus.keys.sorted().joined(separator: ", ")) or one added under bureaus")
            return nil
        }
        return owner
    }

    static func hexID(_ text: String) -> UInt16? {
        let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
        return digits.count == 4 ? UInt16(digits, radix: 16) : nil
    }

    static func absolutePath(_ text: String) -> String? {
        text.hasPrefix("/") ? text : nil
    }

    static func httpURL(_ text: String) -> String? {
        (text.hasPrefix("http://") || text.hasPrefix("https://")) && text.count > 8 && !text.contains(" ") ? text : nil
    }
}
