import Foundation
import KioskCore

/// What one probe result changed in a subject's fault state; nil from the tracker when nothing did.
public enum FaultTransition: Sendable, Equatable {
    /// A fault is confirmed (debounced or flapping) and must be recorded, recovered and alerted.
    case raise(FaultCode, at: Date, flapping: Bool)
    /// The raised fault is gone.
    case resolve(FaultCode, at: Date)
    /// Still failing, but with another code (paper near end → paper out): resolve the old, raise the new.
    case replace(old: FaultCode, new: FaultCode, at: Date)
}
