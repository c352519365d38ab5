import ArgumentParser

/// `kiosk-bench receipt`: a 40-line Chinese receipt with QR and cut, status-checked (paced and against python-escpos).
struct ReceiptBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "receipt", abstract: "a 40-line Chinese receipt with QR and cut, status-checked (paced and against python-escpos)")
}
