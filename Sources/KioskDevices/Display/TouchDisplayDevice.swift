import KioskCore
import KioskTransport
import Logging
import Synchronization

/// The touch display as the device runtime manages it: touchscreens from udev, connectors (with EDID) and
/// backlights from sysfs, one `ProbeReport`. Nothing to recover from software.
///
/// When the registry binds it to the panel's evdev node (`match: {udev: {ID_INPUT_TOUCHSCREEN: "1"}}`), it reads
/// that node without grabbing it (Chromium still gets every touch) and keeps only when contacts began, for the
/// `TouchSuspicion` heuristic; `sessionEnded(expired:)` tells it how citizens' sessions end. Unplugged, the
/// registry marks it `noDevice` and the hub stops it; plugged in again, a fresh one starts.
public final class TouchDisplayDevice: ManagedDevice {
    public let id: String
    public let settings: TouchDisplaySettings
    public let sysfs: DisplaySysfs
    /// The evdev node the registry bound, if any.
    public let endpoint: DeviceEndpoint?
    private let touchscreens: @Sendable () throws -> [SystemDevice]
    private let now: @Sendable () -> ContinuousClock.Instant
    private let logger: Logger
    private let tracking: Mutex<Watch>

    /// What the evdev watch knows.
    struct Watch {
        var suspicion: TouchSuspicion
        var node: String?
        var problem: String? = "not started"
        var task: Task<Void, Never>?
    }

    /// `touchscreens` lists the touch panels (udev by default; tests pass their own); `now` is the clock of the
    /// suspicion heuristic.
    public init(
        id: String, settings: TouchDisplaySettings = TouchDisplaySettings(), endpoint: DeviceEndpoint? = nil,
        sysfs: DisplaySysfs = DisplaySysfs(), touchscreens: (@Sendable () throws -> [SystemDevice])? = nil,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        logger: Logger = Logger(label: "kioskd.touch-display")
    ) {
        self.id = id
        self.settings = settings
        self.endpoint = endpoint
        self.sysfs = sysfs
        self.touchscreens = touchscreens ?? { try Udev().enumerate(subsystems: ["input"], properties: ["ID_INPUT_TOUCHSCREEN": "1"]) }
        self.now = now
        self.logger = logger
        tracking = Mutex(Watch(suspicion: TouchSuspicion(
            quietPeriod: settings.idleTouchSuspicion, untouchedSessions: settings.untouchedSessions, since: now())))
    }

    /// Starts reading the bound evdev node (not grabbed); without one, touches are not watched and the panel is never
    /// suspected.
    public func start() async {
        guard case .input(let path)? = endpoint else {
            tracking.withLock { $0.problem = "no evdev node bound (match the panel with udev ID_INPUT_TOUCHSCREEN=1)" }
            return
        }
        do {
            watch(try QREvdevDevice.open(path))
        } catch {
            tracking.withLock { $0.problem = "\(error)" }
            logger.warning("touch panel not watched", metadata: ["node": "\(path)", "error": "\(error)"])
        }
    }

    /// Reads contacts from `device` from now on (tests adopt one end of a socket pair).
    public func watch(_ device: QREvdevDevice) {
        let events = device.events()
        let path = device.path
        let task = Task { [weak self] in
            do {
                for try await batch in events {
                    let contacts = TouchContact.began(in: batch)
                    if contacts > 0 { self?.touched(contacts) }
                }
                self?.watchEnded(path, problem: "the reading stopped")
            } catch {
                self?.watchEnded(path, problem: "\(error)")
            }
        }
        tracking.withLock { state in
            state.task?.cancel()
            state.task = task
            state.node = path
            state.problem = nil
        }
    }

    public func stop() async {
        let task = tracking.withLock { state in
            defer { state.task = nil; state.node = nil; state.problem = "stopped" }
            return state.task
        }
        task?.cancel()
    }

    /// A citizen's session ended (`expired`: by the idle timeout); feeds the suspicion heuristic.
    public func sessionEnded(expired: Bool) {
        tracking.withLock { $0.suspicion.sessionEnded(expired: expired) }
    }

    /// Contacts seen so far on the watched node.
    public var touches: Int { tracking.withLock { $0.suspicion.touches } }

    /// Sets the backlight's brightness (`backlight` by name, else the first one) where the profile allows it.
    public func setBrightness(_ value: Int, backlight: String? = nil) throws(DisplayError) {
        guard settings.backlightWritable else { throw .backlightNotWritable(profile: settings.profile) }
        guard let name = backlight ?? sysfs.backlights().first?.name else { throw .backlightNotFound(name: nil) }
        try sysfs.setBrightness(value, of: name)
        logger.info("backlight set", metadata: ["backlight": "\(name)", "brightness": "\(value)"])
    }

    public var recoverySteps: [RecoveryStep] { [] }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        RecoveryAttempt(step: step, succeeded: false, detail: "a touch display has no software recovery step — a technician checks cables and power")
    }

    public func probe(level: ProbeLevel) async -> ProbeReport {
        let devices: [SystemDevice]
        do {
            devices = try touchscreens()
        } catch {
            return ProbeReport(deviceID: id, state: .offline, fault: .deviceDriverError, detail: "udev could not list input devices: \(error)")
        }
        // One panel has several nodes (inputN, eventN, mouseN): count the event nodes, else the devices.
        let events = devices.filter { $0.sysname.hasPrefix("event") }
        let names = (events.isEmpty ? devices : events).map(\.sysname).sorted()
        return TouchDisplayStatus(touchscreens: names, connectors: sysfs.connectors(), backlights: sysfs.backlights(), activity: activity())
            .report(deviceID: id)
    }

    /// The watch as the report shows it.
    func activity() -> TouchDisplayStatus.Activity {
        let instant = now()
        return tracking.withLock { state in
            let suspicion = state.suspicion
            return TouchDisplayStatus.Activity(
                node: state.node, problem: state.problem, touches: suspicion.touches,
                quietSeconds: Int(suspicion.quiet(at: instant).components.seconds),
                untouchedExpiries: suspicion.untouchedExpiries,
                suspect: state.node != nil && suspicion.isSuspect(at: instant),
                quietPeriodSeconds: Int(suspicion.quietPeriod.components.seconds))
        }
    }

    private func touched(_ contacts: Int) {
        let instant = now()
        tracking.withLock { state in
            for _ in 0..<contacts { state.suspicion.touched(at: instant) }
        }
    }

    private func watchEnded(_ path: String, problem: String) {
        tracking.withLock { state in
            guard state.node == path else { return }
            state.node = nil
            state.problem = problem
        }
    }
}
