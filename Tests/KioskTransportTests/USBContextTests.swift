import Testing

@testable import KioskTransport

/// `USBContext` in the test process itself (no umockdev; this machine may have no USB at all).
@Suite("USB context")
struct USBContextTests {
    @Test("contexts start and stop their event threads, many times over")
    func lifecycle() throws {
        for _ in 0..<20 {
            let context = try USBContext()
            _ = try context.devices()
        }
    }

    @Test("opening a device nobody has gives the typed no-match error")
    func openMissing() throws {
        // Given
        let context = try USBContext()

        // Then
        #expect(throws: USBError.noMatchingDevice(USBDeviceSelector(vendor: 0xFFFF, product: 0xFFFE))) {
            try context.open(vendor: 0xFFFF, product: 0xFFFE)
        }
    }

    @Test("a hot-plug stream ends when its consumer is cancelled")
    func hotplugCancellation() async throws {
        // Given
        let context = try USBContext()
        let events = context.hotplugEvents(vendor: 0xFFFF, product: 0xFFFE)
        let consumer = Task {
            var count = 0
            for await _ in events { count += 1 }
            return count
        }

        // When
        try await Task.sleep(for: .milliseconds(50))
        consumer.cancel()

        // Then
        #expect(await consumer.value == 0)
    }
}
