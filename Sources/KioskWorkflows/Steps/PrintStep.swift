import KioskCore
import KioskDevices

/// `print`: prints what a show step showed, on the receipt printer or as an A4 certificate.
///
/// The receipt carries the service name, the shown rows, an optional code (case number) with its QR code,
/// the kiosk id and the time. The certificate adds the tables and a verification code and QR link.
public struct PrintStep: WorkflowStep {
    public static let kind = "print"
    public static let keys = ["device", "from", "document-title", "title-path", "code", "code-label", "verification-url", "note"]

    /// Which printer.
    public enum Device: String, Sendable, Hashable, CaseIterable {
        case receipt
        case a4
    }

    public let header: StepHeader
    public var device: Device
    /// The show step whose result is printed.
    public var from: String
    /// The title on paper (the service name when absent).
    public var documentTitle: LocalizedText?
    /// Path of a title in a department's answer (a certificate's localized `title`); wins over `document-title`.
    public var titlePath: String?
    /// Path of a code to print with its QR code (a case number, a certificate's verification code).
    public var code: String?
    public var codeLabel: LocalizedText?
    /// Path of the verification link (certificates).
    public var verificationURL: String?
    /// A closing note (e.g. 凭此凭条查询办理进度).
    public var note: LocalizedText?

    public var deviceRoles: [DeviceRole] { [device == .receipt ? .receiptPrinter : .a4Printer] }

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> PrintStep? {
        let device = table.choice("device", of: Device.self)
        let from = table.string("from")
        guard let device, let from else { return nil }
        return PrintStep(
            header: header, device: device, from: from,
            documentTitle: reader.localized(table, "document-title", required: false),
            titlePath: table.string("title-path", required: false),
            code: table.string("code", required: false),
            codeLabel: reader.localized(table, "code-label", required: false),
            verificationURL: table.string("verification-url", required: false),
            note: reader.localized(table, "note", required: false)
        )
    }

    public func enter(_ context: inout StepContext) -> StepCommand {
        context.state = ["print": ["device": .string(device.rawValue), "status": "printing", "message": Self.printing.json]]
        return .run(idle: false)
    }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        let status = context.state["print"]?["status"]?.stringValue
        switch (input.action, status) {
        case ("next", "done"), ("next", "failed"): return .advance
        case ("retry", "failed"): context.error = nil; return enter(&context)
        default: throw .notAccepted(step: header.id, kind: header.kind, action: input.action)
        }
    }

    public func perform(_ job: StepJob) async -> StepJobResult {
        guard let shown = job.shown[from] else {
            return .failure(StepFailure(message: Self.failedText, retryable: false, code: "print.nothing"))
        }
        let language = job.language
        let root = job.data.value(at: "") ?? .null
        let codeText = code.flatMap { root.value(at: $0) }.flatMap { ValueFormat.text.render($0, language: language) }
        let link = verificationURL.flatMap { root.value(at: $0)?.stringValue }
        let title = titlePath.flatMap { root.value(at: $0) }.flatMap { ValueFormat.text.render($0, language: language) }
            ?? (documentTitle ?? shown.title).text(language)
        let footer = "\(job.environment.kioskID)  \(job.environment.printedTime())"
        do {
            switch device {
            case .receipt:
                try await job.environment.devices.printReceipt(receipt(shown, title: title, code: codeText, link: link, footer: footer, language: language))
            case .a4:
                try await job.environment.devices.printCertificate(CertificateDocument(
                    title: title, issuer: job.department.names.text(language),
                    rows: shown.rows.map { .init(label: $0.label.text(language), value: $0.value) },
                    tables: shown.tables.map { .init(title: $0.title.text(language), columns: $0.columns.map { $0.text(language) }, rows: $0.rows) },
                    verificationCode: codeText, verificationURL: link, footer: footer
                ))
            }
            return .success(.null)
        } catch {
            return .failure(StepFailure.from(error))
        }
    }

    func receipt(_ shown: ShownResult, title: String, code: String?, link: String?, footer: String, language: String) -> Receipt {
        var receipt = Receipt([.text(title, style: TextStyle(size: .tall, bold: true, alignment: .center)), .separator()])
        for row in shown.rows { receipt.append(.text("\(row.label.text(language)): \(row.value)")) }
        for table in shown.tables {
            receipt.append(.separator())
            receipt.append(.text(table.title.text(language), style: TextStyle(bold: true)))
            receipt.append(.text(table.columns.map { $0.text(language) }.joined(separator: "  ")))
            for row in table.rows { receipt.append(.text(row.joined(separator: "  "))) }
        }
        if let code {
            receipt.append(.separator())
            receipt.append(.text("\((codeLabel ?? LocalizedText(zh: "编号", en: "Number")).text(language)): \(code)", style: TextStyle(bold: true)))
            receipt.append(.qrCode(QRCode(link ?? code)))
        }
        if let note { receipt.append(.text(note.text(language))) }
        receipt.append(.separator())
        receipt.append(.text(footer, style: TextStyle(alignment: .center)))
        receipt.append(.cut())
        return receipt
    }

    public func complete(_ result: StepJobResult, context: inout StepContext) -> StepCommand {
        switch result {
        case .success:
            let done = device == .receipt ? Self.takeReceipt : Self.takeCertificate
            context.state["print"] = ["device": .string(device.rawValue), "status": "done", "message": done.json]
        case .failure(let failure):
            context.state["print"] = ["device": .string(device.rawValue), "status": "failed", "message": failure.message.json]
        }
        return .wait
    }

    public func view(_ context: StepContext) -> [String: JSONValue] {
        ["print": context.state["print"] ?? .null]
    }

    static let printing = LocalizedText(zh: "正在打印，请稍候", en: "Printing, please wait")
    static let takeReceipt = LocalizedText(zh: "打印完成，请取走凭条", en: "Done; please take your receipt")
    static let takeCertificate = LocalizedText(zh: "打印完成，请从下方出纸口取走证明", en: "Done; please take your certificate from the tray below")
    static let failedText = LocalizedText(zh: "打印失败，请到窗口办理", en: "Printing failed; please ask at a counter")
}
