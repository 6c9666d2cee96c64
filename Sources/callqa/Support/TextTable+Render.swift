import CallQAKit

/// The one terminal table renderer: columns aligned by display width, so Chinese text (two
/// columns a character) lines up with ASCII; long cells cut with `…` where a column says so.
extension TextTable {
  /// The table as lines: header, a rule, then the rows. Trailing spaces are trimmed.
  public func render() -> String {
    let cells = rows.map { row in
      columns.indices.map { i -> String in
        let text = i < row.count ? row[i].replacingOccurrences(of: "\n", with: " ") : ""
        if let max = columns[i].maxWidth { return DisplayWidth.truncate(text, to: max) }
        return text
      }
    }
    let widths = columns.indices.map { i in
      max(DisplayWidth.of(columns[i].title), cells.map { DisplayWidth.of($0[i]) }.max() ?? 0)
    }
    func line(_ values: [String]) -> String {
      let padded = columns.indices.map { i in
        DisplayWidth.pad(values[i], to: widths[i], right: columns[i].alignment == .right)
      }
      return trimTrailing(padded.joined(separator: "  "))
    }
    var lines = [line(columns.map(\.title))]
    lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    lines += cells.map(line)
    return lines.joined(separator: "\n")
  }

  private func trimTrailing(_ text: String) -> String {
    var result = text
    while result.last == " " { result.removeLast() }
    return result
  }
}
