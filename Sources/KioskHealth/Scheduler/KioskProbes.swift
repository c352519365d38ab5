import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// The kiosk-level checks: free disk in the state folder, clock synchronised, department backends, the browser.
public enum KioskProbes {
    /// Free space in `directory`: a fault under `minimumFreeBytes` or under `minimumFreeFraction` of the disk.
    public static func disk(
        directory: String, minimumFreeBytes: UInt64 = 512 << 20, minimumFreeFraction: Double = 0.05,
        schedule: HealthSchedule = HealthSchedule(interval: .seconds(300), timeout: .seconds(2), failuresBeforeFault: 1)
    ) -> ProbeSubject {
        ProbeSubject(id: KioskCheckID.disk, schedule: schedule) { _ in
            var stats = statvfs()
            guard statvfs(directory, &stats) == 0 else {
                return ProbeReport(deviceID: KioskCheckID.disk, state: .offline, fault: .kioskDiskLow, detail: "cannot read free space of \(directory): errno \(errno)")
            }
            let free = UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
            let total = UInt64(stats.f_blocks) * UInt64(stats.f_frsize)
            let fraction = total == 0 ? 1 : Double(free) / Double(total)
            let facts = ["freeBytes": String(free), "totalBytes": String(total)]
            let detail = "\(free >> 20) MiB free of \(total >> 20) MiB in \(directory)"
            if free < minimumFreeBytes || fraction < minimumFreeFraction {
                return ProbeReport(deviceID: KioskCheckID.disk, state: .online, fault: .kioskDiskLow, detail: detail, facts: facts)
            }
            return ProbeReport(deviceID: KioskCheckID.disk, state: .online, detail: detail, facts: facts)
        }
    }

    /// Whether the clock is synchronised, as `timedatectl show -p NTPSynchronized` says; without systemd,
    /// the file systemd-timesyncd keeps (`/run/systemd/timesync/synchronized`).
    public static func clockSynchronised() -> (synchronised: Bool, detail: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timedatectl")
        process.arguments = ["show", "--property=NTPSynchronized", "--value"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        if (try? process.run()) != nil {
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let value = output.trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationStatus == 0, value == "yes" || value == "no" {
                return (value == "yes", "timedatectl: NTPSynchronized=\(value)")
            }
        }
        let marker = "/run/systemd/timesync/synchronized"
        if FileManager.default.fileExists(atPath: marker) { return (true, "\(marker) present") }
        return (false, "timedatectl gave no answer and \(marker) is absent; is NTP (systemd-timesyncd or chrony) running?")
    }

    /// The system clock's synchronisation; `reader` is injectable for tests.
    public static func clock(
        schedule: HealthSchedule = HealthSchedule(interval: .seconds(300), timeout: .seconds(2), failuresBeforeFault: 2),
        reader: @escaping @Sendable () -> (synchronised: Bool, detail: String) = KioskProbes.clockSynchronised
    ) -> ProbeSubject {
        ProbeSubject(id: KioskCheckID.clock, schedule: schedule) { _ in
            let (synchronised, detail) = reader()
            return ProbeReport(deviceID: KioskCheckID.clock, state: .online, fault: synchronised ? nil : .kioskClockUnsynchronised, detail: detail)
        }
    }

    /// A department backend; `check` returns nil when reachable, else why not (no personal data).
    public static func backend(
        _ department: Department,
        schedule: HealthSchedule = HealthSchedule(interval: .seconds(60), timeout: .seconds(10), failuresBeforeFault: 3),
        check: @escaping @Sendable (Department) async -> String?
    ) -> ProbeSubject {
        let id = KioskCheckID.backend(department)
        return ProbeSubject(id: id, schedule: schedule) { _ in
            if let problem = await check(department) {
                return ProbeReport(deviceID: id, state: .offline, fault: .kioskBackendUnreachable, detail: "\(department.rawValue) backend: \(problem)")
            }
            return ProbeReport(deviceID: id, state: .online, detail: "\(department.rawValue) backend reachable")
        }
    }

    /// The touch UI's browser; `alive` returns nil when running, else why not.
    public static func browser(
        schedule: HealthSchedule = HealthSchedule(interval: .seconds(30), timeout: .seconds(5), failuresBeforeFault: 2),
        alive: @escaping @Sendable () async -> String?
    ) -> ProbeSubject {
        ProbeSubject(id: KioskCheckID.browser, schedule: schedule) { _ in
            if let problem = await alive() {
                return ProbeReport(deviceID: KioskCheckID.browser, state: .offline, fault: .kioskBrowserDown, detail: problem)
            }
            return ProbeReport(deviceID: KioskCheckID.browser, state: .online, detail: "browser running")
        }
    }
}
