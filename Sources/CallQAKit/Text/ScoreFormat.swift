import Foundation

/// Number formatting shared by every output: one decimal for scores, no trailing `.0` for points.
public enum ScoreFormat {
  /// A score shown to one decimal place, e.g. `87.5`; `—` for nil.
  public static func score(_ value: Double?) -> String {
    guard let value else { return "—" }
    return String(format: "%.1f", value)
  }

  /// A number without a needless fraction: `10`, `2.5`.
  public static func plain(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }

  /// A percentage to one decimal place: `0.853` → `85.3%`.
  public static func percent(_ fraction: Double?) -> String {
    guard let fraction else { return "—" }
    return String(format: "%.1f%%", fraction * 100)
  }
}
