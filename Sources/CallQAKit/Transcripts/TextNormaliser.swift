/// Text as rules match it: full-width ASCII forms folded to half-width, case folded, and
/// spaces, punctuation and symbols (Chinese and ASCII) removed — so `您好，工号 1234！`,
/// `您好工号１２３４` and `您好 ,工号1234` all read `您好工号1234`.
public enum TextNormaliser {
  /// The normalised form of `text`.
  public static func normalise(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in NormalizedText(text).scalars { result.append(scalar) }
    return String(result)
  }

  /// The scalar `scalar` becomes, or nil when it is dropped.
  @inline(__always)
  static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    var value = scalar.value
    if value < 0x80 {
      // ASCII fast path: letters and digits stay (lower-cased), everything else goes.
      if value >= 0x41 && value <= 0x5A { return Unicode.Scalar(value + 0x20) }
      if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) { return scalar }
      return nil
    }
    // Fast paths for Chinese text: ideographs stay, CJK punctuation (、。「」〜…) goes,
    // except the letter-like 々〆〇.
    if value >= 0x4E00 && value <= 0x9FFF { return scalar }
    if value >= 0x3000 && value <= 0x303F { return (0x3005...0x3007).contains(value) ? scalar : nil }
    if value >= 0xFF01 && value <= 0xFF5E {
      // Full-width ASCII forms (ＡＢＣ１２３！) fold to their half-width counterparts.
      value -= 0xFEE0
      guard let half = Unicode.Scalar(value) else { return nil }
      return fold(half)
    }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .modifierSymbol,
      .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format:
      return nil
    case .uppercaseLetter, .titlecaseLetter:
      return properties.lowercaseMapping.unicodeScalars.first ?? scalar
    default:
      return scalar
    }
  }
}

/// A normalised text that remembers where each of its characters came from, so a match
/// can be shown as the words actually said.
struct NormalizedText {
  /// The original text's scalars.
  let source: [Unicode.Scalar]
  /// The normalised scalars.
  let scalars: [Unicode.Scalar]
  /// For each normalised scalar, its index in ``source``.
  let origin: [Int]

  init(_ text: String) {
    let source = Array(text.unicodeScalars)
    var scalars: [Unicode.Scalar] = []
    var origin: [Int] = []
    scalars.reserveCapacity(source.count)
    origin.reserveCapacity(source.count)
    for (index, scalar) in source.enumerated() {
      if let folded = TextNormaliser.fold(scalar) {
        scalars.append(folded)
        origin.append(index)
      }
    }
    self.source = source
    self.scalars = scalars
    self.origin = origin
  }

  /// The original words behind normalised positions `range`.
  func original(_ range: Range<Int>) -> String {
    guard !range.isEmpty, range.upperBound <= origin.count else { return "" }
    var view = String.UnicodeScalarView()
    for scalar in source[origin[range.lowerBound]...origin[range.upperBound - 1]] { view.append(scalar) }
    return String(view)
  }

  /// The normalised text as a String (for regular expressions).
  var string: String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
  }
}
