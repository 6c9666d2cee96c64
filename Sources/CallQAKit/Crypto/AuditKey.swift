import Foundation

/// The secret that seals the audit chain (HMAC-SHA256), read from a file kept outside the
/// database: someone who can write the database but not read this file cannot re-forge
/// the chain after rewriting history.
public struct AuditKey: Sendable {
  let bytes: [UInt8]

  /// The fewest bytes a key may have.
  public static let minimumLength = 16

  /// A key of these bytes (at least ``minimumLength``).
  public init(bytes: [UInt8]) throws {
    guard bytes.count >= AuditKey.minimumLength else {
      throw CallQAError(.errAuditKeyNeeds, AuditKey.minimumLength, bytes.count)
    }
    self.bytes = bytes
  }

  /// The key in the file at `path`: its bytes, without a final line break (so a key written
  /// by `openssl rand -hex 32 > FILE` and one of raw random bytes both work).
  public init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CallQAError.notFound(.errCannotReadAudit, path)
    }
    var bytes = Array(data)
    while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
    do {
      try self.init(bytes: bytes)
    } catch let error as CallQAError {
      throw CallQAError(.errMakeOneHead, path, error.message)
    }
  }

  /// The seal of `message` as stored in the chain.
  func seal(_ message: [UInt8]) -> String { AuditChain.keyedPrefix + HMACSHA256.hex(key: bytes, message: message) }
}

/// The two kinds of link in the audit chain, named by a prefix of the stored hash.
enum AuditChain {
  /// `sha256:` + SHA-256 of the previous hash and the row: anyone can recompute it.
  static let plainPrefix = "sha256:"
  /// `hmac-sha256:` + HMAC-SHA256 under the audit key: only the key's holder can.
  static let keyedPrefix = "hmac-sha256:"

  static func plainSeal(_ message: [UInt8]) -> String { plainPrefix + SHA256.hex(message) }
}
