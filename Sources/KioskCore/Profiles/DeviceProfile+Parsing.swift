extension DeviceProfile {
    /// Parses and validates one profile file; `id` is its `family/model` path. Throws every problem with file:line:key.
    public static func parse(yaml text: String, id: String, file: String) throws(ConfigurationError) -> DeviceProfile {
        let reader = YAMLReader(file: file)
        let profile = reader.parse(text).flatMap { ProfileParser(reader: reader).profile($0, id: id) }
        try reader.throwIfProblems()
        guard let profile else {
            throw ConfigurationError(problems: [.init(file: file, line: 1, column: 1, keyPath: "", message: "the profile could not be read")])
        }
        return profile
    }
}

/// Reads the sections of a profile file, reporting through the reader.
struct ProfileParser {
    let reader: YAMLReader

    func profile(_ root: YAMLValue, id: String) -> DeviceProfile? {
        let keys = ["name", "name_zh", "driver", "transport", "match", "serial", "usb", "parameters", "health"]
        guard let table = reader.table(root, allowed: keys) else { return nil }
        let name = table.string("name")
        let nameZH = table.string("name_zh")
        let driver = table.choice("driver", of: DriverKind.self)
        let transport = table.choice("transport", of: TransportKind.self)
        if let driver, let transport, !driver.transports.contains(transport), let field = table.field("transport") {
            reader.report(field, "the \(driver.rawValue) driver works over \(driver.transports.map(\.rawValue).joined(separator: " or ")), not \(transport.rawValue)")
        }
        let match = table.table("match", allowed: ["usb_ids", "usb_interface_class", "udev", "subsystem"], required: false).map(readMatch) ?? ProfileMatch()
        let serial = table.table("serial", allowed: ["baud", "data_bits", "parity", "stop_bits", "flow_control"], required: transport == .serial).map(readSerial)
        let usb = table.table("usb", allowed: ["interface", "endpoint_out", "endpoint_in"], required: transport == .usb).map(readUSB)
        let parameters = table.field("parameters", required: false).map { readParameters($0, driver: driver) } ?? [:]
        let health = table.table("health", allowed: ["interval", "timeout", "failures_before_fault"], required: false).map(readHealth) ?? HealthSchedule()
        guard let name, let nameZH, let driver, let transport else { return nil }
        return DeviceProfile(
            id: id, name: name, nameZH: nameZH, driver: driver, transport: transport, match: match,
            serial: serial ?? nil, usb: usb ?? nil, parameters: parameters, health: health
        )
    }

    func readMatch(_ table: YAMLTable) -> ProfileMatch {
        let ids = (table.list("usb_ids", required: false) ?? []).compactMap { value in
            reader.parsed(value, expected: "VENDOR:PRODUCT in hex, such as 0416:5011") { text -> USBID? in
                let parts = text.split(separator: ":")
                guard parts.count == 2, let vendor = ConfigurationParser.hexID(String(parts[0])),
                      let product = ConfigurationParser.hexID(String(parts[1])) else { return nil }
                return USBID(vendor: vendor, product: product)
            }
        }
        let interfaceClass = table.integer("usb_interface_class", in: 0...255, required: false).map(UInt8.init)
        var properties: [String: String] = [:]
        if let field = table.field("udev", required: false) {
            let entries = reader.dictionary(field, keyDescription: "a udev property name such as ID_INPUT_TOUCHSCREEN") { key in
                !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
            } ?? []
            for (key, value) in entries {
                if let text = reader.string(value) { properties[key] = text }
            }
        }
        let subsystem = table.parsed("subsystem", required: false, expected: "a kernel subsystem such as usb, tty, input or drm") { text in
            text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") } ? text : nil
        }
        return ProfileMatch(usbIDs: ids, usbInterfaceClass: interfaceClass, udevProperties: properties, subsystem: subsystem)
    }

    func readSerial(_ table: YAMLTable) -> SerialSettings? {
        let defaults = SerialSettings.default
        let baud = table.parsed("baud", required: false, expected: "a standard baud rate such as 9600 or 115200") { text in
            Int(text).flatMap { SerialSettings.standardBaudRates.contains($0) ? $0 : nil }
        }
        let dataBits = table.integer("data_bits", in: 5...8, required: false)
        let parity = table.choice("parity", of: SerialSettings.Parity.self, required: false)
        let stopBits = table.parsed("stop_bits", required: false, expected: "1 or 2") { text in
            text == "1" || text == "2" ? Int(text) : nil
        }
        let flowControl = table.choice("flow_control", of: SerialSettings.FlowControl.self, required: false)
        return SerialSettings(
            baud: baud ?? defaults.baud,
            dataBits: dataBits ?? defaults.dataBits,
            parity: parity ?? defaults.parity,
            stopBits: stopBits ?? defaults.stopBits,
            flowControl: flowControl ?? defaults.flowControl
        )
    }

    func readUSB(_ table: YAMLTable) -> USBEndpoints? {
        let expected = "an endpoint address in hex such as 0x01 or 0x82"
        let interface = table.integer("interface", in: 0...255, required: false)
        let out = table.parsed("endpoint_out", expected: expected, Self.endpoint)
        let input = table.parsed("endpoint_in", required: false, expected: expected, Self.endpoint)
        if let out, out & 0x80 != 0, let field = table.field("endpoint_out") {
            reader.report(field, "endpoint_out must be an OUT endpoint (bit 7 clear), such as 0x01")
        }
        if let input, input & 0x80 == 0, let field = table.field("endpoint_in") {
            reader.report(field, "endpoint_in must be an IN endpoint (bit 7 set), such as 0x82")
        }
        guard let out else { return nil }
        return USBEndpoints(interface: interface ?? 0, endpointOut: out, endpointIn: input)
    }

    func readParameters(_ value: YAMLValue, driver: DriverKind?) -> [String: ProfileParameter] {
        guard let driver else { return [:] }
        let allowed = driver.parameters
        let description = allowed.isEmpty ? "none" : allowed.keys.sorted().joined(separator: ", ")
        guard let table = reader.table(value, allowed: allowed.keys.sorted()) else { return [:] }
        if allowed.isEmpty, !table.fields.isEmpty {
            reader.report(value, "the \(driver.rawValue) driver takes no parameters; expected \(description)")
        }
        var result: [String: ProfileParameter] = [:]
        for (key, field) in table.fields {
            guard let kind = allowed[key] else { continue }
            switch kind {
            case .boolean:
                if let flag = reader.boolean(field) { result[key] = .boolean(flag) }
            case .integer(let range):
                if let number = reader.integer(field, in: range) { result[key] = .integer(number) }
            case .oneOf(let options):
                let words = options.map(String.init).joined(separator: " or ")
                if let number = reader.parsed(field, expected: words, { Int($0).flatMap { options.contains($0) ? $0 : nil } }) {
                    result[key] = .integer(number)
                }
            case .text:
                if let text = reader.string(field) { result[key] = .text(text) }
            case .duration:
                if let duration = reader.duration(field, in: .milliseconds(10)...(.seconds(86_400))) { result[key] = .duration(duration) }
            }
        }
        return result
    }

    func readHealth(_ table: YAMLTable) -> HealthSchedule {
        let defaults = HealthSchedule()
        return HealthSchedule(
            interval: table.duration("interval", in: .seconds(1)...(.seconds(86_400)), required: false) ?? defaults.interval,
            timeout: table.duration("timeout", in: .milliseconds(50)...(.seconds(120)), required: false) ?? defaults.timeout,
            failuresBeforeFault: table.integer("failures_before_fault", in: 1...100, required: false) ?? defaults.failuresBeforeFault
        )
    }

    static func endpoint(_ text: String) -> UInt8? {
        guard text.hasPrefix("0x"), text.count == 4 else { return nil }
        return UInt8(text.dropFirst(2), radix: 16)
    }
}
