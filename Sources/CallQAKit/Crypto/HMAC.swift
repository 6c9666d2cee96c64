/// HMAC-SHA256 (RFC 2104), used to seal the audit chain with a key kept outside the database.
/// Tests pin it to the RFC 4231 vectors and to Python's `hmac`.
public enum HMACSHA256 {
  /// The 32-byte MAC of `message` under `key`.
  public static func mac<Key: Collection, Message: Collection>(key: Key, message: Message) -> [UInt8]
  where Key.Element == UInt8, Message.Element == UInt8 {
    let blockSize = 64
    var block = key.count > blockSize ? SHA256.digest(key) : Array(key)
    block += [UInt8](repeating: 0, count: blockSize - block.count)
    let inner = SHA256.digest(block.map { $0 ^ 0x36 } + Array(message))
    return SHA256.digest(block.map { $0 ^ 0x5c } + inner)
  }

  /// The MAC as 64 lowercase hex digits.
  public static func hex<Key: Collection, Message: Collection>(key: Key, message: Message) -> String
  where Key.Element == UInt8, Message.Element == UInt8 {
    SHA256.hexDigits(mac(key: key, message: message))
  }
}
