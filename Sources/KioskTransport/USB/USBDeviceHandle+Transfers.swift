/// Asynchronous transfers. Each runs on the context's event thread and ends with its data, or with
/// the typed error of its libusb status; `timeout` is per transfer (`.zero`: no limit); cancelling the
/// calling task cancels the transfer (`USBError.cancelled`).
extension USBDeviceHandle {
    /// Writes `data` to bulk OUT `endpoint`; returns the bytes sent.
    ///
    /// - Throws: `USBError.timeout` (with the bytes sent before it), `.stalled`, `.noDevice`, `.io`,
    ///   `.cancelled` when the task is cancelled.
    public func bulkOut(endpoint: UInt8, data: [UInt8], timeout: Duration) async throws(USBError) -> Int {
        try await run(
            .bulk, endpoint: endpoint, payload: data, length: data.count, timeout: timeout,
            operation: "bulk OUT of \(data.count) bytes on endpoint \(USBHex.byte(endpoint))"
        ).actualLength
    }

    /// Reads up to `maxLength` bytes from bulk IN `endpoint`. Ask for a multiple of the endpoint's
    /// packet size: a device that sends more than asked gives `USBError.overflow`.
    public func bulkIn(endpoint: UInt8, maxLength: Int, timeout: Duration) async throws(USBError) -> [UInt8] {
        try await run(
            .bulk, endpoint: endpoint, payload: [], length: maxLength, timeout: timeout,
            operation: "bulk IN on endpoint \(USBHex.byte(endpoint))"
        ).data
    }

    /// Reads one report of up to `maxLength` bytes from interrupt IN `endpoint`.
    public func interruptIn(endpoint: UInt8, maxLength: Int, timeout: Duration) async throws(USBError) -> [UInt8] {
        try await run(
            .interrupt, endpoint: endpoint, payload: [], length: maxLength, timeout: timeout,
            operation: "interrupt IN on endpoint \(USBHex.byte(endpoint))"
        ).data
    }

    /// Writes `data` to interrupt OUT `endpoint`; returns the bytes sent.
    public func interruptOut(endpoint: UInt8, data: [UInt8], timeout: Duration) async throws(USBError) -> Int {
        try await run(
            .interrupt, endpoint: endpoint, payload: data, length: data.count, timeout: timeout,
            operation: "interrupt OUT of \(data.count) bytes on endpoint \(USBHex.byte(endpoint))"
        ).actualLength
    }

    /// A device-to-host control transfer (bit 7 of `requestType` set): returns the data stage, at
    /// most `length` bytes.
    public func controlTransfer(
        requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, length: UInt16, timeout: Duration
    ) async throws(USBError) -> [UInt8] {
        try await control(
            USBControlSetup(requestType: requestType | 0x80, request: request, value: value, index: index, length: length),
            data: [], timeout: timeout
        ).data
    }

    /// A host-to-device control transfer (bit 7 of `requestType` clear) with `data` as its data
    /// stage; returns the bytes sent.
    public func controlTransfer(
        requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, data: [UInt8], timeout: Duration
    ) async throws(USBError) -> Int {
        try await control(
            USBControlSetup(requestType: requestType & 0x7F, request: request, value: value, index: index, length: UInt16(clamping: data.count)),
            data: data, timeout: timeout
        ).actualLength
    }

    /// A control transfer described by `setup`; `data` is the data stage of an OUT request.
    func control(_ setup: USBControlSetup, data: [UInt8], timeout: Duration) async throws(USBError) -> USBTransfer.Completion {
        let operation =
            "control request \(USBHex.byte(setup.request)) (bmRequestType \(USBHex.byte(setup.requestType)), "
            + "wValue \(setup.value), wIndex \(setup.index), wLength \(setup.length))"
        guard data.count <= Int(UInt16.max) else { throw .invalidParameter(errorContext(operation)) }
        let payload = setup.bytes + (setup.isDeviceToHost ? [] : data)
        return try await run(
            .control, endpoint: setup.isDeviceToHost ? 0x80 : 0x00, payload: payload,
            length: USBControlSetup.size + Int(setup.length), timeout: timeout, operation: operation)
    }
}
