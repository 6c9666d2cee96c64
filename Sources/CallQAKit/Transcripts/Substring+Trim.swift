extension StringProtocol where SubSequence == Substring {
  /// The text without leading and trailing white space (pure Swift: transcripts are read by the
  /// hundred thousand, and Foundation's `trimmingCharacters` bridges through NSString).
  var trimmed: Substring {
    guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
    else { return self[endIndex...] }
    return self[first...last]
  }
}
