import CLibUdev
import Foundation
import KioskCore
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The thread behind `UdevMonitor`: waits in `poll()` on the udev netlink socket and on a wake-up
/// pipe, turns each udev device into a `SystemDeviceEvent`, and releases everything when woken.
///
/// The libudev objects are confined: `init` creates them, then only the reading thread touches
/// them, and it frees them as it ends. `stop()` may come from any thread; it only writes a byte to
/// the wake-up pipe, under the lock that the thread takes to close that pipe.
final class UdevMonitorReader: @unchecked Sendable {
    private let udev: OpaquePointer
    private let monitor: OpaquePointer
    /// The netlink socket, owned by `monitor`.
    private let monitorDescriptor: Int32
    private let wakeReadDescriptor: Int32
    /// The pipe's write end, nil once the thread has closed it.
    private let wakeWriteDescriptor: Mutex<Int32?>
    private let logger: Logger
    private let subsystems: [String]

    /// The descriptors the reader holds until it ends: the netlink socket and both ends of the pipe.
    var descriptors: [Int32] {
        [monitorDescriptor, wakeReadDescriptor] + (wakeWriteDescriptor.withLock { $0 }.map { [$0] } ?? [])
    }

    init(subsystems: [String], logger: Logger) throws(UdevError) {
        guard let udev = udev_new() else { throw .contextUnavailable(errno: errno) }
        guard let monitor = udev_monitor_new_from_netlink(udev, "udev") else {
            let error = errno
            udev_unref(udev)
            throw .monitorUnavailable(step: "udev_monitor_new_from_netlink", errno: error)
        }
        func fail(_ step: String, _ error: Int32) -> UdevError {
            udev_monitor_unref(monitor)
            udev_unref(udev)
            return .monitorUnavailable(step: step, errno: error)
        }
        for subsystem in subsystems {
            let result = udev_monitor_filter_add_match_subsystem_devtype(monitor, subsystem, nil)
            guard result >= 0 else { throw fail("udev_monitor_filter_add_match_subsystem_devtype(\(subsystem))", -result) }
        }
        let result = udev_monitor_enable_receiving(monitor)
        guard result >= 0 else { throw fail("udev_monitor_enable_receiving", -result) }
        var pipeDescriptors: [Int32] = [-1, -1]
        guard pipe(&pipeDescriptors) == 0 else { throw fail("pipe", errno) }
        for descriptor in pipeDescriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
        }

        self.udev = udev
        self.monitor = monitor
        self.monitorDescriptor = udev_monitor_get_fd(monitor)
        self.wakeReadDescriptor = pipeDescriptors[0]
        self.wakeWriteDescriptor = Mutex(pipeDescriptors[1])
        self.logger = logger
        self.subsystems = subsystems
    }

    /// Starts the reading thread, which owns the libudev objects from now on.
    func start(yieldingTo continuation: AsyncThrowingStream<SystemDeviceEvent, any Error>.Continuation) {
        let thread = Thread { [self] in
            let failure = self.receive(into: continuation)
            self.release()
            continuation.finish(throwing: failure)
        }
        thread.name = "kioskd-udev-monitor"
        thread.start()
        logger.debug("udev monitor started", metadata: ["subsystems": "\(subsystems)"])
    }

    /// Wakes the thread so that it releases everything and ends the events.
    func stop() {
        wakeWriteDescriptor.withLock { descriptor in
            guard let descriptor else { return }
            var byte: UInt8 = 1
            _ = write(descriptor, &byte, 1)  // a full pipe already holds a wake-up
        }
    }

    /// Waits for events until woken (nil) or until waiting fails (the error).
    private func receive(into continuation: AsyncThrowingStream<SystemDeviceEvent, any Error>.Continuation) -> UdevError? {
        var polled = [
            pollfd(fd: monitorDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReadDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            guard poll(&polled, nfds_t(polled.count), -1) >= 0 else {
                if errno == EINTR { continue }
                return .monitorFailed(errno: errno)
            }
            if polled[1].revents != 0 { return nil }
            let received = polled[0].revents
            if received & Int16(POLLIN) == 0, received != 0 {
                return .monitorFailed(errno: EIO)  // POLLERR, POLLHUP or POLLNVAL without data: the socket is broken
            }
            while let device = udev_monitor_receive_device(monitor) {
                defer { udev_device_unref(device) }
                guard let event = Self.event(from: device) else { continue }
                if case .terminated = continuation.yield(event) { return nil }
            }
            // libudev returns nil with EAGAIN once the socket is drained (filtered messages are skipped).
            if errno == ENOBUFS { return .eventsLost }
        }
    }

    private static func event(from device: OpaquePointer) -> SystemDeviceEvent? {
        guard let actionName = udev_device_get_action(device).map(String.init(cString:)),
            let action = SystemDeviceEvent.Action(rawValue: actionName),
            let value = SystemDevice(udevDevice: device, readAttributes: action != .remove)
        else { return nil }
        return SystemDeviceEvent(action: action, device: value)
    }

    /// Closes the pipe (under the lock `stop()` takes) and frees the libudev objects: on the thread, once.
    private func release() {
        wakeWriteDescriptor.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
        close(wakeReadDescriptor)
        udev_monitor_unref(monitor)  // closes the netlink socket
        udev_unref(udev)
        logger.debug("udev monitor stopped", metadata: ["subsystems": "\(subsystems)"])
    }
}
