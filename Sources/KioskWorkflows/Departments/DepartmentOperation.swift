import KioskCore

/// One operation of the connector contract (docs/departments.md): its kind and the response fields kioskd requires.
public struct DepartmentOperation: Sendable, Equatable {
    /// What the operation does, which decides whether it may be retried.
    public enum Kind: String, Sendable, Equatable {
        /// Reads data; retried on transient failures.
        case query
        /// Files something (a case); never retried.
        case submit
        /// Creates a payment; never retried.
        case pay

        /// Whether a failed call may be sent again.
        public var isIdempotent: Bool { self == .query }
    }

    /// The department.
    public var department: Department
    /// The operation name (`enrollment.query`).
    public var name: String
    /// Its kind.
    public var kind: Kind
    /// The fields its response must hold.
    public var shape: ResponseShape

    public init(_ department: Department, _ name: String, _ kind: Kind, _ shape: ResponseShape) {
        self.department = department
        self.name = name
        self.kind = kind
        self.shape = shape
    }

    /// The path of the operation below the department's base URL (`enrollment/query`).
    public var path: String { name.replacingOccurrences(of: ".", with: "/") }
}
