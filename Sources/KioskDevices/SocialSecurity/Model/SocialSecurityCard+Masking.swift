extension SocialSecurityCard: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `SocialSecurityCard(name: 张*三, number: 1101**********0019, region: 110100, version: 3.00, expires: 2031-03-14)`: safe to log.
    public var description: String {
        "SocialSecurityCard(name: \(holder.maskedName), number: \(holder.maskedNumber), region: \(card.region), version: \(card.specificationVersion), expires: \(card.expiryDate))"
    }

    public var debugDescription: String { description }

    /// A mirror with masked fields only, so `dump` and test failure messages show no personal data.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "name": holder.maskedName, "number": holder.maskedNumber, "region": card.region,
            "version": card.specificationVersion, "expires": card.expiryDate.description,
        ], displayStyle: .struct)
    }
}

extension SocialSecurityCard.Holder: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// 张*三 (see `IDCardHolder.mask(name:)`).
    public var maskedName: String { IDCardHolder.mask(name: name) }
    /// 1101**********0019.
    public var maskedNumber: String { IDCardHolder.mask(idNumber: socialSecurityNumber) }

    public var description: String { "Holder(name: \(maskedName), number: \(maskedNumber))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["name": maskedName, "number": maskedNumber], displayStyle: .struct)
    }
}

extension SocialSecurityCard.CardData: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Region, version and expiry only: the card number stays out of logs.
    public var description: String { "CardData(region: \(region), version: \(specificationVersion), expires: \(expiryDate))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["region": region, "version": specificationVersion, "expires": expiryDate.description], displayStyle: .struct)
    }
}
