import Foundation

extension Scorecard {
  /// The canonical JSON of the definition: sorted keys, no insignificant whitespace.
  ///
  /// Comments, key order and YAML formatting do not change it; any change of meaning does.
  /// A definition that cannot be encoded (a non-finite number) is an error, so no two
  /// broken definitions ever share the fingerprint of empty data.
  public func canonicalJSON() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return try encoder.encode(self)
    } catch {
      throw CallQAError(.errScorecardCannotWrite, reference, MessageArgument.describing(error))
    }
  }

  /// SHA-256 of ``canonicalJSON()``, lowercase hex: two definitions are the same iff it matches.
  public var fingerprint: String {
    get throws { SHA256.hex(try canonicalJSON()) }
  }

  /// Decodes a definition stored as canonical JSON.
  public static func fromCanonicalJSON(_ data: Data) throws -> Scorecard {
    try JSONDecoder().decode(Scorecard.self, from: data)
  }
}
