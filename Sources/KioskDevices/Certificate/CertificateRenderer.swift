import CPangoCairo
import Foundation

/// Draws a `Certificate` as an A4 PDF in memory with pango and cairo: text stays text (embedded
/// CJK fonts, searchable with pdftotext), tables break across pages with their header repeated,
/// and the footer carries the issuer, date, kiosk id, verification code and QR code.
public struct CertificateRenderer: Sendable {
    /// A4 in PostScript points.
    public static let pageWidth = 595.276, pageHeight = 841.89
    static let margin = 56.0
    static let pangoScale = 1024.0

    public var style: CertificateStyle

    public init(style: CertificateStyle = CertificateStyle()) {
        self.style = style
    }

    /// The PDF's bytes (never written to disk here: the certificate holds personal data).
    public func render(_ certificate: Certificate) throws(CertificateError) -> RenderedCertificate {
        try certificate.validate()
        let qr = try QRMatrix(encoding: certificate.qrPayload)
        let sink = PDFSink()
        let opaque = Unmanaged.passRetained(sink).toOpaque()
        defer { Unmanaged<PDFSink>.fromOpaque(opaque).release() }
        guard let surface = cairo_pdf_surface_create_for_stream(pdfWrite, opaque, Self.pageWidth, Self.pageHeight) else {
            throw .renderingFailed("no PDF surface")
        }
        // The title only: the holder's name stays out of the metadata.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, certificate.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "kioskd")
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw .renderingFailed("no cairo context")
        }
        var page = PageWriter(context: context, style: style)
        page.draw(certificate, qr: qr)
        let pages = page.pageNumber
        cairo_destroy(context)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .renderingFailed(String(cString: cairo_status_to_string(status))) }
        return RenderedCertificate(pdf: sink.bytes, pages: pages, qrModules: qr.size)
    }
}

/// A rendered certificate: the PDF's bytes and what the tests and logs may know about it.
public struct RenderedCertificate: Sendable, Equatable {
    public var pdf: [UInt8]
    public var pages: Int
    /// The QR code's modules per side.
    public var qrModules: Int
}

/// Collects cairo's PDF output.
final class PDFSink {
    var bytes: [UInt8] = []
}

private let pdfWrite: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<PDFSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

/// Draws page after page, keeping the vertical position.
struct PageWriter {
    let context: OpaquePointer
    let style: CertificateStyle
    var y = CertificateRenderer.margin
    var pageNumber = 1
    let left = CertificateRenderer.margin
    let width = CertificateRenderer.pageWidth - 2 * CertificateRenderer.margin
    let bottom = CertificateRenderer.pageHeight - CertificateRenderer.margin

    mutating func draw(_ certificate: Certificate, qr: QRMatrix) {
        cairo_set_source_rgb(context, 0, 0, 0)
        _ = text("验证码：\(certificate.verificationCode)", size: 9, x: left, y: 28, width: width, alignment: PANGO_ALIGN_RIGHT)
        y += text(certificate.title, family: style.serifFamily, size: style.titleSize, bold: true, x: left, y: y, width: width, alignment: PANGO_ALIGN_CENTER) + 24

        var holder = "姓名：\(certificate.holder.name)"
        if let idNumber = certificate.holder.idNumber { holder += "　　证件号码：\(idNumber)" }
        block(holder, size: style.bodySize, spacing: 10)
        for paragraph in certificate.paragraphs {
            block(paragraph, size: style.bodySize, indent: 2 * style.bodySize, spacing: 8)
        }
        for row in certificate.rows {
            block("\(row.label)：\(row.value)", size: style.bodySize, spacing: 4)
        }
        for table in certificate.tables {
            y += 8
            draw(table)
        }
        footer(certificate, qr: qr)
    }

    /// A wrapped paragraph, on a new page when it does not fit.
    mutating func block(_ content: String, size: Double, indent: Double = 0, spacing: Double) {
        let height = measure(content, size: size, width: width, indent: indent)
        if y + height > bottom { newPage() }
        y += text(content, size: size, x: left, y: y, width: width, indent: indent) + spacing
    }

    mutating func draw(_ table: Certificate.Table) {
        if let caption = table.caption { block(caption, size: style.bodySize, spacing: 4) }
        let columnWidth = width / Double(table.columns.count)
        let padding = 4.0
        func rowHeight(_ cells: [String], bold: Bool = false) -> Double {
            cells.map { measure($0, size: style.tableSize, width: columnWidth - 2 * padding, bold: bold) }.max().map { $0 + 2 * padding } ?? 0
        }
        func drawRow(_ cells: [String], height: Double, header: Bool) {
            if header {
                cairo_set_source_rgb(context, 0.9, 0.9, 0.9)
                cairo_rectangle(context, left, y, width, height)
                cairo_fill(context)
                cairo_set_source_rgb(context, 0, 0, 0)
            }
            cairo_set_line_width(context, 0.6)
            for (index, cell) in cells.enumerated() {
                let x = left + Double(index) * columnWidth
                cairo_rectangle(context, x, y, columnWidth, height)
                cairo_stroke(context)
                _ = text(cell, size: style.tableSize, bold: header, x: x + padding, y: y + padding, width: columnWidth - 2 * padding, alignment: PANGO_ALIGN_CENTER)
            }
            y += height
        }
        let headerHeight = rowHeight(table.columns, bold: true)
        if y + headerHeight * 2 > bottom { newPage() }
        drawRow(table.columns, height: headerHeight, header: true)
        for row in table.rows {
            let height = rowHeight(row)
            if y + height > bottom {
                newPage()
                drawRow(table.columns, height: headerHeight, header: true)
            }
            drawRow(row, height: height, header: false)
        }
        y += 8
    }

    /// Issuer, date, kiosk and code on the right, the QR code on the left, at the foot of the last page.
    mutating func footer(_ certificate: Certificate, qr: QRMatrix) {
        let lines = ["出具单位：\(certificate.issuer)", "出具日期：\(certificate.issuedOn)", "打印终端：\(certificate.kioskID)", "验证码：\(certificate.verificationCode)"]
        let needed = style.qrSide + 30
        if y + needed > bottom { newPage() }
        let top = bottom - needed
        var lineY = top + 10
        for line in lines {
            lineY += text(line, size: style.bodySize, x: left + style.qrSide + 24, y: lineY, width: width - style.qrSide - 24, alignment: PANGO_ALIGN_RIGHT) + 4
        }
        let module = style.qrSide / Double(qr.size + 8)
        let origin = (x: left + 4 * module, y: top + 4 * module)
        for row in 0..<qr.size {
            for column in 0..<qr.size where qr.isDark(row: row, column: column) {
                cairo_rectangle(context, origin.x + Double(column) * module, origin.y + Double(row) * module, module, module)
            }
        }
        cairo_fill(context)
        _ = text("扫码验证真伪", size: 8, x: left, y: top + style.qrSide, width: style.qrSide, alignment: PANGO_ALIGN_CENTER)
        pageFooter()
    }

    mutating func newPage() {
        pageFooter()
        cairo_show_page(context)
        pageNumber += 1
        y = CertificateRenderer.margin
    }

    func pageFooter() {
        _ = text("第 \(pageNumber) 页", size: 8, x: left, y: CertificateRenderer.pageHeight - 36, width: width, alignment: PANGO_ALIGN_CENTER)
    }

    /// Draws `content` at (x, y) and returns its height.
    @discardableResult
    func text(_ content: String, family: String? = nil, size: Double, bold: Bool = false, x: Double, y: Double, width: Double, alignment: PangoAlignment = PANGO_ALIGN_LEFT, indent: Double = 0) -> Double {
        withLayout(content, family: family, size: size, bold: bold, width: width, alignment: alignment, indent: indent) { layout in
            cairo_move_to(context, x, y)
            pango_cairo_show_layout(context, layout)
        }
    }

    /// The height `content` would take.
    func measure(_ content: String, size: Double, width: Double, bold: Bool = false, indent: Double = 0) -> Double {
        withLayout(content, family: nil, size: size, bold: bold, width: width, alignment: PANGO_ALIGN_LEFT, indent: indent) { _ in }
    }

    private func withLayout(_ content: String, family: String?, size: Double, bold: Bool, width: Double, alignment: PangoAlignment, indent: Double, _ body: (OpaquePointer) -> Void) -> Double {
        guard let layout = pango_cairo_create_layout(context) else { return 0 }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let description = pango_font_description_new()
        defer { pango_font_description_free(description) }
        pango_font_description_set_family(description, family ?? style.sansFamily)
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(description, size * CertificateRenderer.pangoScale)
        pango_layout_set_font_description(layout, description)
        pango_layout_set_width(layout, Int32(width * CertificateRenderer.pangoScale))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, alignment)
        pango_layout_set_indent(layout, Int32(indent * CertificateRenderer.pangoScale))
        pango_layout_set_text(layout, content, -1)
        body(layout)
        var logicalWidth: Int32 = 0, logicalHeight: Int32 = 0
        pango_layout_get_pixel_size(layout, &logicalWidth, &logicalHeight)
        return Double(logicalHeight)
    }
}
