/// A table to show a person: titled columns and rows of text. The library builds tables
/// (the scoring session's lists); each front end draws them — the terminal aligned by display
/// width (`render()` in the executable), a web page as HTML.
public struct TextTable: Hashable, Sendable {
  /// How a column's cells are aligned.
  public enum Alignment: Hashable, Sendable { case left, right }

  public struct Column: Hashable, Sendable {
    public var title: String
    public var alignment: Alignment
    /// Cells wider than this are cut with `…` (nil: never cut).
    public var maxWidth: Int?
    public init(_ title: String, _ alignment: Alignment = .left, maxWidth: Int? = nil) {
      self.title = title
      self.alignment = alignment
      self.maxWidth = maxWidth
    }
  }

  public var columns: [Column]
  public var rows: [[String]] = []

  public init(_ columns: [Column]) { self.columns = columns }

  /// Appends a row; missing cells are blank, extra cells are ignored.
  public mutating func add(_ cells: [String]) { rows.append(cells) }
}
