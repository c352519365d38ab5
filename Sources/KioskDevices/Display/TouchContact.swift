/// Which evdev events of a touchscreen mean "a finger went down" (linux/input-event-codes.h).
enum TouchContact {
    /// `EV_KEY` / `BTN_TOUCH`: 1 when the first contact begins (single-touch and MT panels both send it).
    static let keyType: UInt16 = 0x01
    static let buttonTouch: UInt16 = 0x14A
    /// `EV_ABS` / `ABS_MT_TRACKING_ID`: a value ≥ 0 starts a contact in a multi-touch slot (-1 ends it).
    static let absoluteType: UInt16 = 0x03
    static let trackingID: UInt16 = 0x39

    /// Contacts that began in `events`: BTN_TOUCH presses, or new tracking ids from panels that send no BTN_TOUCH.
    static func began(in events: [QRInputEvent]) -> Int {
        let presses = events.count { $0.type == keyType && $0.code == buttonTouch && $0.value == 1 }
        if presses > 0 { return presses }
        return events.count { $0.type == absoluteType && $0.code == trackingID && $0.value >= 0 }
    }
}
