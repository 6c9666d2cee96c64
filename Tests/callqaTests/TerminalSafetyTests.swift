import Foundation
import Testing

import CallQAKit

@testable import callqa

@Suite("terminal safety: control characters escaped, emoji measured as drawn")
struct TerminalSafetyTests {
  static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}"

  @Test func controlAndBidiCharactersAreShownEscaped() {
    #expect(TerminalText.escaped(Self.hostile) == "\\x1b[2J\\x1b]0;pwned\\x07")
    #expect(TerminalText.escaped("a\rb\tc\u{7F}d\u{9B}e") == "a\\rb\\tc\\x7fd\\x9be")
    #expect(TerminalText.escaped("abc\u{202E}fdp.exe\u{2066}") == "abc\\u{202E}fdp.exe\\u{2066}")
    #expect(TerminalText.escaped("王小明 👩‍💻 🇨🇳") == "王小明 👩‍💻 🇨🇳")
    // callqa's own colours survive in console output, nothing else does
    #expect(TerminalText.escaped("\u{1B}[1mbold\u{1B}[0m \u{1B}[8mhidden", keepingColours: true) == "\u{1B}[1mbold\u{1B}[0m \\x1b[8mhidden")
  }

  @Test func graphemeClustersHaveTheWidthTerminalsDraw() {
    #expect(DisplayWidth.of("👩‍💻") == 2)  // woman, ZWJ, laptop
    #expect(DisplayWidth.of("👨‍👩‍👧‍👦") == 2)
    #expect(DisplayWidth.of("🇨🇳🇫🇷") == 4)  // two flags
    #expect(DisplayWidth.of("❤️") == 2)  // heart with the emoji presentation selector
    #expect(DisplayWidth.of("🚀") == 2)
    #expect(DisplayWidth.of("é") == 1)  // e + combining acute
    #expect(DisplayWidth.of("王a") == 3)
    #expect(DisplayWidth.truncate("👩‍💻👩‍💻👩‍💻", to: 5) == "👩‍💻👩‍💻…")
  }

  @Test func aTableOfHostileAndEmojiNamesStaysInItsColumns() {
    var table = TextTable([.init("code"), .init("name"), .init("team")])
    table.add(["A1", Self.hostile, "T1"])
    table.add(["A2", "👩‍💻 Li 🇨🇳", "T2"])
    table.add(["A3", "line\rover", "T3"])
    table.add(["A4", String(repeating: "长", count: 60), "T4"])
    let lines = table.render().split(separator: "\n").map(String.init)
    #expect(!lines.joined().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    let starts = lines.map(TextTableWidthTests.cellStarts)
    #expect(Set(starts.dropFirst(2).map { $0.last }).count == 1, "\(lines)")
    #expect(lines[5].contains("…"))  // cut at the default width in every table
  }

  @Test func agentListThroughTheBinaryEscapesNamesAndJSONKeepsThemExactly() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A1", "--name", Self.hostile, "--team", "T1"])
    try cli.ok(["agent", "add", "A2", "--name", "👩‍💻 Li 🇨🇳", "--team", "T\u{202E}2"])
    let list = try cli.ok(["agent", "list"])
    #expect(!list.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
    #expect(!list.unicodeScalars.contains("\u{202E}"))
    #expect(list.contains("\\x1b[2J\\x1b]0;pwned\\x07") && list.contains("T\\u{202E}2"), "\(list)")
    let starts = list.split(separator: "\n").map { TextTableWidthTests.cellStarts(String($0)) }
    #expect(starts[2] == starts[3], "\(list)")
    // JSON is data: the names exactly as stored (JSON escapes the control characters itself)
    let json = try #require(try CLIHarness.json(try cli.ok(["agent", "list", "--format", "json"])) as? [[String: Any]])
    #expect(json.map { $0["name"] as? String } == [Self.hostile, "👩‍💻 Li 🇨🇳"])
    // An error naming the value escapes it too
    let error = try cli.fails(["agent", "add", "A1", "--name", Self.hostile])
    #expect(!error.contains("\u{1B}"))
  }
}
