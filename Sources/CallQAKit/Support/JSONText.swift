import Foundation

/// Small helpers producing JSON text for audit rows and stable machine output.
public enum JSONText {
  /// A JSON object of string values, keys sorted.
  public static func object(_ values: [String: String]) -> String {
    encode(values)
  }

  /// Any `Encodable` as compact JSON with sorted keys ("{}" if it cannot be encoded).
  public static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Pretty JSON for people and scripts (sorted keys, Chinese left readable).
  public static func pretty<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
