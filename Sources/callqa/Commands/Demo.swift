import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa demo`: build a realistic, deterministic demo centre and print a first summary.
  struct Demo: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractBuildRealisticDemo),
      discussion: Terminal.help(.discussionDemo))

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpNumberAgentsAbout))) var agents = 32
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthsCalls))) var months = 3
    @Option(help: ArgumentHelp(Terminal.help(.helpRandomSeed))) var seed: UInt64 = 42
    @Option(help: ArgumentHelp(Terminal.help(.helpLastMonthCalls))) var lastMonth: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpReplaceExistingDatabase))) var force = false
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard (1...100_000).contains(agents) else { throw ValidationError(Terminal.words(.errAgentsMustBetween)) }
      guard (1...60).contains(months) else { throw ValidationError(Terminal.words(.errMonthsMustBetween)) }
      if let lastMonth, Demo.month(lastMonth) == nil {
        throw ValidationError(Terminal.words(.errLastMonthMustYyyy, lastMonth))
      }
    }

    static func month(_ text: String) -> EvaluationGenerator.Month? {
      let parts = text.split(separator: "-")
      guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m)
      else { return nil }
      return EvaluationGenerator.Month(year: y, month: m)
    }

    func execute() throws {
      let path = try database.sqliteFile(for: "demo")
      if FileManager.default.fileExists(atPath: path) {
        guard force else {
          throw CallQAError(.errAlreadyExistsPass, path)
        }
        // Replacing a database is building the demo over it: only its admin (or its single desk) may.
        let existing = try QADatabase(path: path)
        try existing.authorize(existing.terminalActor(), .buildDemo)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try? FileManager.default.removeItem(atPath: Demo.mediaFolder(of: path))
      }
      let last = lastMonth.flatMap(Demo.month) ?? Demo.previousMonth()
      let database = try QADatabase(path: path)
      let progress = ProgressBar(label: "demo")
      let started = Date()
      let summary = try database.buildDemo(
        DemoOptions(agents: agents, months: months, seed: seed, lastMonth: last, actor: database.terminalActor()),
        progress: progress.map { bar in { @Sendable done, total in bar.update(done, of: total) } })
      progress?.finish()
      let base = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
      let queue = try database.buildDemoQueue(
        folder: Demo.mediaFolder(of: path), base: base, month: last, seed: seed, actor: database.terminalActor())
      Console.out(Demo.render(summary, queue: queue, path: path, seconds: Date().timeIntervalSince(started), words: language.words))
    }

    /// `demo-media/` beside the database: the queue's recordings and transcripts.
    static func mediaFolder(of path: String) -> String {
      URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("demo-media").standardizedFileURL.path
    }

    static func previousMonth() -> EvaluationGenerator.Month {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone.current
      let c = calendar.dateComponents([.year, .month], from: Date())
      let index = (c.year ?? 2026) * 12 + (c.month ?? 1) - 2
      return EvaluationGenerator.Month(year: index / 12, month: index % 12 + 1)
    }

    static func render(_ s: DemoSummary, queue: DemoQueueSummary, path: String, seconds: Double, words: Messages = Messages(.en)) -> String {
      var lines = [
        Console.bold(words(.demoReady, path)) + String(format: "  (%.1f s)", seconds),
        words(.demoAgents, s.agents, s.teams.count, s.inspectors, s.calls, words.month(s.firstMonth), words.month(s.lastMonth)),
        words(.demoEvaluations, s.evaluations, s.testCalls, s.criticalFailures, s.notApplicable, s.complaints, s.trainingCases),
        "",
      ]
      var table = TextTable([
        .init(words[.colTeam]), .init(words[.colSupervisor]), .init(words[.colScorecard]), .init(words[.colAgents], .right),
        .init(words[.colEvaluations], .right), .init(words[.colMean], .right), .init(words[.colPassPct], .right),
      ])
      for team in s.teams.prefix(12) {
        table.add([
          team.team, team.supervisor, team.scorecard, String(team.agents), String(team.evaluations),
          String(format: "%.1f", team.meanFinal), String(format: "%.0f", team.passRate),
        ])
      }
      lines.append(table.render())
      if s.teams.count > 12 { lines.append(words(.demoMoreTeams, s.teams.count - 12)) }
      lines.append("")
      let inspectors = s.inspectorMeans.prefix(6).map { "\($0.code) \($0.name) \(String(format: "%.1f", $0.mean))" }
      lines.append(words(.demoInspectorMeans, inspectors.joined(separator: " · ") + (s.inspectorMeans.count > 6 ? " …" : "")))
      let items = s.costliestItems.map { words(.demoCostliestItem, $0.item, $0.scorecard, String(format: "%.1f", $0.meanLost)) }
      lines.append(words(.demoCostliest, words.list(items)))
      lines.append(words(.demoQueue, queue.calls, queue.week, queue.folder, queue.assigned))
      let db = path == "callqa.sqlite" ? "" : " --db \(path)"
      lines += [
        "",
        words[.demoNext],
        "  callqa evaluation list --limit 10\(db)",
        "  callqa report weak-areas --period \(s.lastMonth)\(db)",
        "  callqa quality --period \(s.lastMonth)\(db)",
        "  callqa performance --period \(s.lastMonth)\(db)",
        "  callqa coverage --period \(s.lastMonth)\(db)",
        "  callqa case list\(db)",
        "  callqa queue --all\(db)",
        "  callqa score --next --inspector QA01\(db)",
      ]
      return lines.joined(separator: "\n")
    }
  }
}
