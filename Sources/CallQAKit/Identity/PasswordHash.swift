import HummingbirdBcrypt

/// Passwords for the team server, stored only as bcrypt hashes (a deliberately slow,
/// salted password hash; cost 12 = 4096 rounds by default).
public enum PasswordHash {
  /// bcrypt's cost (log2 of its rounds); tests may pass a lower one, never below 4.
  public static let defaultCost: UInt8 = 12

  /// bcrypt reads at most 72 bytes: a longer password is refused rather than silently cut.
  public static let maximumBytes = 72
  /// The shortest password accepted.
  public static let minimumCharacters = 8

  /// A new salted hash of `password` (`$2b$…`), after checking its length.
  public static func make(_ password: String, cost: UInt8 = defaultCost) throws -> String {
    guard password.count >= minimumCharacters else {
      throw CallQAError(.errPasswordNeedsLeast, minimumCharacters)
    }
    guard password.utf8.count <= maximumBytes else {
      throw CallQAError(.errPasswordMayHave, maximumBytes)
    }
    guard !password.contains("\0") else { throw CallQAError(.errPasswordMayContain) }
    return Bcrypt.hash(password, cost: max(4, min(cost, 31)))
  }

  /// True when `password` matches `hash`.
  public static func verify(_ password: String, hash: String) -> Bool {
    guard password.utf8.count <= maximumBytes, !password.contains("\0") else { return false }
    return Bcrypt.verify(password, hash: hash)
  }
}
