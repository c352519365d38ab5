import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run once as a child process, in a process group of its own, with its output captured
/// in files. umockdev works by LD_PRELOAD, so the code under test runs in such a child (under
/// `umockdev-run` or a testbed script under `umockdev-wrapper`), never in the test runner.
///
/// After `timeout` the whole group is killed (the wrapper and the probe it started), so a replay
/// that hangs fails its test instead of blocking the suite. Leftovers in the group are killed even
/// when the child exits in time.
struct ChildProcess {
    /// How a child ended and what it printed.
    struct Result: CustomStringConvertible {
        /// The exit code, or 128 + the signal number when a signal ended it.
        var status: Int32
        var stdout: String
        var stderr: String

        /// The non-empty lines of standard output.
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }

        var description: String { "exit status \(status)\n--- stdout:\n\(stdout)--- stderr:\n\(stderr)" }
    }

    /// Why a child could not be run to its end.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` with `arguments` (the environment is the runner's plus `environment`) and
    /// waits at most `timeout` for it to exit.
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: Duration = .seconds(20)
    ) async throws -> Result {
        let output = try CapturedOutput()
        defer { output.remove() }
        let pid = try spawn(executable, arguments, environment: environment, output: output)
        let command = ([executable] + arguments).joined(separator: " ")
        let deadline = ContinuousClock.now + timeout
        while !hasExited(pid) {
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                _ = reap(pid)
                throw Failure(description: "`\(command)` did not exit within \(timeout) and was killed\n--- stdout:\n\(output.stdout)--- stderr:\n\(output.stderr)")
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        kill(-pid, SIGKILL)  // the group's stragglers, if any; the exited leader keeps its id until reaped
        let status = reap(pid)
        return Result(status: status, stdout: output.stdout, stderr: output.stderr)
    }

    private static func spawn(_ executable: String, _ arguments: [String], environment: [String: String], output: CapturedOutput) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.stdoutDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, output.stderrDescriptor, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Whether the child has exited, without reaping it (so its id cannot be reused yet).
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else {
            return errno != EINTR  // ECHILD: nothing left to wait for
        }
        return info._sifields._sigchld.si_pid == pid
    }

    /// Reaps the child and decodes its wait status.
    private static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

/// Two temporary files that take a child's standard output and error.
private final class CapturedOutput {
    let stdoutPath: String
    let stderrPath: String
    let stdoutDescriptor: Int32
    let stderrDescriptor: Int32

    init() throws {
        (stdoutPath, stdoutDescriptor) = try Self.makeFile("out")
        (stderrPath, stderrDescriptor) = try Self.makeFile("err")
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func remove() {
        close(stdoutDescriptor)
        close(stderrDescriptor)
        unlink(stdoutPath)
        unlink(stderrPath)
    }

    private static func makeFile(_ suffix: String) throws -> (String, Int32) {
        var template = Array("\(NSTemporaryDirectory())/kiosk-child-XXXXXX.\(suffix)".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count + 1)) }
        guard descriptor >= 0 else {
            throw ChildProcess.Failure(description: "cannot create a temporary file for a child's output: \(String(cString: strerror(errno)))")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (path, descriptor)
    }
}
