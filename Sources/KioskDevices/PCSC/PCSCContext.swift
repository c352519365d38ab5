import CPCSCLite
import Foundation

/// One pcsc-lite context (`SCardEstablishContext`); released when the value goes away.
///
/// pcsc-lite serialises calls on a context, so a monitor keeps its own context for
/// `SCardGetStatusChange` and card sessions use another. When pcscd restarts, every call fails with
/// `.noService` or `.invalidHandle` and the owner establishes a new context.
public final class PCSCContext: @unchecked Sendable {
    let handle: SCARDCONTEXT

    private init(handle: SCARDCONTEXT) {
        self.handle = handle
    }

    deinit {
        SCardReleaseContext(handle)
    }

    /// Connects to pcscd.
    public static func establish() async throws(PCSCError) -> PCSCContext {
        try await PCSCBlocking.run { () throws(PCSCError) -> PCSCContext in
            var handle: SCARDCONTEXT = 0
            try PCSCError.check(SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &handle))
            return PCSCContext(handle: handle)
        }
    }

    /// Whether pcscd still knows this context (false after a pcscd restart).
    public var isValid: Bool { SCardIsValidContext(handle) == SCARD_S_SUCCESS }

    /// The readers' names; empty when none is connected.
    public func readers() async throws(PCSCError) -> [String] {
        let handle = handle
        return try await PCSCBlocking.run { () throws(PCSCError) -> [String] in
            var length: DWORD = 0
            let sized = SCardListReaders(handle, nil, nil, &length)
            if PCSCError(code: sized) == .noReaders { return [] }
            try PCSCError.check(sized)
            var buffer = [CChar](repeating: 0, count: Int(length))
            let listed = SCardListReaders(handle, nil, &buffer, &length)
            if PCSCError(code: listed) == .noReaders { return [] }
            try PCSCError.check(listed)
            return Self.multiString(buffer)
        }
    }

    /// Waits up to `timeout` (nil: forever) for any of `states` to differ from its `currentState`.
    /// Throws `.timeout` when nothing changed, `.cancelled` after `cancel()`.
    public func statusChange(_ states: [PCSCReaderState], timeout: Duration?) async throws(PCSCError) -> [PCSCReaderState] {
        let handle = handle
        let milliseconds: DWORD = timeout.map { DWORD(max(0, $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000)) } ?? DWORD(INFINITE)
        return try await PCSCBlocking.run { () throws(PCSCError) -> [PCSCReaderState] in
            let names = states.map { strdup($0.reader) }
            defer { names.forEach { free($0) } }
            var raw = states.enumerated().map { index, state in
                var entry = SCARD_READERSTATE()
                entry.szReader = UnsafePointer(names[index])
                entry.dwCurrentState = DWORD(state.currentState)
                return entry
            }
            try PCSCError.check(SCardGetStatusChange(handle, milliseconds, &raw, DWORD(raw.count)))
            return raw.enumerated().map { index, entry in
                let atr = withUnsafeBytes(of: entry.rgbAtr) { Array($0.prefix(Int(min(entry.cbAtr, 33)))) }
                return PCSCReaderState(reader: states[index].reader, currentState: states[index].currentState, eventState: UInt32(truncatingIfNeeded: entry.dwEventState), atr: atr)
            }
        }
    }

    /// Ends a `statusChange` waiting on this context (from any thread).
    public func cancel() {
        SCardCancel(handle)
    }

    /// Connects to the card in `reader`.
    public func connect(reader: String, exclusive: Bool) async throws(PCSCError) -> PCSCCardConnection {
        let handle = handle
        return try await PCSCBlocking.run { () throws(PCSCError) -> PCSCCardConnection in
            var card: SCARDHANDLE = 0
            var activeProtocol: DWORD = 0
            let share = DWORD(exclusive ? SCARD_SHARE_EXCLUSIVE : SCARD_SHARE_SHARED)
            try PCSCError.check(SCardConnect(handle, reader, share, DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), &card, &activeProtocol))
            return PCSCCardConnection(context: self, handle: card, activeProtocol: activeProtocol, reader: reader)
        }
    }

    /// Splits a pcsc-lite multi-string (names separated by NUL, ended by two NULs).
    static func multiString(_ buffer: [CChar]) -> [String] {
        buffer.split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }.filter { !$0.isEmpty }
    }
}
