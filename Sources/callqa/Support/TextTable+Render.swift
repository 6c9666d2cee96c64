import CallQAKit

/// The one terminal table renderer: columns aligned by display width, so Chinese text (two
/// columns a character) and emoji line up with ASCII; control characters shown escaped
/// (``TerminalText``); long cells cut with `…` at the column's width, else at
/// ``defaultMaxWidth``.
extension TextTable {
  /// Where a cell of a column without its own `maxWidth` is cut.
  static let defaultMaxWidth = 48

  /// The table as lines: header, a rule, then the rows. Trailing spaces are trimmed.
  public func render() -> String {
    let cells = rows.map { row in
      columns.indices.map { i -> String in
        // callqa's own colours in a cell (a red flag) stay; every other control character is shown
        let text = i < row.count ? TerminalText.escaped(row[i].replacingOccurrences(of: "\n", with: " "), keepingColours: true) : ""
        return DisplayWidth.truncate(text, to: columns[i].maxWidth ?? TextTable.defaultMaxWidth)
      }
    }
    let titles = columns.map { TerminalText.escaped($0.title) }
    let widths = columns.indices.map { i in
      max(DisplayWidth.of(titles[i]), cells.map { DisplayWidth.of($0[i]) }.max() ?? 0)
    }
    func line(_ values: [String]) -> String {
      let padded = columns.indices.map { i in
        DisplayWidth.pad(values[i], to: widths[i], right: columns[i].alignment == .right)
      }
      return trimTrailing(padded.joined(separator: "  "))
    }
    var lines = [line(titles)]
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
