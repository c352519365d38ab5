import Foundation

/// One thread of its own on which a card session's work runs start to end (`SocialSecurityCardReader.readCard`):
/// with it as the task's executor preference, the reader's code and each blocking pcsc-lite call run here one after
/// the other, with no hop to a Dispatch thread and back per APDU (`PCSCBlocking.run` calls inline on this thread).
///
/// Blocking here is what the thread is for: it is never one of Swift's cooperative threads. Sessions run one at a
/// time, as the kiosk has one citizen at a time.
final class PCSCSessionExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = PCSCSessionExecutor()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var thread: pthread_t?

    private init() {
        let thread = Thread { [unowned self] in self.serve() }
        thread.name = "kioskd-pcsc-session"
        thread.start()
        condition.lock()
        while self.thread == nil { condition.wait() }
        condition.unlock()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// True on the executor's thread.
    var isCurrent: Bool {
        guard let thread else { return false }
        return pthread_equal(pthread_self(), thread) != 0
    }

    private func serve() {
        condition.lock()
        thread = pthread_self()
        condition.broadcast()
        condition.unlock()
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: executor)
        }
    }
}
