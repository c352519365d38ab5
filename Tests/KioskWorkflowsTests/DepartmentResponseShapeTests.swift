import KioskCore
import KioskWorkflows
import Testing

/// Response shapes, error texts and the retry backoff, without a network.
@Suite("Department response shapes, errors and backoff")
struct DepartmentResponseShapeTests {
    static let shape: ResponseShape = ["name": .string, "totals.months": .number, "loans": .array, "certificate.title": .object]

    static let cases: [(JSONValue, ResponseShape.Violation?)] = [
        (["name": "张测试", "totals": ["months": 3], "loans": [], "certificate": ["title": ["zh-CN": "证明"]]], nil),
        (["totals": ["months": 3], "loans": []], .init(path: "name", expected: .string, found: nil)),
        (["name": nil, "totals": ["months": 3]], .init(path: "name", expected: .string, found: nil)),
        (["name": "张测试", "totals": ["months": "3"], "loans": []], .init(path: "totals.months", expected: .number, found: "string")),
        (["name": "张测试", "totals": 3, "loans": []], .init(path: "totals.months", expected: .number, found: nil)),
        (["name": "张测试", "totals": ["months": 3], "loans": ["x": 1]], .init(path: "loans", expected: .array, found: "object")),
        (["name": "张测试", "totals": ["months": 3], "loans": [], "certificate": ["title": "证明"]],
         .init(path: "certificate.title", expected: .object, found: "string")),
        ([1, 2], .init(path: "", expected: .object, found: "array")),
    ]

    @Test("finds the first missing or mistyped field", arguments: 0..<cases.count)
    func violations(index: Int) {
        let (value, expected) = Self.cases[index]
        #expect(Self.shape.violation(in: value) == expected)
    }

    @Test("a violation reads as a maintainer's sentence")
    func violationText() {
        #expect(ResponseShape.Violation(path: "balance", expected: .string, found: nil).description == "missing field `balance` (string)")
        #expect(ResponseShape.Violation(path: "year", expected: .number, found: "string").description == "field `year` is string, expected number")
    }

    @Test("backoff ceilings double from the base up to the cap; each delay lies under its ceiling")
    func backoff() {
        let backoff = RetryBackoff(base: .milliseconds(100), cap: .milliseconds(700))
        #expect((0..<5).map { backoff.ceiling(beforeRetry: $0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(700), .milliseconds(700),
        ])
        var delays: Set<Duration> = []
        for retry in 0..<4 {
            for _ in 0..<50 {
                let delay = backoff.delay(beforeRetry: retry)
                #expect(delay >= .zero && delay <= backoff.ceiling(beforeRetry: retry))
                delays.insert(delay)
            }
        }
        #expect(delays.count > 10, "full jitter spreads the waits")
    }

    @Test("a refusal shows the department's message; a server fault shows a generic one; neither is in the description")
    func messages() {
        let problem = DepartmentProblem(code: "NOT_ELIGIBLE", message: ["zh-CN": "您已退休", "en": "You are retired"])
        let refusal = DepartmentError.status(.hrss, operation: "unemployment-benefit.submit", status: 422, problem: problem)
        #expect(refusal.localizedMessage == ["zh-CN": "您已退休", "en": "You are retired"])
        #expect(refusal.citizenMessage == refusal.localizedMessage)
        #expect(!refusal.isRetryable)
        #expect(refusal.description == "hrss unemployment-benefit.submit: HTTP 422 NOT_ELIGIBLE")
        let fault = DepartmentError.status(.nr, operation: "encumbrance.query", status: 503, problem: nil)
        #expect(fault.isRetryable)
        #expect(fault.localizedMessage["zh-CN"] == "不动产登记系统暂时无法访问，请稍后再试")
        #expect(fault.description == "nr encumbrance.query: HTTP 503 without a problem document")
        let chineseOnly = DepartmentProblem(json: ["code": "NO_RECORDS", "message": "没有记录"])
        #expect(DepartmentError.status(.mi, operation: "x", status: 404, problem: chineseOnly).localizedMessage["en"] == "没有记录")
    }
}
