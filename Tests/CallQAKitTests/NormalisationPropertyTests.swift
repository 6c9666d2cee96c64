import Testing

@testable import CallQAKit

@Suite("Normalisation and phrase matching: properties over random text")
struct NormalisationPropertyTests {
  static let words: [Character] = Array("您好工号不知道没办法评价abcXYZ0123")
  static let noise: [Character] = Array(" ，。！？、；：“”（）《》…,.!?;:'\"()-　\t")

  /// Full-width form of an ASCII letter or digit, else the character itself.
  static func fullWidth(_ c: Character) -> Character {
    guard let scalar = c.unicodeScalars.first, c.isASCII, c.isLetter || c.isNumber,
      let wide = Unicode.Scalar(scalar.value + 0xFEE0)
    else { return c }
    return Character(wide)
  }

  static func randomText(_ rng: inout SplitMix64, length: Int) -> String {
    String(
      (0..<length).map { _ in
        Bool.random(using: &rng) ? words.randomElement(using: &rng) ?? "a" : noise.randomElement(using: &rng) ?? " "
      })
  }

  @Test func normalisationIsIdempotentAndIgnoresWidthCaseAndNoise() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<500 {
      let text = Self.randomText(&rng, length: Int.random(in: 0...40, using: &rng))
      let normal = TextNormaliser.normalise(text)
      #expect(TextNormaliser.normalise(normal) == normal)
      #expect(TextNormaliser.normalise(String(text.map(Self.fullWidth))) == normal)
      #expect(TextNormaliser.normalise(text.uppercased()) == normal)
      #expect(normal.allSatisfy { !Self.noise.contains($0) && !$0.isUppercase })
    }
  }

  @Test func aPhraseIsFoundHoweverItIsSpacedAndPunctuatedAndShownAsSaid() throws {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<300 {
      let phrase = String((0..<Int.random(in: 1...5, using: &rng)).map { _ in Self.words.randomElement(using: &rng) ?? "a" })
      // The phrase as said: characters full-width at random, with noise between them.
      var said = ""
      for c in phrase {
        said.append(Bool.random(using: &rng) ? Self.fullWidth(c) : c)
        if Int.random(in: 0..<3, using: &rng) == 0 { said.append(Self.noise.randomElement(using: &rng) ?? " ") }
      }
      said = String(said.reversed().drop { Self.noise.contains($0) }.reversed())
      let text = "前言" + said + "结束"
      let pattern = try CompiledPattern(phrase, error: { CallQAError(text: $0) })
      let matches = pattern.matches(in: NormalizedText(text))
      #expect(!matches.isEmpty, "\(phrase) in \(text)")
      let normalized = NormalizedText(text)
      #expect(matches.contains { normalized.original($0) == said }, "\(phrase) shown as \(said) in \(text)")
    }
  }
}
