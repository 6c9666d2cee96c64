/// A small deterministic random generator (SplitMix64): the same seed gives the same demo
/// centre and the same benchmark data on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in [0, 1).
  mutating func unit() -> Double {
    Double(next() >> 11) / Double(1 << 53)
  }

  /// A generator for one sub-stream (e.g. one agent-month), independent of how many
  /// numbers other sub-streams drew.
  static func derived(_ seed: UInt64, _ parts: Int...) -> SeededGenerator {
    var generator = SeededGenerator(seed: seed)
    for part in parts {
      generator.state ^= UInt64(bitPattern: Int64(part)) &* 0xD6E8_FEB8_6659_FD93
      _ = generator.next()
    }
    return generator
  }
}
