import CallQAKit

/// Compact before/after cells of `callqa audit`: when both sides are objects only the fields that
/// changed are shown (answers stored as nested JSON are compared item by item); fields that are
/// null (a submission's links that do not apply) are left out.
enum AuditView {
  static func cells(before: JSONValue?, after: JSONValue?) throws -> (String, String) {
    guard case .object(let old)? = before, case .object(let new)? = after else {
      return (try before.map(pairs) ?? "", try after.map(pairs) ?? "")
    }
    var removed: [String] = []
    var added: [String] = []
    diff(try flatten(old), try flatten(new), removed: &removed, added: &added)
    return (removed.joined(separator: " "), added.joined(separator: " "))
  }

  /// `key=value` pairs, with JSON objects held in strings (the answers) opened as `key.item=value`.
  static func flatten(_ object: [String: JSONValue], prefix: String = "") throws -> [String: String] {
    var result: [String: String] = [:]
    for (key, value) in object {
      let name = prefix + key
      if value == .null { continue }
      if case .string(let string) = value, string.hasPrefix("{"), case .object(let inner) = JSONValue(parsing: string) {
        result.merge(try flatten(inner, prefix: name + "."), uniquingKeysWith: { $1 })
      } else if case .object(let inner) = value {
        result.merge(try flatten(inner, prefix: name + "."), uniquingKeysWith: { $1 })
      } else {
        result[name] = try text(value)
      }
    }
    return result
  }

  static func diff(_ old: [String: String], _ new: [String: String], removed: inout [String], added: inout [String]) {
    for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
      if let value = old[key] { removed.append("\(key)=\(value)") }
      if let value = new[key] { added.append("\(key)=\(value)") }
    }
  }

  /// An object as `key=value` pairs; anything else as text.
  static func pairs(_ value: JSONValue) throws -> String {
    guard case .object(let object) = value else { return try text(value) }
    let flat = try flatten(object)
    return flat.keys.sorted().map { "\($0)=\(flat[$0] ?? "")" }.joined(separator: " ")
  }

  static func text(_ value: JSONValue) throws -> String {
    switch value {
    case .string(let string): return string
    case .number(let number): return ScoreFormat.plain(number)
    case .bool(let bool): return String(bool)
    case .null: return "null"
    default: return try JSONText.encode(value)
    }
  }
}
