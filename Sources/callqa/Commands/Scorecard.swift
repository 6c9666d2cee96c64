import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa scorecard …`: list, show, validate and import scorecards.
  struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "scorecard",
      abstract: Terminal.help(.abstractListShowValidate),
      subcommands: [List.self, Show.self, Validate.self, Import.self])
  }
}

extension CallQA.ScorecardCommand {
  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractListStoredScorecards))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions

    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let rows = try database.openReadOnly().scorecards().map { ScorecardListing($0, language: language.language) }
      if output.format == .json { return try printJSON(rows) }
      let words = language.words
      var table = TextTable([
        .init(words[.colScorecard]), .init(words[.colTitle]), .init(words[.colItems], .right), .init(words[.colPass], .right),
        .init(words[.colFingerprint]),
      ])
      for row in rows {
        table.add(["\(row.key)@\(row.version)", row.title, String(row.items), ScoreFormat.plain(row.passScore), String(row.fingerprint.prefix(12))])
      }
      Console.out(table.render())
    }
  }

  struct Show: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractShowScorecardTree))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpKeyKeyVersion))) var reference: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let stored = try database.openReadOnly().scorecard(reference: reference)
      Console.out(ScorecardTree.render(stored.scorecard, language: language.language, fingerprint: stored.fingerprint))
    }
  }

  struct Validate: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractValidateScorecardFiles))
    @Argument(help: ArgumentHelp(Terminal.help(.helpScorecardYamlFiles))) var files: [String]
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      for file in files {
        let scorecard = try ScorecardLoader.load(path: file)
        Console.out("ok: \(file)  \(scorecard.reference)  \(scorecard.allItems.count) items  fingerprint \(try scorecard.fingerprint.prefix(12))")
      }
    }
  }

  struct Import: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractValidateStoreScorecard))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpScorecardYamlFiles))) var files: [String]
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let scorecards = try files.map { try ScorecardLoader.load(path: $0) }
      let db = try database.open()
      for scorecard in scorecards {
        let outcome = try db.importScorecard(scorecard, actor: db.terminalActor())
        Console.out("\(outcome == .added ? "imported" : "unchanged"): \(scorecard.reference)")
      }
    }
  }
}

/// Renders a scorecard as an indented tree for `scorecard show`.
enum ScorecardTree {
  static func render(_ scorecard: Scorecard, language: String, fingerprint: String) -> String {
    var lines: [String] = []
    lines.append("\(scorecard.reference)  \(scorecard.title.resolve(language))")
    lines.append(
      "pass \(ScoreFormat.plain(scorecard.passScore))  exemplary \(ScoreFormat.plain(scorecard.exemplaryScore))  fingerprint \(fingerprint.prefix(12))")
    if !scorecard.bands.isEmpty {
      lines.append("bands: " + scorecard.bands.map { "≥\(ScoreFormat.plain($0.min)) \($0.label.resolve(language))" }.joined(separator: " · "))
    }
    if let maxScore = scorecard.maxScore { lines.append("max score \(ScoreFormat.plain(maxScore)) (bonus points above 100 up to it)") }
    if let causes = scorecard.causes {
      lines.append("root causes: " + causes.map { "\($0.key) \($0.label.resolve(language))" }.joined(separator: " · "))
    }
    if let accuracy = scorecard.accuracy { lines.append("error groups accurate: \(accuracy.rawValue)") }
    let explicit = scorecard.hasExplicitWeights
    for section in scorecard.sections {
      let points = section.items.reduce(0) { $0 + $1.points }
      let weight = explicit ? "weight \(ScoreFormat.plain(section.weight ?? 0))" : "weight = points (\(ScoreFormat.plain(points)))"
      lines.append("")
      lines.append("■ \(section.key)  \(section.title.resolve(language))  [\(weight)]")
      if let when = section.when { lines.append("  asked when \(when.description)") }
      for item in section.items {
        var flags = [item.type.rawValue, "\(ScoreFormat.plain(item.points)) pts"]
        if item.type == .deduction, let deduct = item.deduct { flags.append("−\(ScoreFormat.plain(deduct))/occurrence") }
        if item.na { flags.append("N/A allowed") }
        if item.critical != .none { flags.append("CRITICAL: \(item.critical.rawValue)") }
        if item.isBonus { flags.append("BONUS") }
        if let group = item.group { flags.append("group \(group.rawValue)") }
        lines.append("  • \(item.key)  \(item.title.resolve(language))  (\(flags.joined(separator: ", ")))")
        if let guidance = item.guidance { lines.append("      \(guidance.resolve(language))") }
        for (index, level) in item.levels.enumerated() {
          lines.append("      \(index + 1)) \(ScoreFormat.plain(level.score)) — \(level.label.resolve(language))")
        }
        if let auto = item.auto { lines.append("      auto: \(auto.summary)") }
        if let when = item.when { lines.append("      asked when \(when.description)") }
        if item.causes != nil || item.requiresCause {
          let offered = item.causes?.joined(separator: ", ") ?? "any"
          lines.append("      root causes: \(offered)\(item.requiresCause ? " (required when it loses points)" : "")")
        }
      }
    }
    return lines.joined(separator: "\n")
  }
}
