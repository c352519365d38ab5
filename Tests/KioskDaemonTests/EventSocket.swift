import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal WebSocket client of `GET /api/v1/events` over a plain TCP socket (RFC 6455: the upgrade, then unmasked
/// server frames), collecting every text message the daemon sends.
final class EventSocket: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var messages: [String] = []
    private var buffer: [UInt8] = []

    /// Connects to kioskd on `127.0.0.1:port` and completes the upgrade (throws unless it answers 101).
    init(port: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0, let number = UInt16(port) else { throw TestFailure("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = number.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(descriptor); throw TestFailure("connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let request = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            Glibc.close(descriptor)
            throw TestFailure("could not send the upgrade request")
        }
        var head: [UInt8] = []
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 4096)
        var split: Int?
        while split == nil {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { Glibc.close(descriptor); throw TestFailure("no answer to the upgrade request") }
            head += chunk[0..<count]
            split = head.indices.first { head[$0...].starts(with: end) }.map { $0 + end.count }
        }
        let headEnd = split ?? head.count
        let status = String(decoding: head[..<headEnd], as: UTF8.self)
        guard status.hasPrefix("HTTP/1.1 101") else { Glibc.close(descriptor); throw TestFailure("the upgrade was refused: \(status)") }
        buffer = Array(head[headEnd...])
        timeout = timeval(tv_sec: 0, tv_usec: 0)  // from now on the reader thread blocks until data or close
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    /// The text messages so far, in order.
    var texts: [String] { lock.withLock { messages } }

    /// Waits (up to 30 s) until a message equal to `text` came `count` times.
    func wait(for text: String, count: Int = 1) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while texts.filter({ $0 == text }).count < count {
            if ContinuousClock.now > deadline { throw TestFailure("no \(text) ×\(count) on the events WebSocket within 30 s; got \(texts)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends the connection (the reader thread stops).
    func close() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private func readLoop() {
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            while let (opcode, payload) = nextFrame() {
                if opcode == 0x1 { lock.withLock { messages.append(String(decoding: payload, as: UTF8.self)) } }
                if opcode == 0x8 { Glibc.close(descriptor); return }
            }
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count <= 0 { Glibc.close(descriptor); return }
            buffer += chunk[0..<count]
        }
    }

    /// One whole frame off the front of the buffer: its opcode and payload (server frames are not masked).
    private func nextFrame() -> (UInt8, [UInt8])? {
        guard buffer.count >= 2 else { return nil }
        var length = Int(buffer[1] & 0x7F)
        var offset = 2
        if length == 126 {
            guard buffer.count >= 4 else { return nil }
            length = Int(buffer[2]) << 8 | Int(buffer[3])
            offset = 4
        } else if length == 127 {
            guard buffer.count >= 10 else { return nil }
            length = buffer[2..<10].reduce(0) { $0 << 8 | Int($1) }
            offset = 10
        }
        guard buffer.count >= offset + length else { return nil }
        let frame = (buffer[0] & 0x0F, Array(buffer[offset..<(offset + length)]))
        buffer.removeFirst(offset + length)
        return frame
    }
}
