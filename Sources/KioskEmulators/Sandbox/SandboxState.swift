import KioskCore

/// The sandbox's mutable state: faults, payments, submissions and per-path call counts (never request bodies).
public actor SandboxState {
    /// How long a created payment waits before it becomes `paid` by itself; nil: only through `pay(_:)`.
    public let paymentDelay: Duration?
    /// How long a payment stays `waiting` before it expires.
    public let paymentLifetime: Duration

    private var faults: [Department: SandboxFault] = [:]
    private var counts: [String: Int] = [:]
    private var payments: [String: SandboxPayment] = [:]
    private var submitted: Set<String> = []
    private var sequence = 0

    public init(paymentDelay: Duration? = .seconds(5), paymentLifetime: Duration = .seconds(300)) {
        self.paymentDelay = paymentDelay
        self.paymentLifetime = paymentLifetime
    }

    // MARK: Faults

    /// Makes `department` misbehave until cleared (or for `fault.remaining` calls).
    public func setFault(_ fault: SandboxFault, for department: Department) {
        faults[department] = fault
    }

    /// Lets `department` answer normally again.
    public func clearFault(for department: Department) {
        faults[department] = nil
    }

    /// The fault currently set for `department`, without using it up.
    public func fault(for department: Department) -> SandboxFault? {
        faults[department]
    }

    /// The fault for this call of `department`, counting it against the fault's `remaining`.
    func takeFault(for department: Department) -> SandboxFault? {
        guard var fault = faults[department] else { return nil }
        if let remaining = fault.remaining {
            fault.remaining = remaining - 1
            faults[department] = remaining <= 1 ? nil : fault
        }
        return fault
    }

    // MARK: Counts

    /// Notes a call to `path` (e.g. `hrss/enrollment/query`).
    func record(_ path: String) {
        counts[path, default: 0] += 1
    }

    /// Calls received on `path` (e.g. `hrss/enrollment/query`).
    public func requestCount(_ path: String) -> Int {
        counts[path] ?? 0
    }

    /// Calls received per path.
    public func requestCounts() -> [String: Int] {
        counts
    }

    // MARK: Submissions and payments

    /// A new case number such as `HRSS2026120100001`.
    func nextNumber(prefix: String) -> String {
        sequence += 1
        let digits = String(sequence)
        return prefix + SandboxClock.compactDate() + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Records a one-time submission under `key`; false when it was already made.
    func submitOnce(_ key: String) -> Bool {
        submitted.insert(key).inserted
    }

    /// Whether a one-time submission under `key` was made.
    func wasSubmitted(_ key: String) -> Bool {
        submitted.contains(key)
    }

    /// Whether a payment made for `purpose` (e.g. `mi/resident-payment/ouyang`) is paid.
    func hasPaid(_ purpose: String) -> Bool {
        payments.keys.contains { id in payment(id).map { $0.purpose == purpose && $0.status == .paid } ?? false }
    }

    /// Whether a payment made for `purpose` is still waiting.
    func isWaiting(_ purpose: String) -> Bool {
        payments.keys.contains { id in payment(id).map { $0.purpose == purpose && $0.status == .waiting } ?? false }
    }

    /// Creates a waiting payment of `amount` for `purpose` and returns it.
    func createPayment(prefix: String, amount: String, purpose: String) -> SandboxPayment {
        sequence += 1
        let digits = String(sequence)
        let id = "\(prefix)-P-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        let lifetime = paymentLifetime.components
        let payment = SandboxPayment(
            id: id, purpose: purpose, amount: amount, createdAt: .now,
            expiresAtText: SandboxClock.timestamp(after: Double(lifetime.seconds)), status: .waiting
        )
        payments[id] = payment
        return payment
    }

    /// The payment `id` as it stands now (settled or expired by elapsed time), nil when unknown.
    public func payment(_ id: String) -> SandboxPayment? {
        guard var payment = payments[id] else { return nil }
        if payment.status == .waiting {
            let elapsed = ContinuousClock.now - payment.createdAt
            if let paymentDelay, paymentDelay < paymentLifetime, elapsed >= paymentDelay {
                settle(&payment)
            } else if elapsed >= paymentLifetime {
                payment.status = .expired
            }
            payments[id] = payment
        }
        return payment
    }

    /// Marks a waiting payment paid now; false when unknown or no longer waiting.
    @discardableResult
    public func pay(_ id: String) -> Bool {
        guard var payment = payments[id], payment.status == .waiting else { return false }
        settle(&payment)
        payments[id] = payment
        return true
    }

    /// Marks a waiting payment expired now; false when unknown or no longer waiting.
    @discardableResult
    public func expire(_ id: String) -> Bool {
        guard var payment = payments[id], payment.status == .waiting else { return false }
        payment.status = .expired
        payments[id] = payment
        return true
    }

    /// Ids of every payment created, oldest first.
    public func paymentIDs() -> [String] {
        payments.values.sorted { $0.createdAt < $1.createdAt }.map(\.id)
    }

    /// Clears faults, payments, submissions and counts.
    public func reset() {
        faults = [:]
        counts = [:]
        payments = [:]
        submitted = []
    }

    private func settle(_ payment: inout SandboxPayment) {
        payment.status = .paid
        payment.paidAtText = SandboxClock.timestamp()
        sequence += 1
        payment.receiptNumber = "R" + SandboxClock.compactDate() + String(100_000 + sequence)
    }
}
