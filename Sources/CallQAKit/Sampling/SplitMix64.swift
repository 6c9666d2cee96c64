/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, seedable generator.
///
/// Sampling must give the same queue for the same seed on every machine and Swift
/// version, which `SystemRandomNumberGenerator` cannot promise.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Folds `value` into the state (XOR): how a generator derives an independent sub-stream.
  mutating func mix(_ value: UInt64) {
    state ^= value
  }

  /// A uniform integer in `0..<bound` (bound > 0), without modulo bias.
  public mutating func below(_ bound: Int) -> Int {
    let range = UInt64(bound)
    let limit = UInt64.max - UInt64.max % range
    while true {
      let value = next()
      if value < limit { return Int(value % range) }
    }
  }

  /// FNV-1a hash of `text`: a stable way to derive a seed from a name (Swift's
  /// `hashValue` changes from run to run).
  public static func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    return hash
  }
}
