import KioskCore
import KioskDevices

/// The workflows' devices over the device runtime (`DeviceHub`) and the registry's device states.
///
/// A role whose device is missing, faulted or driven by another driver throws `.unavailable` and reports
/// unavailable, so services that need it are unavailable (never faked).
public struct HubWorkflowDevices: WorkflowDevices {
    let hub: DeviceHub
    let registry: DeviceRegistry

    public init(hub: DeviceHub, registry: DeviceRegistry) {
        self.hub = hub
        self.registry = registry
    }

    /// Roles the hub can drive for workflows today.
    static let drivenRoles: Set<DeviceRole> = [.idCardReader, .socialSecurityCardReader, .receiptPrinter, .a4Printer, .qrScanner, .touchDisplay]

    public func readIDCard(timeout: Duration) async throws -> IDCardHolder {
        let reader: IDCardReader
        do { reader = try await hub.idCardReader() } catch { throw Self.unavailable(.idCardReader, error) }
        do {
            return try await reader.waitForCard(timeout: timeout)
        } catch {
            switch error {
            case .noCardPresented, .noCard: throw WorkflowDeviceError.timedOut(.idCardReader)
            case .cancelled: throw CancellationError()
            case .invalidCardData, .cardRejected:
                throw WorkflowDeviceError.failed(.idCardReader, message: LocalizedText(zh: "无法识别该身份证，请到窗口办理", en: "This ID card cannot be read; please ask at a counter"), retryable: false)
            case .busy, .cardLiftedDuringRead, .readFailed, .previousCardNotLifted:
                throw WorkflowDeviceError.failed(.idCardReader, message: LocalizedText(zh: "读卡未成功，请重新放置身份证", en: "The card was not read; place it on the reader again"), retryable: true)
            default:
                throw WorkflowDeviceError.failed(.idCardReader, message: Self.roleDown(.idCardReader), retryable: false)
            }
        }
    }

    public func readSocialSecurityCard(timeout: Duration) async throws -> SocialSecurityCard {
        let reader: SocialSecurityCardReader
        do { reader = try await hub.socialSecurityCardReader() } catch { throw Self.unavailable(.socialSecurityCardReader, error) }
        do {
            _ = try await reader.waitForCard(timeout: timeout)
            let card = try await reader.readCard()
            // The workflow keeps the data it needs; the card is released for the next read at once.
            await reader.endSession()
            return card
        } catch is CancellationError {
            await reader.endSession()
            throw CancellationError()
        } catch let error as SocialSecurityError {
            await reader.endSession()
            throw Self.workflowError(error)
        } catch {
            await reader.endSession()
            throw WorkflowDeviceError.failed(.socialSecurityCardReader, message: Self.roleDown(.socialSecurityCardReader), retryable: false)
        }
    }

    /// What the workflow sees for a social-security reader's error (never the card's data).
    static func workflowError(_ error: SocialSecurityError) -> WorkflowDeviceError {
        let role = DeviceRole.socialSecurityCardReader
        switch error {
        case .noCard: return .timedOut(role)
        case .cardRemoved, .cardInUse, .cardMisbehaves, .noSession:
            return .failed(role, message: LocalizedText(zh: "读卡未成功，请重新插入社保卡", en: "The card was not read; insert it again"), retryable: true)
        case .unknownApplication:
            return .failed(role, message: LocalizedText(zh: "这不是社保卡，请插入社保卡", en: "This is not a social-security card; insert one"), retryable: true)
        case .status:
            return .failed(role, message: LocalizedText(zh: "无法读取该社保卡，请到窗口办理", en: "This social-security card cannot be read; please ask at a counter"), retryable: false)
        case .readerMissing, .serviceUnavailable, .pcsc:
            return .unavailable(role, reason: roleDown(role))
        }
    }

    public func nextQRCode(timeout: Duration) async throws -> ScannedCode {
        let codes: AsyncThrowingStream<ScannedCode, any Error>
        do {
            codes = try await hub.qrScanner().codes()
        } catch {
            throw Self.unavailable(.qrScanner, error)
        }
        return try await withThrowingTaskGroup(of: ScannedCode?.self) { group in
            group.addTask {
                for try await code in codes { return code }
                throw WorkflowDeviceError.unavailable(.qrScanner, reason: Self.roleDown(.qrScanner))
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let code = first else { throw WorkflowDeviceError.timedOut(.qrScanner) }
            return code
        }
    }

    public func printReceipt(_ receipt: Receipt) async throws {
        let printer: ESCPOSPrinter
        do { printer = try await hub.receiptPrinter() } catch { throw Self.unavailable(.receiptPrinter, error) }
        do {
            _ = try await printer.print(receipt)
        } catch {
            switch error {
            case .cancelled: throw CancellationError()
            case .paperOut: throw WorkflowDeviceError.failed(.receiptPrinter, message: Self.paperOut, retryable: false)
            case .coverOpen, .offline, .recovering:
                throw WorkflowDeviceError.failed(.receiptPrinter, message: LocalizedText(zh: "凭条打印机暂时无法打印，请稍后重试", en: "The receipt printer cannot print right now; try again shortly"), retryable: true)
            default:
                throw WorkflowDeviceError.failed(.receiptPrinter, message: Self.roleDown(.receiptPrinter), retryable: false)
            }
        }
    }

    public func printCertificate(_ certificate: CertificateDocument) async throws {
        let printer: A4Printer
        do { printer = try await hub.a4Printer() } catch { throw Self.unavailable(.a4Printer, error) }
        do {
            // Returns once CUPS reports the job completed (or throws when it failed or timed out).
            _ = try await printer.print(certificate.certificate, reference: certificate.jobReference)
        } catch {
            throw Self.workflowError(error)
        }
    }

    /// What the workflow sees for a CUPS error.
    static func workflowError(_ error: CUPSError) -> WorkflowDeviceError {
        let role = DeviceRole.a4Printer
        switch error {
        case .serverUnavailable, .queueMissing, .notAccepting, .queueStopped:
            return .unavailable(role, reason: roleDown(role))
        case .printerFault, .jobTimedOut:
            return .failed(role, message: LocalizedText(zh: "A4打印机暂时无法打印，请稍后重试", en: "The A4 printer cannot print right now; try again shortly"), retryable: true)
        case .submitFailed, .jobFailed, .requestFailed:
            return .failed(role, message: LocalizedText(zh: "证明打印未成功，请重试或到窗口办理", en: "The certificate was not printed; try again or ask at a counter"), retryable: true)
        case .rendering:
            return .failed(role, message: LocalizedText(zh: "该证明无法打印，请到窗口办理", en: "This certificate cannot be printed; please ask at a counter"), retryable: false)
        }
    }

    public func availability(of role: DeviceRole) async -> DeviceAvailability {
        guard Self.drivenRoles.contains(role) else { return .unavailable(Self.roleDown(role)) }
        let statuses = await registry.statuses.filter { $0.role == role }
        guard !statuses.isEmpty else { return .unavailable(Self.roleDown(role)) }
        if statuses.contains(where: { $0.state == .online || $0.state == .busy }) { return .available }
        let status = statuses[0]
        if role == .receiptPrinter, status.state == .userError, status.detail.lowercased().contains("paper") {
            return .unavailable(Self.paperOut)
        }
        return .unavailable(Self.roleDown(role))
    }

    static func unavailable(_ role: DeviceRole, _ error: any Error) -> WorkflowDeviceError {
        .unavailable(role, reason: roleDown(role))
    }

    static let paperOut = LocalizedText(zh: "打印机缺纸，暂不能打印凭条", en: "The receipt printer is out of paper")

    /// "The <device> is not working" for citizens.
    static func roleDown(_ role: DeviceRole) -> LocalizedText {
        switch role {
        case .idCardReader: LocalizedText(zh: "身份证读卡器暂时无法使用", en: "The ID card reader is not working")
        case .socialSecurityCardReader: LocalizedText(zh: "社保卡读卡器暂时无法使用", en: "The social-security card reader is not working")
        case .receiptPrinter: LocalizedText(zh: "凭条打印机暂时无法使用", en: "The receipt printer is not working")
        case .a4Printer: LocalizedText(zh: "A4打印机暂时无法使用，暂不能打印证明", en: "The A4 printer is not working; certificates cannot be printed")
        case .qrScanner: LocalizedText(zh: "扫码器暂时无法使用", en: "The QR scanner is not working")
        case .touchDisplay: LocalizedText(zh: "触摸屏暂时无法使用", en: "The touch screen is not working")
        }
    }
}
