import Foundation

extension String {
  /// The text without leading and trailing whitespace (`CharacterSet.whitespaces`), with a
  /// fast path for the common case of nothing to trim: bulk imports trim millions of cells.
  public var trimmedWhitespace: String {
    let utf8 = self.utf8
    if let first = utf8.first, let last = utf8.last,
      first > 0x20 && first < 0x80, last > 0x20 && last < 0x80
    {
      return self
    }
    return trimmingCharacters(in: .whitespaces)
  }
}
