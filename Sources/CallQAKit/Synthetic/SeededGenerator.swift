/// The demo's and the benchmark's random numbers: the one ``SplitMix64`` generator, with
/// sub-streams derived per agent-month, so the same seed gives the same demo centre and the
/// same benchmark data on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var base: SplitMix64

  public init(seed: UInt64) {
    base = SplitMix64(seed: seed)
  }

  public mutating func next() -> UInt64 {
    base.next()
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
      generator.base.mix(UInt64(bitPattern: Int64(part)) &* 0xD6E8_FEB8_6659_FD93)
      _ = generator.next()
    }
    return generator
  }
}
