import Testing

import CallQAKit

@testable import callqa

@Suite("TextTable aligns Chinese and ASCII by display width")
struct TextTableWidthTests {
  /// The display column at which each cell of `line` starts, for cells separated by 2+ spaces.
  static func cellStarts(_ line: String) -> [Int] {
    var starts: [Int] = []
    var column = 0
    var spaces = 0
    var atStart = true
    for character in line {
      let width = DisplayWidth.of(String(character))
      if character == " " {
        spaces += 1
      } else {
        if atStart || spaces >= 2 { starts.append(column) }
        atStart = false
        spaces = 0
      }
      column += width
    }
    return starts
  }

  @Test func mixedChineseAndASCIICellsLineUp() {
    // Given cells mixing two-column Chinese characters with ASCII
    var table = TextTable([.init("agent"), .init("name"), .init("team"), .init("score", .right)])
    table.add(["A001", "王小明", "一组", "96.5"])
    table.add(["A002", "Li Na", "Team 2", "88.0"])
    table.add(["A10003", "欧阳Jessica", "呼入二组", "100.0"])
    let lines = table.render().split(separator: "\n").map(String.init)
    // Then every row has the same display width up to the right-aligned last column
    #expect(
      lines == [
        "agent   name         team      score",
        "------  -----------  --------  -----",
        "A001    王小明       一组       96.5",
        "A002    Li Na        Team 2     88.0",
        "A10003  欧阳Jessica  呼入二组  100.0",
      ])
    // And the left-aligned columns start at the same display column on every row
    for line in lines where !line.hasPrefix("-") {
      #expect(Array(Self.cellStarts(line).prefix(3)) == [0, 8, 21], "\(line)")
      #expect(DisplayWidth.of(line) == 36, "\(line)")
    }
    // whereas counting characters would misalign them
    #expect(lines[2].count != lines[3].count)
  }

  @Test func truncationCountsColumnsNotCharacters() {
    var table = TextTable([.init("title", maxWidth: 9), .init("x")])
    table.add(["表示理解而非敷衍", "1"])
    table.add(["Acknowledges feelings", "2"])
    let lines = table.render().split(separator: "\n").map(String.init)
    #expect(lines[2] == "表示理解…  1")
    #expect(lines[3] == "Acknowle…  2")
    #expect(DisplayWidth.of("表示理解…") == 9)
  }

  @Test func tableAlignsChineseByDisplayWidth() {
    #expect(DisplayWidth.of("服务礼仪") == 8 && DisplayWidth.of("abc") == 3 && DisplayWidth.of("（“好”）") == 8)
    var table = TextTable([.init("item"), .init("title"), .init("score", .right)])
    table.add(["greeting", "标准开头语", "10"])
    table.add(["x", "Standard greeting", "5"])
    table.add(["三声", "接听", "100.0"])
    let lines = table.render().split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    // Every line's columns start at the same display column.
    let titleColumn = DisplayWidth.of("greeting") + 2
    for line in [lines[0], lines[2], lines[3], lines[4]] {
      let scalars = Array(line)
      var width = 0, index = 0
      while width < titleColumn { width += DisplayWidth.of(String(scalars[index])); index += 1 }
      #expect(width == titleColumn, "title starts at column \(titleColumn): \(line)")
      #expect(scalars[index] != " ", "\(line)")
    }
    let widths = lines.filter { !$0.hasPrefix("-") }.map(DisplayWidth.of)
    #expect(Set(widths).count == 1, "right-aligned last column ends at the same display column: \(widths)")
  }
}
