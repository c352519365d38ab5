import KioskCore
import KioskTransport

extension SerialQRScanner {
    /// Checks the scanner without a protocol query (generic scanners have none): the port opens and stays open for
    /// `hold` → online; it is missing → noDevice; it cannot be opened or drops → offline, with the reason.
    ///
    /// While a sequence reads the port, the port is open and the probe reports online without touching it. A code
    /// scanned during the probe's `hold` is dropped unread.
    public func probe(hold: Duration = .milliseconds(200)) async -> QRScannerHealth {
        if isReading {
            return QRScannerHealth(state: .online, detail: "reading codes on \(port.path)")
        }
        let connection: SerialConnection
        do {
            connection = try await port.open(logger: logger)
        } catch {
            return Self.health(after: error)
        }
        do {
            _ = try await connection.read(timeout: hold)
        } catch SerialError.timeout {
            // Nothing scanned, and the line stayed up: the usual case.
        } catch let error as SerialError {
            await connection.close()
            return Self.health(after: error)
        } catch {
            await connection.close()
            return QRScannerHealth(state: .offline, detail: "the probe of \(port.path) was cancelled")
        }
        await connection.close()
        return QRScannerHealth(state: .online, detail: "serial port \(port.path) opened and stayed open for \(hold)")
    }

    /// The state an open or read failure stands for.
    static func health(after error: SerialError) -> QRScannerHealth {
        switch error {
        case .notFound:
            return QRScannerHealth(state: .noDevice, detail: error.description)
        case .permissionDenied, .portBusy, .notATerminal, .unsupportedSettings, .timeout, .disconnected, .closed, .ioFailure:
            return QRScannerHealth(state: .offline, detail: error.description)
        }
    }
}
