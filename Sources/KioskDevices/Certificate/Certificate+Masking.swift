extension Certificate: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Certificate(缴存证明, holder: 张*丰, kiosk: kiosk-001, tables: 1)`: safe to log; no code, no payload.
    public var description: String {
        "Certificate(\(title), holder: \(IDCardHolder.mask(name: holder.name)), kiosk: \(kioskID), tables: \(tables.count))"
    }

    public var debugDescription: String { description }

    /// Masked fields only, so `dump` and test failures show no personal data.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind.rawValue, "holder": IDCardHolder.mask(name: holder.name), "kiosk": kioskID, "tables": tables.count], displayStyle: .struct)
    }
}

extension Certificate.Holder: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "Holder(name: \(IDCardHolder.mask(name: name)))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["name": IDCardHolder.mask(name: name)], displayStyle: .struct) }
}
