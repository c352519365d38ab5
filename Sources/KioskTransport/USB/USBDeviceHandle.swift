import CLibUSB
import Synchronization

/// An open USB device: claims interfaces and moves data through asynchronous libusb transfers.
///
/// `close()` (or the last reference going) cancels transfers still in flight, releases the claimed
/// interfaces, re-attaches kernel drivers that `claimInterface` detached, and closes the handle once.
public final class USBDeviceHandle: Sendable {
    /// The device, as messages name it.
    public let device: USBDeviceLabel
    /// Keeps the context (and its event thread) alive while the handle is open.
    let context: USBContext
    let handle: LibusbPointer
    private let state = Mutex(State())

    private struct State {
        var closed = false
        var claimed: Set<UInt8> = []
        /// Interfaces whose kernel driver (usblp for printers) was detached by `claimInterface`.
        var detached: Set<UInt8> = []
        var transfers: [ObjectIdentifier: USBTransfer] = [:]
    }

    init(context: USBContext, handle: LibusbPointer, device: USBDeviceLabel) {
        self.context = context
        self.handle = handle
        self.device = device
    }

    deinit {
        close()
    }

    func errorContext(_ operation: String) -> USBErrorContext {
        USBErrorContext(device: device, operation: operation)
    }

    /// Claims `number`, first detaching a kernel driver bound to it (the usblp printer driver, which
    /// owns every printer-class interface on Linux).
    ///
    /// Detaches explicitly rather than with `libusb_set_auto_detach_kernel_driver`, whose
    /// USBDEVFS_DISCONNECT_CLAIM umockdev does not emulate.
    public func claimInterface(_ number: UInt8) throws(USBError) {
        try state.withLock { state throws(USBError) in
            guard !state.closed else { throw .closed(errorContext("claim interface \(number)")) }
            guard !state.claimed.contains(number) else { return }
            let interface = Int32(number)
            let active = libusb_kernel_driver_active(handle.raw, interface)
            if active == 1 {
                let detached = libusb_detach_kernel_driver(handle.raw, interface)
                guard detached == 0 || detached == LIBUSB_ERROR_NOT_FOUND.rawValue else {
                    throw USBError(libusbCode: detached, errorContext("detach the kernel driver (usblp) from interface \(number)"))
                }
                if detached == 0 {
                    state.detached.insert(number)
                    context.logger.info("detached the kernel driver from a USB interface", metadata: ["device": "\(device)", "interface": "\(number)"])
                }
            } else if active == LIBUSB_ERROR_NO_DEVICE.rawValue {
                throw .noDevice(errorContext("check the kernel driver of interface \(number)"))
            } else if active < 0, active != LIBUSB_ERROR_NOT_SUPPORTED.rawValue {
                // Not knowing is no reason to give up: a bound driver makes the claim fail with BUSY.
                context.logger.debug(
                    "cannot tell whether a kernel driver is bound to a USB interface",
                    metadata: ["device": "\(device)", "interface": "\(number)", "error": "\(USBError.libusbName(active))"])
            }
            let claimed = libusb_claim_interface(handle.raw, interface)
            guard claimed == 0 else {
                if state.detached.remove(number) != nil {
                    _ = libusb_attach_kernel_driver(handle.raw, interface)
                }
                throw USBError(libusbCode: claimed, errorContext("claim interface \(number)"))
            }
            state.claimed.insert(number)
        }
    }

    /// Releases `number` and re-attaches the kernel driver `claimInterface` detached from it.
    public func releaseInterface(_ number: UInt8) throws(USBError) {
        try state.withLock { state throws(USBError) in
            guard !state.closed else { throw .closed(errorContext("release interface \(number)")) }
            guard state.claimed.remove(number) != nil else { return }
            let result = libusb_release_interface(handle.raw, Int32(number))
            reattach(number, &state)
            guard result == 0 || result == LIBUSB_ERROR_NO_DEVICE.rawValue else {
                throw USBError(libusbCode: result, errorContext("release interface \(number)"))
            }
        }
    }

    private func reattach(_ number: UInt8, _ state: inout State) {
        guard state.detached.remove(number) != nil else { return }
        let result = libusb_attach_kernel_driver(handle.raw, Int32(number))
        if result != 0 {
            context.logger.debug(
                "cannot re-attach the kernel driver of a USB interface",
                metadata: ["device": "\(device)", "interface": "\(number)", "error": "\(USBError.libusbName(result))"])
        }
    }

    /// Resets the device (a port reset: the printer reboots its USB side). Claimed interfaces stay
    /// claimed when the device comes back unchanged.
    ///
    /// - Throws: `USBError.needsReenumeration` when it came back as a new device (open it again),
    ///   `.noDevice` when it did not come back.
    public func reset() throws(USBError) {
        let closed = state.withLock { $0.closed }
        guard !closed else { throw .closed(errorContext("reset")) }
        let result = libusb_reset_device(handle.raw)
        switch result {
        case 0: return
        case LIBUSB_ERROR_NOT_FOUND.rawValue: throw .needsReenumeration(errorContext("reset"))
        default: throw USBError(libusbCode: result, errorContext("reset"))
        }
    }

    /// Clears a halt (stall) on `endpoint`.
    public func clearHalt(endpoint: UInt8) throws(USBError) {
        let closed = state.withLock { $0.closed }
        guard !closed else { throw .closed(errorContext("clear halt on endpoint \(USBHex.byte(endpoint))")) }
        let result = libusb_clear_halt(handle.raw, endpoint)
        guard result == 0 else { throw USBError(libusbCode: result, errorContext("clear halt on endpoint \(USBHex.byte(endpoint))")) }
    }

    /// Cancels transfers in flight (waiting up to a second for each), releases the claimed
    /// interfaces and closes the handle. Later calls do nothing.
    public func close() {
        let transfers = state.withLock { state -> [USBTransfer]? in
            guard !state.closed else { return nil }
            state.closed = true
            return Array(state.transfers.values)
        }
        guard let transfers else { return }
        for transfer in transfers {
            transfer.cancel()
            if !transfer.waitUntilFinished(timeout: .seconds(1)) {
                context.logger.info("a USB transfer did not end after cancellation", metadata: ["device": "\(device)"])
            }
        }
        state.withLock { state in
            for number in state.claimed.sorted() {
                _ = libusb_release_interface(handle.raw, Int32(number))
                reattach(number, &state)
            }
            state.claimed = []
        }
        libusb_close(handle.raw)
    }

    /// Runs one transfer, tracked so that `close()` can cancel it.
    func run(
        _ kind: USBTransfer.Kind, endpoint: UInt8, payload: [UInt8], length: Int, timeout: Duration, operation: String
    ) async throws(USBError) -> USBTransfer.Completion {
        let transfer = try USBTransfer(
            handle: handle, kind: kind, endpoint: endpoint, payload: payload, length: length, timeout: timeout,
            context: errorContext(operation))
        let key = ObjectIdentifier(transfer)
        try state.withLock { state throws(USBError) in
            guard !state.closed else { throw .closed(transfer.context) }
            state.transfers[key] = transfer
        }
        defer { state.withLock { _ = $0.transfers.removeValue(forKey: key) } }
        return try await transfer.run()
    }
}
