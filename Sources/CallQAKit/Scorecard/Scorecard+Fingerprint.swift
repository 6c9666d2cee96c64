import Foundation

extension Scorecard {
  /// The canonical JSON of the definition: sorted keys, no insignificant whitespace.
  ///
  /// Comments, key order and YAML formatting do not change it; any change of meaning does.
  public func canonicalJSON() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding plain value types cannot fail.
    return (try? encoder.encode(self)) ?? Data()
  }

  /// SHA-256 of ``canonicalJSON()``, lowercase hex: two definitions are the same iff it matches.
  public var fingerprint: String { SHA256.hex(canonicalJSON()) }

  /// Decodes a definition stored as canonical JSON.
  public static func fromCanonicalJSON(_ data: Data) throws -> Scorecard {
    try JSONDecoder().decode(Scorecard.self, from: data)
  }
}
