import ArgumentParser

/// `kiosk-bench idcard`: ID-card read through the driver against the paced emulator (time / wire time).
struct IDCardBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "idcard", abstract: "ID-card read through the driver against the paced emulator (time / wire time)")
}
