import Dispatch

/// Runs blocking pcsc-lite calls on Dispatch threads, never on Swift's cooperative pool; on a card session's own
/// thread (`PCSCSessionExecutor`) they run inline, since blocking that thread is what it is for.
enum PCSCBlocking {
    static let queue = DispatchQueue(label: "kioskd.pcsc", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws(PCSCError) -> T) async throws(PCSCError) -> T {
        if PCSCSessionExecutor.shared.isCurrent { return try body() }
        let result: Result<T, PCSCError> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(PCSCError) { continuation.resume(returning: .success(try body())) } catch { continuation.resume(returning: .failure(error)) }
            }
        }
        return try result.get()
    }
}
