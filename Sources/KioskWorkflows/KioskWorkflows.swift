/// Service workflows: the workflow-file format, step library, session engine and department connectors.
///
/// The layer is laid out in ../shared/DESIGN.md; its contents arrive with the issues that build on the foundation.
public enum KioskWorkflows {
    /// The layer's name, as used in log labels.
    public static let name = "KioskWorkflows"
}
