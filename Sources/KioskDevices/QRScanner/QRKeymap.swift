/// The US keyboard layout of a scanner in keyboard mode: Linux key codes (linux/input-event-codes.h) to characters.
public enum QRKeymap {
    /// KEY_ENTER and KEY_KPENTER: end a code.
    public static let enterKeys: Set<UInt16> = [28, 96]
    /// KEY_LEFTSHIFT, KEY_RIGHTSHIFT.
    public static let shiftKeys: Set<UInt16> = [42, 54]
    /// KEY_LEFTCTRL, KEY_RIGHTCTRL, KEY_LEFTALT, KEY_RIGHTALT, KEY_LEFTMETA, KEY_RIGHTMETA: a character key typed
    /// with one held is not text.
    public static let otherModifierKeys: Set<UInt16> = [29, 97, 56, 100, 125, 126]
    /// KEY_CAPSLOCK: flips the case of letters.
    public static let capsLockKey: UInt16 = 58
    /// KEY_NUMLOCK, KEY_SCROLLLOCK: ignored (the keypad is read as digits).
    public static let ignoredKeys: Set<UInt16> = [69, 70]

    /// The character `code` types, with shift held or not; nil for a key that types none.
    public static func character(for code: UInt16, shifted: Bool) -> Character? {
        guard let pair = table[code] else { return nil }
        return shifted ? pair.shifted : pair.plain
    }

    /// True for the letter keys, whose case caps lock flips.
    public static func isLetter(_ code: UInt16) -> Bool {
        table[code]?.plain.isLetter ?? false
    }

    private static let table: [UInt16: (plain: Character, shifted: Character)] = [
        // Digit row: KEY_1 (2) … KEY_0 (11), KEY_MINUS, KEY_EQUAL.
        2: ("1", "!"), 3: ("2", "@"), 4: ("3", "#"), 5: ("4", "$"), 6: ("5", "%"),
        7: ("6", "^"), 8: ("7", "&"), 9: ("8", "*"), 10: ("9", "("), 11: ("0", ")"),
        12: ("-", "_"), 13: ("=", "+"),
        // KEY_TAB.
        15: ("\t", "\t"),
        // KEY_Q (16) … KEY_P (25), KEY_LEFTBRACE, KEY_RIGHTBRACE.
        16: ("q", "Q"), 17: ("w", "W"), 18: ("e", "E"), 19: ("r", "R"), 20: ("t", "T"),
        21: ("y", "Y"), 22: ("u", "U"), 23: ("i", "I"), 24: ("o", "O"), 25: ("p", "P"),
        26: ("[", "{"), 27: ("]", "}"),
        // KEY_A (30) … KEY_L (38), KEY_SEMICOLON, KEY_APOSTROPHE, KEY_GRAVE.
        30: ("a", "A"), 31: ("s", "S"), 32: ("d", "D"), 33: ("f", "F"), 34: ("g", "G"),
        35: ("h", "H"), 36: ("j", "J"), 37: ("k", "K"), 38: ("l", "L"),
        39: (";", ":"), 40: ("'", "\""), 41: ("`", "~"),
        // KEY_BACKSLASH, KEY_Z (44) … KEY_M (50), KEY_COMMA, KEY_DOT, KEY_SLASH.
        43: ("\\", "|"),
        44: ("z", "Z"), 45: ("x", "X"), 46: ("c", "C"), 47: ("v", "V"), 48: ("b", "B"),
        49: ("n", "N"), 50: ("m", "M"),
        51: (",", "<"), 52: (".", ">"), 53: ("/", "?"),
        // KEY_KPASTERISK, KEY_SPACE.
        55: ("*", "*"), 57: (" ", " "),
        // Keypad, read as with num lock on: KEY_KP7 (71) … KEY_KPDOT (83), KEY_KPSLASH, KEY_KPEQUAL.
        71: ("7", "7"), 72: ("8", "8"), 73: ("9", "9"), 74: ("-", "-"),
        75: ("4", "4"), 76: ("5", "5"), 77: ("6", "6"), 78: ("+", "+"),
        79: ("1", "1"), 80: ("2", "2"), 81: ("3", "3"), 82: ("0", "0"), 83: (".", "."),
        98: ("/", "/"), 117: ("=", "="),
    ]
}
