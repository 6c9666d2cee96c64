import Foundation

/// Small helpers producing JSON text for audit rows and stable machine output.
public enum JSONText {
  /// A JSON object of string values, keys sorted.
  public static func object(_ values: [String: String]) throws -> String {
    try encode(values)
  }

  /// Any `Encodable` as compact JSON with sorted keys. A value that cannot be encoded (a
  /// non-finite number) is an error, never a plausible "{}" in an audit row.
  public static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
      throw CallQAError(.errCannotWriteJson, String(describing: T.self), MessageArgument.describing(error))
    }
  }

  /// Pretty JSON for people and scripts (sorted keys, Chinese left readable).
  public static func pretty<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
