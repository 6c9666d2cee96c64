import Foundation

/// A phrase (normalised like the transcript) or a `re:` regular expression run on the
/// normalised text (so it sees no spaces, punctuation or capitals).
struct CompiledPattern: @unchecked Sendable {
  /// As written in the scorecard.
  let source: String
  private let phrase: [Unicode.Scalar]
  private let regex: NSRegularExpression?

  /// Compiles `source`; `error` builds the failure for an invalid pattern.
  init(_ source: String, error fail: (LocalizedMessage) -> any Error) throws {
    self.source = source
    if source.hasPrefix("re:") {
      let expression = String(source.dropFirst(3))
      guard !expression.isEmpty else { throw fail(LocalizedMessage(.errReNeedsRegular, [])) }
      do {
        regex = try NSRegularExpression(pattern: expression, options: [.caseInsensitive])
      } catch {
        throw fail(LocalizedMessage(.errValidRegularExpression, [expression]))
      }
      phrase = []
    } else {
      phrase = NormalizedText(source).scalars
      regex = nil
      guard !phrase.isEmpty else {
        throw fail(LocalizedMessage(.errPhraseHasNothing, [source]))
      }
    }
  }

  /// Non-overlapping matches in `text`, as ranges of normalised positions.
  func matches(in text: NormalizedText) -> [Range<Int>] {
    if let regex { return regexMatches(regex, in: text) }
    let haystack = text.scalars
    let count = phrase.count
    guard count > 0, haystack.count >= count else { return [] }
    var result: [Range<Int>] = []
    let first = phrase[0]
    var index = 0
    let last = haystack.count - count
    while index <= last {
      if haystack[index] == first {
        var k = 1
        while k < count && haystack[index + k] == phrase[k] { k += 1 }
        if k == count {
          result.append(index..<(index + count))
          index += count
          continue
        }
      }
      index += 1
    }
    return result
  }

  private func regexMatches(_ regex: NSRegularExpression, in text: NormalizedText) -> [Range<Int>] {
    let string = text.string
    let utf16Count = string.utf16.count
    let found = regex.matches(in: string, range: NSRange(location: 0, length: utf16Count))
    guard !found.isEmpty else { return [] }
    // Map UTF-16 offsets to scalar positions.
    var scalarAt = [Int](repeating: 0, count: utf16Count + 1)
    var offset = 0
    for (index, scalar) in text.scalars.enumerated() {
      let width = scalar.value > 0xFFFF ? 2 : 1
      for k in 0..<width { scalarAt[offset + k] = index }
      offset += width
    }
    scalarAt[utf16Count] = text.scalars.count
    return found.compactMap { match in
      guard match.range.length > 0 else { return nil }
      return scalarAt[match.range.location]..<scalarAt[match.range.location + match.range.length]
    }
  }
}
