import Foundation
import Testing

/// Issue 17: the words a person reads come from the catalogue (Sources/CallQAKit/Localization).
/// This scan reads the presentation sources — the report, chart, page and case renderers, the
/// scoring session, the server's templates and views, the commands of the README tour — and
/// fails on an English literal in them: a string of two English words, or a capitalised
/// word. Codes, keys, markup and formulas are not words; the few literals that must stay
/// (font names, the product name) are allowed by name below.
@Suite struct CatalogueSourceScanTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The presentation sources held to the rule, relative to the package root. A file or a
  /// folder (every `.swift` and `.mustache` file below it).
  static let scanned = [
    "Sources/CallQAKit/Export/HTMLReportWriter.swift", "Sources/CallQAKit/Export/SVGChart.swift",
    "Sources/CallQAKit/Reports/WeakAreasReport+Document.swift", "Sources/CallQAKit/Reports/QualityReport+Document.swift",
    "Sources/CallQAKit/Reports/ReportChart+Bars.swift", "Sources/CallQAKit/Reports/PassLine.swift",
    "Sources/CallQAKit/Sampling/Coverage+Document.swift", "Sources/CallQAKit/Performance/PerformanceSheet+Document.swift",
    "Sources/CallQAKit/Queries/Page+Document.swift", "Sources/CallQAKit/Calibration/InspectorDrift+Document.swift",
    "Sources/CallQAKit/AutoQA/AutoRuleStat+Document.swift", "Sources/CallQAKit/Cases/HTMLCaseWriter.swift",
    "Sources/CallQAKit/Cases/CaseLabels.swift", "Sources/CallQAKit/Scoring/ScoringSession.swift",
    "Sources/CallQAKit/Scoring/ScoringSession+Review.swift", "Sources/CallQAKit/Scoring/ScoringSession+Causes.swift",
    "Sources/callqa/Support/ListeningKeys.swift", "Sources/CallQAKit/Scoring/ScoringSession+Proposals.swift",
    "Sources/CallQAKit/Scoring/ScoringSetup.swift", "Sources/callqa/Commands/Score+Interactive.swift", "Sources/callqa/Support/EvaluationView.swift",
    "Sources/CallQAKit/Localization/Messages.swift", "Sources/CallQAKit/Localization/Messages+Reports.swift",
    "Sources/CallQAServer/Views", "Sources/CallQAServer/Resources/templates", "Sources/CallQAServer/Pages",
    "Sources/callqa/Support/ReportOutput.swift", "Sources/callqa/Support/CaseView.swift",
    "Sources/callqa/Commands/Demo.swift", "Sources/callqa/Commands/Coverage.swift", "Sources/callqa/Commands/Performance.swift",
    "Sources/callqa/Commands/ReportInspectors.swift", "Sources/CallQAKit/Reports/AccuracyReport+Document.swift",
    "Sources/CallQAKit/Reports/RootCausesReport+Document.swift",
  ]

  /// Literals that are not words to translate.
  static let allowed = [
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "@media print",
    // The language switch names each language in itself.
    "English",
    // ReportFilter's English scope (kept in JSON), matched to be translated.
    "whole centre, all dates", "every month", "every call",
    // A developer's error: a template missing from the build.
    "is missing",
  ]

  /// Lines that are not read by a person as the program's words: comments, the argument
  /// parser's usage lines (command syntax), the server's own HTTP failures and coding keys. Errors and help texts are scanned: they come from the catalogue
  /// (see also ``errorAndHelpSitesInAllSourcesHoldNoEnglishLiteral()``).
  static func skipped(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    let prefixes = ["//", "///", "*", "case ", "@available", "usage:"]
    if prefixes.contains(where: { trimmed.hasPrefix($0) }) { return true }
    let markers = ["ServerError.", "fatalError(", "preconditionFailure(", "what: \""]
    return markers.contains { line.contains($0) }
  }

  /// Where a person's words start in a Swift source, in every file of `Sources/`: an error
  /// (`CallQAError`, its `notFound`/`conflict`/`forbidden`, `ValidationError`, `LocatedError`,
  /// `AnswerError`, a policy refusal, a YAML value's or a parser's `error`/`fail`) or a help
  /// text (`abstract:`, `help:`, `discussion:`, `ArgumentHelp`, on the same line or the next),
  /// or a word composed into an error as it is (`MessageArgument.text`: a code, never words),
  /// each followed by a string literal (a `"""` block is read to its end).
  static let errorOrHelpSite = #"""
    (CallQAError(\.(notFound|conflict|forbidden))?|ValidationError|LocatedError|AnswerError|ArgumentHelp|refusal|fail|\.error|\.text)\((\s*[^"()\n]*,)?\s*"|(abstract|help|discussion):\s*"
    """#

  /// Literals that stay English at an error site because they are not callqa's words.
  static let allowedAtErrorSites = [
    // A log line for the operator (swift-log), not shown to a user.
    #"logger.error("failed""#
  ]

  /// Every error or help site of `Sources/` whose literal reads as English, as `file:line: text`.
  static func errorSiteFindings() throws -> [String] {
    var found: [String] = []
    let sources = root.appendingPathComponent("Sources")
    let pattern = try Regex(errorOrHelpSite.trimmingCharacters(in: .whitespacesAndNewlines))
    guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [] }
    for case let file as URL in walker where file.pathExtension == "swift" {
      let text = try String(contentsOf: file, encoding: .utf8)
      found += try errorSiteFindings(in: text, named: file.path.replacingOccurrences(of: root.path + "/", with: ""))
    }
    return found.sorted()
  }

  /// The error or help sites of one source `text` whose literal reads as English.
  static func errorSiteFindings(in text: String, named name: String) throws -> [String] {
    var found: [String] = []
    let pattern = try Regex(errorOrHelpSite.trimmingCharacters(in: .whitespacesAndNewlines))
    let delimiter = String(repeating: "\"", count: 3)
    for match in text.matches(of: pattern) {
      // The literal that starts at the match's closing quote, to the end of its line (a
      // multi-line literal to its closing delimiter, read as one line).
      let start = text.index(before: match.range.upperBound)
      var line = text[start...].prefix { $0 != "\n" }
      if line.hasPrefix(delimiter), let end = text[text.index(start, offsetBy: 3)...].range(of: delimiter) {
        let body = text[text.index(start, offsetBy: 3)..<end.lowerBound].replacingOccurrences(of: "\n", with: " ")
        line = Substring("\"" + body.replacingOccurrences(of: "\"", with: "'") + "\"")
      }
      let before = text[..<match.range.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
      if before.trimmingCharacters(in: .whitespaces).hasPrefix("//") || before.contains("func ") { continue }
      let site = String(before) + text[match.range.lowerBound..<start] + line
      if allowedAtErrorSites.contains(where: { site.contains($0) }) { continue }
      guard let literal = literals(String(line)).first, isEnglish(readable(literal)) else { continue }
      let number = text[..<match.range.lowerBound].filter { $0 == "\n" }.count + 1
      found.append("\(name):\(number): \(literal.trimmingCharacters(in: .whitespaces))")
    }
    return found
  }

  @Test func errorAndHelpSitesInAllSourcesHoldNoEnglishLiteral() throws {
    let found = try Self.errorSiteFindings()
    #expect(found.isEmpty, "An English error or help text outside the catalogue (add a MessageKey):\n\(found.joined(separator: "\n"))")
  }

  @Test func theErrorScanFindsAnEnglishThrowSite() throws {
    let pattern = try Regex(Self.errorOrHelpSite.trimmingCharacters(in: .whitespacesAndNewlines))
    for site in [
      #"throw CallQAError("no such agent")"#, #"throw CallQAError.notFound("no evaluation \(id)")"#,
      #"throw ValidationError("--period must be a month")"#, #"throw LocatedError(location, "agent is empty")"#,
      #"@Option(help: "Agent code.")"#, #"abstract: "List agents.""#, #"throw value.error("must not be empty")"#,
      "abstract:\n        \"Manager reports: weak areas.\"", #"discussion: "Changes nothing.""#,
      #"readable(filter, for: actor, what: .text("weak areas"))"#,
    ] {
      let match = try #require(site.firstMatch(of: pattern), "\(site)")
      let literal = Self.literals(String(site[site.index(before: match.range.upperBound)...])).first ?? ""
      #expect(Self.isEnglish(Self.readable(literal)), "\(site)")
    }
    #expect("throw CallQAError(.errNoEvaluationId, id)".firstMatch(of: pattern) == nil)
    #expect("discussion: Terminal.help(.discussionReport)".firstMatch(of: pattern) == nil)
  }

  /// A `discussion:` block of `--help` in English is found like any other help text.
  @Test func theErrorScanFindsAnEnglishDiscussionBlock() throws {
    let source = """
      static let configuration = CommandConfiguration(
        abstract: Terminal.help(.abstractListAgents),
        discussion: \"\"\"
          Counts submitted evaluations \\
          of the period.
          \"\"\")
      """
    let found = try Self.errorSiteFindings(in: source, named: "Example.swift")
    #expect(found.count == 1 && found.first?.hasPrefix("Example.swift:3: Counts submitted evaluations") == true, "\(found)")
    // Once the text is in the catalogue, the site holds no literal.
    #expect(try Self.errorSiteFindings(in: "  discussion: Terminal.help(.discussionReport))", named: "Example.swift").isEmpty)
  }

  /// The string literals of a line of Swift (escapes kept, interpolations removed).
  static func literals(_ line: String) -> [String] {
    var found: [String] = [], current = "", inside = false, depth = 0
    var previous: Character = " "
    for character in line {
      if inside {
        if depth > 0 {
          if character == "(" { depth += 1 }
          if character == ")" { depth -= 1 }
        } else if previous == "\\" && character == "(" {
          current.removeLast()
          depth = 1
        } else if character == "\"" && previous != "\\" {
          found.append(current)
          current = ""
          inside = false
        } else {
          current.append(character)
        }
      } else if character == "\"" {
        inside = true
      }
      previous = character
    }
    return found
  }

  /// The text a person would read in a literal or template text: markup, template tags and
  /// entities removed.
  static func readable(_ text: String) -> String {
    var text = text
    let patterns = [
      "\\{\\{[^}]*\\}\\}", "\\{[^{}]*\\}", "<[a-zA-Z/!][^>]*(>|$)", "^[^<]*\\\\\"[^<]*>", "&[a-z#0-9]+;", "\\\\[nrt\"]",
      "^\\s*callqa .*",
    ]
    for pattern in patterns {
      text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
    }
    for name in allowed { text = text.replacingOccurrences(of: name, with: " ") }
    return text
  }

  /// True when `text` reads as English: two words in a row, or a capitalised word.
  static func isEnglish(_ text: String) -> Bool {
    let twoWords = "(^|[^A-Za-z0-9_.#-])[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}([^A-Za-z0-9_(-]|$)"
    let capitalised = "(^|[^A-Za-z0-9_.#-])[A-Z][a-z]{2,}([^A-Za-z0-9_(.-]|$)"
    return text.range(of: twoWords, options: .regularExpression) != nil || text.range(of: capitalised, options: .regularExpression) != nil
  }

  static func files() throws -> [URL] {
    try scanned.flatMap { path -> [URL] in
      let url = root.appendingPathComponent(path)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { throw CocoaError(.fileNoSuchFile) }
      guard isFolder.boolValue else { return [url] }
      let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
      return names.filter { $0.hasSuffix(".swift") || $0.hasSuffix(".mustache") }.map { url.appendingPathComponent($0) }
    }
  }

  /// Every English literal of the scanned sources, as `file:line: text`.
  static func findings() throws -> [String] {
    var found: [String] = []
    for file in try files() {
      let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
      let template = file.pathExtension == "mustache"
      var multiline = false, helpBlock = false
      for (number, line) in lines.enumerated() {
        if line.contains("\"\"\"") {
          multiline.toggle()
          // The argument parser's usage lines (command syntax) are not scanned; help texts are.
          helpBlock = multiline && line.contains("usage:")
          continue
        }
        if helpBlock || (!template && !multiline && skipped(line)) { continue }
        // A style sheet line (`th{text-align:left;…}`) is not words.
        if multiline, line.range(of: "[a-z-]+ ?: ?[^;]+;", options: .regularExpression) != nil, line.contains("{") { continue }
        let texts = template || multiline ? [line] : literals(line)
        for text in texts where isEnglish(readable(text)) {
          found.append("\(file.lastPathComponent):\(number + 1): \(text.trimmingCharacters(in: .whitespaces))")
        }
      }
    }
    return found
  }

  @Test func presentationSourcesHoldNoEnglishLiteral() throws {
    let found = try Self.findings()
    #expect(found.isEmpty, "English text outside the catalogue (add a MessageKey):\n\(found.joined(separator: "\n"))")
  }

  @Test func theScanFindsAnEnglishLiteral() {
    #expect(Self.isEnglish(Self.readable("mean lost")))
    #expect(Self.isEnglish(Self.readable("<h2>Weak areas</h2>")))
    #expect(Self.isEnglish(Self.readable("Trend")))
    #expect(Self.literals(#"x = "no rows" + "\(count) items""#) == ["no rows", " items"])
    #expect(!Self.isEnglish(Self.readable("<rect class=\"bar\" x=\"1\"/>")))
    #expect(!Self.isEnglish(Self.readable("{{t.weakAreas}}")))
    #expect(!Self.isEnglish(Self.readable("weak-areas")))
    #expect(!Self.isEnglish(Self.readable("%.1f")))
  }
}
