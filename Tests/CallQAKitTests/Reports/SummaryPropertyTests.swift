import Foundation
import Testing

@testable import CallQAKit

/// Reports through the report summaries return what the detail rows give, over random
/// centres: the benchmark generator's centre (bulk writes with disputes and revisions, calibration
/// scorings), then random imports, single submissions at odd offsets, second opinions,
/// disputes upheld and revised one by one.
@Suite("Report summaries = detail rows, over random centres (seeded)")
struct SummaryPropertyTests {
  static let actor = Actor.singleDesk(osUser: "test")

  /// A random centre built through every write path that changes the counted evaluations.
  static func centre(seed: UInt64) throws -> (db: QADatabase, months: [String], folder: URL) {
    var random = BenchmarkData.Random(state: seed)
    let db = try QADatabase.inMemory()
    let months = 1 + random.below(3)
    let first = "2026-0\(1 + random.below(6))"
    let data = BenchmarkData(
      agents: 6 + random.below(30), months: months, evaluations: 150 + random.below(400), firstMonth: first, seed: seed)
    try data.generate(into: db)
    let monthNames = (0..<months).map { String(format: "2026-%02d", Int(first.suffix(2))! + $0) }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("summaries-\(seed)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // An import file over the same months (agents it names are created).
    let csv = random.below(2) == 0
    let file = folder.appendingPathComponent(csv ? "import.csv" : "import.jsonl").path
    let last = monthNames.last!
    try ImportBenchmarkFile.generate(
      evaluations: 40 + random.below(200), months: months,
      lastMonth: EvaluationGenerator.Month(year: Int(last.prefix(4))!, month: Int(last.suffix(2))!), seed: seed,
      path: file, format: csv ? .csv : .jsonl)
    _ = try db.importEvaluations(path: file, options: EvaluationImportOptions(actor: actor))
    // One by one: submissions (odd offsets move a call across a day or month), second opinions,
    // disputes upheld or revised.
    let scorecards = try db.scorecards()
    let agents = try db.agents().map(\.code)
    for step in 0..<60 {
      let scorecard = scorecards[random.below(scorecards.count)]
      let sheet = AnswerSheet(answers: BenchmarkData.answers(scorecard.scorecard, quality: random.unit(), random: &random))
      let month = monthNames[random.below(monthNames.count)]
      let offsets = ["+08:00", "-05:00", "+00:00", "+14:00", "-11:00"]
      let day = month + "-" + String(format: "%02d", 1 + random.below(28))
      let hour = random.below(2) == 0 ? "00:30:00" : "23:30:00"
      let started = day + "T" + hour + offsets[random.below(offsets.count)]
      let kind: EvaluationKind = random.below(5) == 0 ? .testCall : .monitoring
      let agent = agents[random.below(agents.count)]
      var submission = EvaluationSubmission(
        scorecard: scorecard, agentCode: agent, inspectorCode: "BQA1",
        call: CallInput(externalId: "P\(seed)-\(step)", startedAt: started), kind: kind, sheet: sheet, actor: actor)
      let id = try db.submit(submission)
      switch random.below(4) {
      case 0:
        submission.secondOpinion = true
        submission.inspectorCode = "BQA2"
        try db.submit(submission)
      case 1:
        let dispute = try db.openDispute(evaluation: id, by: agent, reason: "复听", actor: actor)
        if random.below(2) == 0 {
          let better = AnswerSheet(answers: BenchmarkData.answers(scorecard.scorecard, quality: 1, random: &random))
          _ = try db.reviseDispute(id: dispute.id, sheet: better, reviewer: "BQA3", note: nil, actor: actor)
        } else {
          _ = try db.upholdDispute(id: dispute.id, reviewer: "BQA3", note: nil, actor: actor)
        }
      default: break
      }
    }
    return (db, monthNames, folder)
  }

  /// Every report over every filter shape, as JSON, from the summaries and from the detail rows.
  @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
  func everyReportReadsTheSameFromTheSummaries(seed: UInt64) throws {
    let (db, months, folder) = try Self.centre(seed: seed)
    defer { try? FileManager.default.removeItem(at: folder) }
    let detail = db.readingDetailOnly()
    #expect(try db.summaryDifferences() == [])
    let month = months[Int(seed) % months.count]
    let days = try #require(ReportPeriod.parseMonth(months.last!)?.days)
    let agent = try #require(try db.agents(team: "Team 1").first?.code)
    let lastTeam = try #require(try db.agents().compactMap(\.team).max())
    let filters: [(ReportFilter, Bool)] = [
      (ReportFilter(), true),
      (ReportFilter(period: month), true),
      (ReportFilter(period: month, team: "Team 1"), true),
      (ReportFilter(period: month, agent: agent), true),
      (ReportFilter(team: lastTeam), true),
      (ReportFilter(from: months[0] + "-01", to: days.last), true),
      (ReportFilter(period: month, scorecard: "inbound-service"), true),
      (ReportFilter(period: month, kind: .testCall), true),
      (ReportFilter(from: month + "-03", to: month + "-17"), true),
      (ReportFilter(from: month + "-03", to: month + "-17", team: "Team 1"), false),
      (ReportFilter(to: month + "-20", scorecard: "outbound-sales@1", kind: .monitoring), true),
    ]
    var compared = 0
    func same<T: Encodable>(_ what: String, _ body: (QADatabase) throws -> T) throws {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let a = try JSONSerialization.jsonObject(with: encoder.encode(try body(db)), options: [.fragmentsAllowed])
      let b = try JSONSerialization.jsonObject(with: encoder.encode(try body(detail)), options: [.fragmentsAllowed])
      let differences = Self.differences(a, b, path: what)
      #expect(differences.isEmpty, "\(differences.prefix(5).joined(separator: "\n"))")
      compared += 1
    }
    for (filter, answered) in filters {
      let centreWide = !filter.isNarrowed
      #expect(db.reportSource(.weakAreas, filter) == (answered || centreWide ? .summaries : .detail), "\(filter)")
      #expect(detail.reportSource(.weakAreas, filter) == .detail)
      for level in WeakAreaLevel.allCases {
        try same("weak areas \(level) \(filter)") { try $0.weakAreas(filter, by: level) }
      }
      try same("agents \(filter)") { try $0.agentsReport(filter) }
      try same("leaderboard \(filter)") { try $0.leaderboard(filter) }
      for bucket in TrendBucket.allCases {
        try same("trend \(bucket) \(filter)") { try $0.trend(filter, by: bucket) }
      }
    }
    #expect(db.reportSource(.perAgent, ReportFilter(period: month)) == .summaries)
    #expect(db.reportSource(.trend(.week), ReportFilter(period: month, team: "Team 1")) == .detail)
    for team in [nil, "Team 1"] {
      try same("quality \(month) \(team ?? "")") { try $0.quality(period: month, team: team) }
      try same("coverage \(month) \(team ?? "")") { try $0.coverage(period: try ReportPeriod.parse(month), team: team, margin: try MarginTarget(margin: 5)) }
    }
    try same("coverage week") { try $0.coverage(period: try ReportPeriod.parse("\(month.prefix(4))-W10")) }
    try same("performance \(month)") { try $0.performance(period: try ReportPeriod.parse(month), plan: .standard) }
    #expect(compared >= 70)
    // A rebuild finds nothing to change.
    #expect(try db.rebuildSummaries(actor: Self.actor) == [])
    #expect(try db.summaryDifferences() == [])
  }

  /// Where two decoded JSON values differ: numbers to rounding (relative 1e-9), the rest exactly.
  static func differences(_ a: Any, _ b: Any, path: String) -> [String] {
    switch (a, b) {
    case (let x as [String: Any], let y as [String: Any]):
      guard Set(x.keys) == Set(y.keys) else { return ["\(path): keys \(x.keys.sorted()) vs \(y.keys.sorted())"] }
      return x.keys.sorted().flatMap { differences(x[$0]!, y[$0]!, path: path + "." + $0) }
    case (let x as [Any], let y as [Any]):
      guard x.count == y.count else { return ["\(path): \(x.count) vs \(y.count) elements"] }
      return zip(x, y).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
    case (let x as NSNumber, let y as NSNumber):
      let u = x.doubleValue, v = y.doubleValue
      return u == v || abs(u - v) <= 1e-9 * max(1, abs(u), abs(v)) ? [] : ["\(path): \(x) vs \(y)"]
    case (let x as String, let y as String):
      return x == y ? [] : ["\(path): \(x) vs \(y)"]
    case (is NSNull, is NSNull):
      return []
    default:
      return ["\(path): \(a) vs \(b)"]
    }
  }
}
