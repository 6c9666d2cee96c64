/// The words every filter's description starts with — `period 2026-11`, `from …`, `to …`,
/// `team 一组`, `agent A1`, in that order — shared by the report, evaluation and call filters
/// (``Messages/scope(_:)`` reads the same words in Chinese).
enum ScopeParts {
  static func leading(period: String?, from: String?, to: String?, team: String?, agent: String?) -> [String] {
    var parts: [String] = []
    if let period { parts.append("period \(period)") }
    if let from { parts.append("from \(from)") }
    if let to { parts.append("to \(to)") }
    if let team { parts.append("team \(team)") }
    if let agent { parts.append("agent \(agent)") }
    return parts
  }
}
