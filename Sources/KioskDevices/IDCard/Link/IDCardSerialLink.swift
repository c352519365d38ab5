import KioskTransport
import NIOCore
import Synchronization

/// An ID-card reader on a serial line: commands through `IDCardCommandEncoder`, responses through
/// `IDCardResponseDecoder` into an `IDCardResponseInbox`, all in the connection's channel pipeline.
///
/// Once attached, the connection's own byte reads and writes must not be used (the pipeline takes frames only).
final class IDCardSerialLink: IDCardLink {
    private let connection: SerialConnection
    private let inbox: NIOLoopBound<IDCardResponseInbox>
    private let nextReceive = Atomic<UInt64>(0)

    private init(connection: SerialConnection, inbox: NIOLoopBound<IDCardResponseInbox>) {
        self.connection = connection
        self.inbox = inbox
    }

    /// Puts the ID-card handlers at the end of `connection`'s pipeline and removes its byte reader (whose bytes go on
    /// to the decoder).
    static func attach(to connection: SerialConnection) async throws(IDCardError) -> IDCardSerialLink {
        let channel = connection.channel
        let path = connection.path
        do {
            let inbox = try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<NIOLoopBound<IDCardResponseInbox>> in
                let operations = channel.pipeline.syncOperations
                let inbox = IDCardResponseInbox(path: path)
                do {
                    try operations.addHandler(ByteToMessageHandler(IDCardResponseDecoder()), position: .last)
                    try operations.addHandler(MessageToByteHandler(IDCardCommandEncoder()), position: .last)
                    try operations.addHandler(inbox, position: .last)
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
                let bound = NIOLoopBound(inbox, eventLoop: channel.eventLoop)
                return operations.removeHandler(name: SerialConnection.readerName).map { bound }
            }.get()
            return IDCardSerialLink(connection: connection, inbox: inbox)
        } catch {
            throw .transport("could not set up serial port \(path) for the ID-card protocol: \(error)")
        }
    }

    func exchange(_ command: IDCardCommand, timeout: Duration) async throws(IDCardError) -> IDCardLinkEvent {
        guard !Task.isCancelled else { throw .cancelled }
        let id = nextReceive.add(1, ordering: .relaxed).newValue
        let inbox = self.inbox
        let channel = connection.channel
        let path = connection.path
        // One trip to the event loop: drop stale input, write, and start waiting, in that order.
        let result = inbox.eventLoop.flatSubmit {
            inbox.value.discardPending()
            let response = inbox.value.next(id: id, timeout: timeout, on: inbox.eventLoop)
            channel.writeAndFlush(command).whenFailure { error in
                inbox.value.fail(id, with: .transport("writing to serial port \(path) failed: \(error)"))
            }
            return response
        }
        do {
            return try await withTaskCancellationHandler {
                try await result.get()
            } onCancel: {
                inbox.eventLoop.execute { inbox.value.cancel(id) }
            }
        } catch let error as IDCardError {
            throw error
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .transport("reading from serial port \(connection.path) failed: \(error)")
        }
    }

    func close() async {
        await connection.close()
    }
}
