import CLibUSB
import Dispatch
import Synchronization

/// One asynchronous libusb transfer and the task that waits for it.
///
/// The object is passed to libusb as `user_data` (retained while the transfer is in flight); the C
/// callback on the event thread copies the result out and resumes the continuation, so no Swift error
/// crosses the C boundary. `cancel()` may come at any time from the task's cancellation handler: before
/// submission it stops the submission, while in flight it calls `libusb_cancel_transfer`, after
/// completion it does nothing. The libusb transfer and its buffer are freed with this object.
final class USBTransfer: Sendable {
    enum Kind: Sendable {
        case bulk, interrupt, control
    }

    /// What a completed transfer gives back: the bytes read (IN) and the bytes moved.
    struct Completion: Sendable {
        var data: [UInt8]
        var actualLength: Int
    }

    private enum Phase {
        case prepared, inFlight, finished
    }

    private struct State {
        var phase = Phase.prepared
        var cancelRequested = false
        var continuation: CheckedContinuation<Result<Completion, USBError>, Never>?
    }

    private let transfer: TransferPointer
    private let buffer: BufferPointer
    private let kind: Kind
    private let endpoint: UInt8
    let context: USBErrorContext
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    /// Prepares (does not submit) a transfer on `handle`. For `.control`, `payload` starts with the
    /// 8-byte setup packet; for IN transfers it is empty and `length` bytes are read.
    init(
        handle: LibusbPointer, kind: Kind, endpoint: UInt8, payload: [UInt8], length: Int, timeout: Duration,
        context: USBErrorContext
    ) throws(USBError) {
        guard length >= 0, payload.count <= max(length, 1) else { throw .invalidParameter(context) }
        guard let transfer = libusb_alloc_transfer(0) else { throw .noMemory(context) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(length, 1))
        buffer.initialize(repeating: 0)  // the replay of an OUT control transfer compares the whole buffer
        _ = buffer.update(fromContentsOf: payload)
        self.transfer = TransferPointer(raw: transfer)
        self.buffer = BufferPointer(raw: buffer)
        self.kind = kind
        self.endpoint = endpoint
        self.context = context

        let milliseconds = Self.milliseconds(timeout)
        let length = Int32(clamping: length)
        switch kind {
        case .bulk:
            libusb_fill_bulk_transfer(transfer, handle.raw, endpoint, buffer.baseAddress, length, usbTransferCompleted, nil, milliseconds)
        case .interrupt:
            libusb_fill_interrupt_transfer(transfer, handle.raw, endpoint, buffer.baseAddress, length, usbTransferCompleted, nil, milliseconds)
        case .control:
            libusb_fill_control_transfer(transfer, handle.raw, buffer.baseAddress, usbTransferCompleted, nil, milliseconds)
            // Linux usbfs sets the direction bit of a control URB from bmRequestType anyway (devio.c);
            // setting it here too lets umockdev's .ioctl replay hand the reply back (it copies data
            // back only for URBs whose endpoint has bit 7 set).
            transfer.pointee.endpoint = endpoint
        }
    }

    deinit {
        libusb_free_transfer(transfer.raw)
        buffer.raw.deallocate()
    }

    /// libusb's timeout in milliseconds: `.zero` is libusb's "no limit", anything else at least 1 ms.
    static func milliseconds(_ timeout: Duration) -> UInt32 {
        guard timeout != .zero else { return 0 }
        let (seconds, attoseconds) = timeout.components
        return max(1, UInt32(clamping: seconds.multipliedReportingOverflow(by: 1000).partialValue + attoseconds / 1_000_000_000_000_000))
    }

    /// Submits the transfer and suspends until it completes, fails, times out or is cancelled.
    func run() async throws(USBError) -> Completion {
        try await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                submit(continuation)
            }
        } onCancel: {
            cancel()
        }.get()
    }

    private func submit(_ continuation: CheckedContinuation<Result<Completion, USBError>, Never>) {
        state.withLock { state in
            guard !state.cancelRequested else {
                state.phase = .finished
                finished.signal()
                continuation.resume(returning: .failure(.cancelled(context)))
                return
            }
            let retained = Unmanaged.passRetained(self)
            transfer.raw.pointee.user_data = retained.toOpaque()
            let result = libusb_submit_transfer(transfer.raw)
            guard result == 0 else {
                retained.release()
                state.phase = .finished
                finished.signal()
                continuation.resume(returning: .failure(USBError(libusbCode: result, context)))
                return
            }
            state.continuation = continuation
            state.phase = .inFlight
        }
    }

    /// Asks libusb to cancel the transfer (or not to submit it); the waiting task then ends with
    /// `USBError.cancelled`.
    func cancel() {
        state.withLock { state in
            state.cancelRequested = true
            if state.phase == .inFlight {
                _ = libusb_cancel_transfer(transfer.raw)
            }
        }
    }

    /// Waits until the transfer is no longer in flight (used by `close()` after `cancel()`).
    func waitUntilFinished(timeout: Duration) -> Bool {
        let nanoseconds = Int(timeout.components.seconds) * 1_000_000_000 + Int(timeout.components.attoseconds / 1_000_000_000)
        guard finished.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success else { return false }
        finished.signal()  // let a second waiter through too
        return true
    }

    /// Called by the C callback on the event thread.
    fileprivate func complete() {
        let status = transfer.raw.pointee.status
        let actual = Int(transfer.raw.pointee.actual_length)
        var failure = context
        failure.transferred = actual > 0 ? actual : nil
        let result: Result<Completion, USBError>
        if let error = USBError(transferStatus: status, failure) {
            result = .failure(error)
        } else {
            result = .success(completion(actualLength: actual))
        }
        let continuation = state.withLock { state in
            state.phase = .finished
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: result)
        finished.signal()
    }

    private func completion(actualLength: Int) -> Completion {
        switch kind {
        case .bulk, .interrupt:
            let isIn = endpoint & 0x80 != 0
            let count = min(actualLength, buffer.raw.count)
            return Completion(data: isIn ? Array(buffer.raw[0..<count]) : [], actualLength: actualLength)
        case .control:
            // The data stage follows the setup packet. Clamp to wLength: umockdev's replay reports
            // the setup packet in actual_length, the kernel does not.
            let wLength = Int(buffer.raw[6]) | Int(buffer.raw[7]) << 8
            let count = min(actualLength, wLength, buffer.raw.count - USBControlSetup.size)
            let isIn = buffer.raw[0] & 0x80 != 0
            let data = isIn && count > 0 ? Array(buffer.raw[USBControlSetup.size..<USBControlSetup.size + count]) : []
            return Completion(data: data, actualLength: count)
        }
    }
}

/// libusb's completion callback for every `USBTransfer`: takes back the reference passed as user_data.
private func usbTransferCompleted(_ transfer: UnsafeMutablePointer<libusb_transfer>?) {
    guard let userData = transfer?.pointee.user_data else { return }
    Unmanaged<USBTransfer>.fromOpaque(userData).takeRetainedValue().complete()
}

private struct TransferPointer: @unchecked Sendable {
    let raw: UnsafeMutablePointer<libusb_transfer>
}

private struct BufferPointer: @unchecked Sendable {
    let raw: UnsafeMutableBufferPointer<UInt8>
}
