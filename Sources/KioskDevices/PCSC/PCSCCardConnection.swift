import CPCSCLite

/// A connection to the card in one reader (`SCardConnect`); a `CardChannel` for APDUs.
public final class PCSCCardConnection: CardChannel, @unchecked Sendable {
    /// Kept so the context outlives the card handle.
    let context: PCSCContext
    let handle: SCARDHANDLE
    let activeProtocol: DWORD
    /// The reader's name.
    public let reader: String

    init(context: PCSCContext, handle: SCARDHANDLE, activeProtocol: DWORD, reader: String) {
        self.context = context
        self.handle = handle
        self.activeProtocol = activeProtocol
        self.reader = reader
    }

    /// What to do with the card on disconnect.
    public enum Disposition: Sendable {
        case leave, reset, unpower

        var rawValue: DWORD {
            switch self {
            case .leave: DWORD(SCARD_LEAVE_CARD)
            case .reset: DWORD(SCARD_RESET_CARD)
            case .unpower: DWORD(SCARD_UNPOWER_CARD)
            }
        }
    }

    public func transmit(_ command: [UInt8]) async throws -> [UInt8] {
        try await transmitBytes(command)
    }

    /// Sends one APDU and returns the response with its status word.
    public func transmitBytes(_ command: [UInt8]) async throws(PCSCError) -> [UInt8] {
        let handle = handle, activeProtocol = activeProtocol
        return try await PCSCBlocking.run { () throws(PCSCError) -> [UInt8] in
            var request = SCARD_IO_REQUEST(dwProtocol: activeProtocol, cbPciLength: DWORD(MemoryLayout<SCARD_IO_REQUEST>.size))
            var response = [UInt8](repeating: 0, count: 258)
            var length = DWORD(response.count)
            try PCSCError.check(SCardTransmit(handle, &request, command, DWORD(command.count), nil, &response, &length))
            return Array(response.prefix(Int(length)))
        }
    }

    /// Ends the connection; errors are ignored (the card may already be gone).
    public func disconnect(_ disposition: Disposition = .leave) async {
        let handle = handle
        _ = try? await PCSCBlocking.run { () throws(PCSCError) in
            _ = SCardDisconnect(handle, disposition.rawValue)
        }
    }
}
