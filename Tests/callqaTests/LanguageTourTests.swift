import CallQAKit
import Foundation
import Testing

/// Issue 17: the README tour read in Chinese (`LANG=zh_CN.UTF-8`) and in English. No
/// catalogue key may show through untranslated, and the Chinese output holds no English
/// word outside codes, item and section keys, names and command lines.
@Suite(.serialized) struct LanguageTourTests {
  /// The tour: the commands of the README's Chinese tour section, on the demo centre.
  static let tour: [[String]] = [
    ["scorecard", "list"], ["agent", "list"], ["inspector", "list"], ["evaluation", "list", "--limit", "5"],
    ["call", "list", "--limit", "5"], ["report", "weak-areas", "--period", "2026-11", "--top", "8"], ["report", "trend"],
    ["report", "agents", "--period", "2026-11"], ["report", "leaderboard", "--period", "2026-11"],
    ["report", "inspectors", "--period", "2026-11"], ["quality", "--period", "2026-11"], ["performance", "--period", "2026-11"],
    ["coverage", "--period", "2026-11"], ["case", "list"],
  ]

  /// Words that are codes wherever they appear: tools, formulas and units.
  static let allowed: Set<String> = ["callqa", "sha", "SPEC", "ISO", "Welch", "Wilson", "max", "na", "mm", "ss", "QA", "Excel", "CSV"]

  /// Catalogue keys as they would show through when a message is missing (`weakAreasTitle`).
  static let keys = Set(MessageKey.allCases.map(\.rawValue).filter { $0.contains(where: \.isUppercase) })

  static func demo() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["demo", "--last-month", "2026-11"])
    return cli
  }

  /// Every run of the tour in `environment`, with the text it printed.
  static func runTour(_ cli: CLIHarness, _ environment: [String: String], extra: [String] = []) throws -> [(String, String)] {
    try tour.map { arguments in
      let result = try cli.run(arguments + extra + ["--db", cli.database], environment: environment)
      #expect(result.status == 0, "callqa \(arguments.joined(separator: " ")): \(result.stderr)")
      return ("callqa " + arguments.joined(separator: " "), result.stdout + result.stderr)
    }
  }

  /// The keys, codes and names the demo's data brings (allowed in any language).
  static func dataWords(_ cli: CLIHarness) throws -> Set<String> {
    var words: Set<String> = []
    for by in ["item", "section"] {
      let json = try CLIHarness.json(try cli.ok(["report", "weak-areas", "--by", by, "--format", "json"])) as? [String: Any]
      for row in json?["rows"] as? [[String: Any]] ?? [] {
        for field in ["key", "section", "scorecard"] { words.insert(row[field] as? String ?? "") }
      }
    }
    let performance = try CLIHarness.json(try cli.ok(["performance", "--period", "2026-11", "--format", "json"])) as? [String: Any]
    let plan = (performance?["plan"] as? [String: Any])?["title"] as? String ?? ""
    return words.union(englishWords(plan))
  }

  static func englishWords(_ text: String) -> Set<String> {
    var words: Set<String> = [], current = ""
    for scalar in text.unicodeScalars {
      if scalar.isASCII, CharacterSet.letters.contains(scalar) || scalar == "-" || CharacterSet.decimalDigits.contains(scalar) {
        current.unicodeScalars.append(scalar)
      } else {
        if !current.isEmpty { words.insert(current) }
        current = ""
      }
    }
    if !current.isEmpty { words.insert(current) }
    return words
  }

  /// The English words of Chinese output: ASCII words of two letters or more that are not a
  /// code (digits or hyphens inside), a data key or name, an allowed word, or part of a
  /// command line (`callqa …`, `--flag`).
  static func untranslated(_ output: String, data: Set<String>) -> Set<String> {
    var found: Set<String> = []
    for line in output.split(separator: "\n") {
      var text = String(line)
      if let start = text.range(of: "callqa ") { text = String(text[..<start.lowerBound]) }
      for word in englishWords(text) {
        let letters = word.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        guard letters.count >= 2, !letters.hasPrefix("-"), !word.hasPrefix("--") else { continue }
        if letters.contains(where: { $0.isNumber || $0 == "-" }) || data.contains(letters) || allowed.contains(letters) { continue }
        if letters.allSatisfy({ $0.isHexDigit }) { continue }  // a fingerprint
        found.insert(letters)
      }
    }
    return found
  }

  @Test func theTourSpeaksChineseUnderAChineseLocale() throws {
    let cli = try Self.demo()
    defer { cli.cleanUp() }
    let data = try Self.dataWords(cli)
    for (command, output) in try Self.runTour(cli, ["LANG": "zh_CN.UTF-8"]) {
      let english = Self.untranslated(output, data: data)
      #expect(english.isEmpty, "\(command): English words \(english.sorted())\n\(output)")
      let keys = Self.englishWords(output).intersection(Self.keys)
      #expect(keys.isEmpty, "\(command): untranslated catalogue keys \(keys.sorted())")
      #expect(output.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(command): no Chinese at all")
    }
  }

  /// Commands outside the tour (disputes, audit, users, imports) print their tables and
  /// summary lines from the catalogue too.
  @Test func commandsOutsideTheTourSpeakChinese() throws {
    let cli = try Self.demo()
    defer { cli.cleanUp() }
    let data = try Self.dataWords(cli)
    let agents = try cli.write("agents.csv", "code,name,team\nA9001,新人,呼入1组\n")
    let empty = try cli.write("empty.csv", "code,name,team\n")
    let runs: [[String]] = [["dispute", "list"], ["audit", "verify"], ["user", "list"], ["agent", "import", agents], ["agent", "import", empty]]
    for arguments in runs {
      let result = try cli.run(arguments + ["--db", cli.database], environment: ["LANG": "zh_CN.UTF-8"])
      let output = result.stdout + result.stderr
      #expect(result.status == 0, "\(arguments): \(output)")
      let english = Self.untranslated(output, data: data.union(Self.englishWords(cli.directory.path)).union(["csv", "agents", "empty"]))
      #expect(english.isEmpty, "\(arguments): English words \(english.sorted())\n\(output)")
      #expect(output.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(arguments): no Chinese at all")
    }
    // The same lines in English read as they always did.
    #expect(try cli.ok(["user", "list"]).contains("no users: single-desk mode (whoever runs callqa acts as the local admin)"))
    #expect(try cli.ok(["agent", "import", agents]).contains("agents: 0 added, 0 updated, 1 unchanged"))
    #expect(try cli.ok(["dispute", "list"]).hasPrefix("id  evaluation  agent  call  scorecard  final  status  opened  reason  resolution"))
  }

  @Test func theTourSpeaksEnglishByDefaultAndWithTheFlag() throws {
    let cli = try Self.demo()
    defer { cli.cleanUp() }
    let plain = try Self.runTour(cli, [:])
    let flagged = try Self.runTour(cli, ["LANG": "zh_CN.UTF-8"], extra: ["--lang", "en"])
    for ((command, output), (_, again)) in zip(plain, flagged) {
      let keys = Self.englishWords(output).intersection(Self.keys)
      #expect(keys.isEmpty, "\(command): untranslated catalogue keys \(keys.sorted())")
      #expect(output == again, "\(command): --lang en differs from the default English")
    }
    // CALLQA_LANG beats the locale; --lang beats CALLQA_LANG.
    let weak = ["report", "weak-areas", "--period", "2026-11", "--db", cli.database]
    #expect(try cli.run(weak, environment: ["CALLQA_LANG": "zh", "LANG": "en_US.UTF-8"]).stdout.contains("薄弱环节"))
    #expect(!(try cli.run(weak + ["--lang", "en"], environment: ["CALLQA_LANG": "zh"]).stdout.contains("薄弱环节")))
    #expect(try cli.run(weak, environment: ["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"]).stdout.contains("薄弱环节"))
  }

  /// The field names of a JSON value, as paths (`rows[].mean_impact`).
  static func fieldNames(_ value: Any, _ path: String = "") -> Set<String> {
    if let object = value as? [String: Any] {
      return object.reduce(into: Set<String>()) { names, entry in
        names.insert(path + "." + entry.key)
        names.formUnion(fieldNames(entry.value, path + "." + entry.key))
      }
    }
    if let array = value as? [Any] { return array.reduce(into: Set<String>()) { $0.formUnion(fieldNames($1, path + "[]")) } }
    return []
  }

  @Test func jsonFieldNamesNeverChangeWithTheLanguage() throws {
    let cli = try Self.demo()
    defer { cli.cleanUp() }
    for arguments in [["report", "weak-areas", "--period", "2026-11"], ["report", "agents", "--period", "2026-11"], ["coverage", "--period", "2026-11"]] {
      let en = try cli.run(arguments + ["--format", "json", "--db", cli.database], environment: [:]).stdout
      let zh = try cli.run(arguments + ["--format", "json", "--db", cli.database], environment: ["LANG": "zh_CN.UTF-8"]).stdout
      let names = Self.fieldNames(try CLIHarness.json(en))
      #expect(!names.isEmpty)
      #expect(names == Self.fieldNames(try CLIHarness.json(zh)), "\(arguments.joined(separator: " ")): JSON fields change with the language")
    }
  }
}
