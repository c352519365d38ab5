import Foundation

/// The benchmark report's table: a padded name column, a value, its unit and what it measures.
enum BenchTable {
    /// Width of the name column.
    static let nameWidth = 14

    /// `name` padded to the first column (Foundation on Linux ignores the width of `%-14@`).
    static func column(_ name: String) -> String {
        name.padding(toLength: max(nameWidth, name.count), withPad: " ", startingAt: 0)
    }

    /// Prints one row: `name  value unit  what`.
    static func row(_ name: String, _ value: Double, decimals: Int, _ unit: String, _ what: String) {
        Swift.print(column(name) + String(format: " %10.\(decimals)f %@  %@", value, unit as NSString, what as NSString))
    }
}
