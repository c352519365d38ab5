import KioskCore
import KioskTransport
import Logging
import NIOCore
import Synchronization

/// A receipt printer of the USB printer class: bulk OUT for the data, bulk IN for the replies
/// (read only while a reply is awaited), GET_PORT_STATUS as a second opinion.
public final class USBPrinterLink: ESCPOSLink {
    public let device: String
    public var answers: Bool { endpointIn != nil }
    private let handle: USBDeviceHandle
    private let interface: UInt8
    private let endpointOut: UInt8
    private let endpointIn: UInt8?
    private let packetSize: Int
    private let writeTimeout: Duration
    /// Bytes read but not yet a whole reply, and whole replies not yet taken.
    private let pending = Mutex<(bytes: ByteBuffer, replies: [PrinterReply])>((ByteBuffer(), []))

    private init(handle: USBDeviceHandle, endpoints: USBEndpoints, packetSize: Int, writeTimeout: Duration) {
        self.handle = handle
        self.device = "USB \(handle.device)"
        self.interface = UInt8(clamping: endpoints.interface)
        self.endpointOut = endpoints.endpointOut
        self.endpointIn = endpoints.endpointIn
        self.packetSize = max(packetSize, 1)
        self.writeTimeout = writeTimeout
    }

    /// Opens the printer `selector` picks and claims its interface (detaching usblp).
    ///
    /// - Parameter writeTimeout: how long one bulk OUT may take; a busy printer holds data back.
    public static func open(
        _ context: USBContext, selector: USBDeviceSelector, endpoints: USBEndpoints, writeTimeout: Duration = .seconds(30)
    ) throws(PrinterError) -> USBPrinterLink {
        let device = "USB \(selector)"
        do throws(USBError) {
            let handle = try context.open(selector)
            let info = try? context.devices().first { $0.portPath == handle.device.portPath && $0.bus == handle.device.bus }
            let packet = info?.interfaces.lazy.flatMap(\.endpoints).first { $0.address == endpoints.endpointIn }?.maxPacketSize
            do {
                try handle.claimInterface(UInt8(clamping: endpoints.interface))
            } catch {
                handle.close()
                throw error
            }
            return USBPrinterLink(handle: handle, endpoints: endpoints, packetSize: Int(packet ?? 64), writeTimeout: writeTimeout)
        } catch {
            throw PrinterError(error, device: device)
        }
    }

    public func wireTime(forBytes count: Int) -> Duration {
        .zero
    }

    public func send(_ bytes: [UInt8]) async throws(PrinterError) {
        guard !bytes.isEmpty else { return }
        let sent: Int
        do throws(USBError) {
            sent = try await handle.bulkOut(endpoint: endpointOut, data: bytes, timeout: writeTimeout)
        } catch .timeout {
            throw .noAnswer(device: device, after: writeTimeout)
        } catch {
            throw PrinterError(error, device: device)
        }
        guard sent == bytes.count else {
            throw .unavailable(device: device, reason: "only \(sent) of \(bytes.count) bytes went out")
        }
    }

    public func receive(until deadline: ContinuousClock.Instant) async throws(PrinterError) -> PrinterReply? {
        while true {
            if let reply = takeOne() { return reply }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard let endpointIn, remaining > .zero else { return nil }
            let bytes: [UInt8]
            do throws(USBError) {
                // At least 1 ms: libusb reads a zero timeout as "no limit".
                bytes = try await handle.bulkIn(endpoint: endpointIn, maxLength: packetSize, timeout: max(remaining, .milliseconds(1)))
            } catch .timeout {
                return takeOne()
            } catch {
                throw PrinterError(error, device: device)
            }
            pending.withLock { pending in
                pending.bytes.writeBytes(bytes)
                while let reply = pending.bytes.readPrinterReply() { pending.replies.append(reply) }
                pending.bytes.discardReadBytes()
            }
        }
    }

    public func takeArrived() async -> [PrinterReply] {
        pending.withLock { pending in
            defer { pending.replies.removeAll() }
            return pending.replies
        }
    }

    public func portStatus() async throws(PrinterError) -> PrinterPortStatus? {
        do throws(USBError) {
            return try await handle.printerPortStatus(interface: interface)
        } catch {
            throw PrinterError(error, device: device)
        }
    }

    public func close() async {
        handle.close()
    }

    private func takeOne() -> PrinterReply? {
        pending.withLock { pending in pending.replies.isEmpty ? nil : pending.replies.removeFirst() }
    }
}

extension PrinterError {
    /// The printer error a USB error stands for.
    init(_ error: USBError, device: String) {
        switch error {
        case .noDevice, .noMatchingDevice, .needsReenumeration:
            self = .disconnected(device: device)
        case .cancelled:
            self = .cancelled
        case .timeout:
            self = .noAnswer(device: device, after: .zero)
        case .io, .invalidParameter, .accessDenied, .notFound, .busy, .overflow, .stalled, .interrupted, .noMemory,
            .notSupported, .other, .closed, .ambiguous:
            self = .unavailable(device: device, reason: "\(error)")
        }
    }
}
