import KioskCore

/// Every known fault code with its severity, who acts, its texts and remedy; unknown codes get a generic entry.
public struct FaultCatalogue: Sendable {
    public private(set) var definitions: [FaultCode: FaultDefinition]

    public init(_ definitions: [FaultDefinition] = FaultCatalogue.builtIn) {
        self.definitions = Dictionary(definitions.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The definition of `code`; a code no catalogue entry knows is a critical engineer's fault.
    public func definition(for code: FaultCode) -> FaultDefinition {
        if let known = definitions[code] { return known }
        return FaultDefinition(
            code, .critical, .maintenance,
            en: "fault \(code.rawValue)", zh: "故障 \(code.rawValue)",
            remedyEN: "check the device; see the fault history with `kioskctl faults`",
            remedyZH: "检查设备；用 `kioskctl faults` 查看故障记录", recoverable: true
        )
    }

    /// Adds or replaces entries (a driver family bringing its own codes).
    public mutating func add(_ definition: FaultDefinition) {
        definitions[definition.code] = definition
    }

    /// The catalogue shipped with kioskd, one entry per code in `FaultCode`.
    public static let builtIn: [FaultDefinition] = [
        .init(.deviceMissing, .critical, .maintenance, en: "device missing", zh: "设备未连接",
              remedyEN: "check the cable and power, then replug the device", remedyZH: "检查线缆和电源，重新插拔设备", recoverable: true),
        .init(.deviceNotAnswering, .critical, .maintenance, en: "device not answering", zh: "设备无响应",
              remedyEN: "power-cycle the device; call the engineer if it stays silent", remedyZH: "重启设备电源；仍无响应请联系工程师", recoverable: true),
        .init(.deviceDriverError, .critical, .software, en: "driver error", zh: "驱动程序错误",
              remedyEN: "restart kioskd (systemctl restart kioskd) and report the log", remedyZH: "重启 kioskd 并上报日志", recoverable: true),

        .init(.printerPaperOut, .critical, .clear, en: "receipt paper out", zh: "小票打印纸用完",
              remedyEN: "replace the 80 mm roll", remedyZH: "更换 80 毫米热敏纸卷"),
        .init(.printerPaperNearEnd, .warning, .clear, en: "receipt paper low", zh: "小票打印纸将尽",
              remedyEN: "replace the 80 mm roll at the next visit", remedyZH: "下次巡检时更换 80 毫米纸卷"),
        .init(.printerPaperLow, .warning, .clear, en: "paper low, about {receipts_left} receipts left", zh: "小票纸不足，约剩 {receipts_left} 张",
              remedyEN: "replace the roll", remedyZH: "请更换纸卷"),
        .init(.printerCoverOpen, .critical, .clear, en: "receipt printer cover open", zh: "小票打印机盖未合上",
              remedyEN: "close the printer cover", remedyZH: "合上打印机盖"),
        .init(.printerCutterError, .critical, .maintenance, en: "receipt cutter jammed", zh: "小票切刀故障",
              remedyEN: "clear the cutter; call the engineer if it jams again", remedyZH: "清理切刀；再次卡住请联系工程师", recoverable: true),
        .init(.printerUnrecoverable, .critical, .maintenance, en: "receipt printer hardware fault", zh: "小票打印机硬件故障",
              remedyEN: "replace the printer", remedyZH: "更换打印机", recoverable: true),
        .init(.printerOffline, .critical, .maintenance, en: "receipt printer offline", zh: "小票打印机离线",
              remedyEN: "check power and cable of the receipt printer", remedyZH: "检查小票打印机电源和线缆", recoverable: true),

        .init(.idCardSAMFailure, .critical, .maintenance, en: "ID-card reader security module failed", zh: "身份证阅读器安全模块故障",
              remedyEN: "call the engineer to check the reader's SAM", remedyZH: "联系工程师检查阅读器安全模块", recoverable: true),

        .init(.pcscServiceDown, .critical, .software, en: "smart-card service (pcscd) down", zh: "智能卡服务 (pcscd) 未运行",
              remedyEN: "restart pcscd (systemctl restart pcscd)", remedyZH: "重启 pcscd 服务", recoverable: true),
        .init(.pcscReaderMissing, .critical, .maintenance, en: "social-security card reader missing", zh: "社保卡读卡器未连接",
              remedyEN: "check the reader's USB cable", remedyZH: "检查读卡器 USB 线缆", recoverable: true),

        .init(.a4MediaEmpty, .critical, .clear, en: "A4 printer out of paper", zh: "A4 打印机缺纸",
              remedyEN: "load A4 paper", remedyZH: "装入 A4 纸"),
        .init(.a4MediaJam, .critical, .clear, en: "A4 paper jam", zh: "A4 打印机卡纸",
              remedyEN: "open the printer and remove the jammed sheet", remedyZH: "打开打印机取出卡纸"),
        .init(.a4CoverOpen, .critical, .clear, en: "A4 printer cover open", zh: "A4 打印机盖未合上",
              remedyEN: "close the printer cover", remedyZH: "合上打印机盖"),
        .init(.a4TonerLow, .warning, .clear, en: "A4 toner low", zh: "A4 打印机墨粉不足",
              remedyEN: "bring a toner cartridge at the next visit", remedyZH: "下次巡检时更换墨粉盒"),
        .init(.a4TonerEmpty, .critical, .clear, en: "A4 toner empty", zh: "A4 打印机墨粉用完",
              remedyEN: "replace the toner cartridge", remedyZH: "更换墨粉盒"),
        .init(.a4Offline, .critical, .maintenance, en: "A4 printer offline", zh: "A4 打印机离线",
              remedyEN: "check power and cable of the A4 printer", remedyZH: "检查 A4 打印机电源和线缆", recoverable: true),
        .init(.a4QueueStopped, .critical, .software, en: "A4 print queue stopped", zh: "A4 打印队列已停止",
              remedyEN: "re-enable the queue (cupsenable)", remedyZH: "重新启用打印队列 (cupsenable)", recoverable: true),
        .init(.a4NotAccepting, .critical, .software, en: "A4 print queue rejects jobs", zh: "A4 打印队列拒绝任务",
              remedyEN: "make the queue accept jobs (cupsaccept)", remedyZH: "让打印队列接受任务 (cupsaccept)", recoverable: true),

        .init(.displayTouchMissing, .critical, .maintenance, en: "touch screen not detected", zh: "触摸屏未检测到",
              remedyEN: "check the touch controller's USB cable", remedyZH: "检查触摸控制器 USB 线缆", recoverable: true),
        .init(.displayDisconnected, .critical, .maintenance, en: "display disconnected", zh: "显示屏未连接",
              remedyEN: "check the display cable and power", remedyZH: "检查显示屏线缆和电源"),
        .init(.displayBacklightOff, .warning, .maintenance, en: "display backlight off", zh: "显示屏背光关闭",
              remedyEN: "check the backlight setting and the panel", remedyZH: "检查背光设置和面板"),
        .init(.displayTouchUnresponsive, .warning, .maintenance, en: "touch panel may be unresponsive", zh: "触摸屏可能无响应",
              remedyEN: "touch the screen to check it; if it does not react, reseat the touch panel's USB cable or call the engineer",
              remedyZH: "触摸屏幕检查；若无反应，重新插拔触摸屏 USB 线或联系工程师"),

        .init(.kioskDiskLow, .warning, .software, en: "state disk nearly full", zh: "状态磁盘空间不足",
              remedyEN: "free space in the state folder or enlarge the disk", remedyZH: "清理状态目录或扩容磁盘"),
        .init(.kioskClockUnsynchronised, .warning, .configuration, en: "clock not synchronised", zh: "系统时钟未同步",
              remedyEN: "check NTP (timedatectl timesync-status) and the network", remedyZH: "检查 NTP 时间同步和网络"),
        .init(.kioskBackendUnreachable, .critical, .configuration, en: "department backend unreachable", zh: "部门业务系统无法访问",
              remedyEN: "check the network, the backend URL and its certificate", remedyZH: "检查网络、业务系统地址和证书"),
        .init(.kioskBrowserDown, .critical, .software, en: "touch UI browser not running", zh: "触摸界面浏览器未运行",
              remedyEN: "restart kiosk-browser.service", remedyZH: "重启 kiosk-browser 服务"),
    ]
}
