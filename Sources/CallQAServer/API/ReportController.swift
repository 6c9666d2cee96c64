import CallQAKit
import Foundation
import Hummingbird

/// `GET /api/reports/{name}`: the CLI's reports, scoped to what the reader may read, as the
/// same JSON as `--format json`, or with `format=csv|xlsx|html` as a download written by the
/// library's own writers.
struct ReportController {
  let backend: Backend
  let options: ServerOptions

  /// What one report computed: the document the writers take and the CLI's JSON.
  struct Computed: Sendable {
    var document: ReportDocument
    var json: String
  }

  enum Format: String, CaseIterable { case json, csv, xlsx, html }

  /// Every report by name, with the query parameters it takes besides `format` and `lang`.
  static let reports: [String: Set<String>] = [
    "weak-areas": ["period", "from", "to", "team", "agent", "scorecard", "kind", "by", "top"],
    "trend": ["period", "from", "to", "team", "agent", "scorecard", "kind", "by", "item"],
    "agents": ["period", "from", "to", "team", "agent", "scorecard", "kind"],
    "leaderboard": ["period", "day", "team", "top", "mentoring"],
    "quality": ["period", "team", "complaint_coefficient", "monitoring_weight"],
    "coverage": ["period", "week", "team", "quota"],
    "performance": ["period", "team"],
    "inspectors": ["period"],
  ]

  func register(_ routes: Routes) {
    routes.get("/api/reports/{name}") { request, context in
      let actor = try context.requireIdentity().actor
      let name = context.parameters.text("name")
      guard let allowed = Self.reports[name] else {
        throw ServerError.notFound("no report '\(name)' (reports: \(Self.reports.keys.sorted().joined(separator: ", ")))")
      }
      let query = try Query(request, allowed: allowed.union(["format", "lang"]))
      let format = try query.choice("format", Format.self) ?? .json
      let language = query["lang"] ?? context.language.rawValue
      guard ["zh", "en"].contains(language) else { throw ServerError.badRequest("lang must be zh or en, not '\(language)'") }
      let options = self.options
      return try await backend.run { db in
        try Self.emit(Self.compute(name, query, language: language, db: db, actor: actor), format: format, name: name, options: options)
      }
    }
  }

  /// Runs report `name` as the CLI command of the same name does, for `actor`.
  static func compute(_ name: String, _ query: Query, language: String, db: QADatabase, actor: Actor) throws -> Computed {
    let words = Language(rawValue: language) ?? .en
    func filter(_ what: MessageArgument) throws -> ReportFilter {
      let kind = try query.choice("kind", EvaluationKind.self)
      if query["period"] != nil, query["from"] != nil || query["to"] != nil {
        throw ServerError.badRequest("give either period or from/to, not both")
      }
      if query["team"] != nil, query["agent"] != nil { throw ServerError.badRequest("give either team or agent, not both") }
      let asked = ReportFilter(
        from: query["from"], to: query["to"], period: query["period"], team: query["team"], agent: query["agent"],
        scorecard: query["scorecard"], kind: kind)
      try asked.validate()
      return try db.readable(asked, for: actor, what: what)
    }
    func month() throws -> String {
      guard let period = query["period"] else { throw ServerError.badRequest("period is required: a month YYYY-MM") }
      guard ReportPeriod.monthBounds(period) != nil else { throw ServerError.badRequest("period must be a month YYYY-MM, not '\(period)'") }
      return period
    }
    switch name {
    case "weak-areas":
      let report = try db.weakAreas(
        filter(.phrase(.whatWeakAreas)), by: try query.choice("by", WeakAreaLevel.self) ?? .item, top: try query.int("top"), language: language)
      return Computed(document: report.document(words, chartTop: try query.int("top") ?? 15), json: try JSONText.pretty(report))
    case "trend":
      let report = try db.trend(
        filter(.phrase(.whatTrend)), by: try query.choice("by", TrendBucket.self) ?? .month, item: query["item"], language: language)
      return Computed(document: report.document(words, pass: try db.passLine(scorecard: query["scorecard"])), json: try JSONText.pretty(report))
    case "agents":
      let report = try db.agentsReport(filter(.phrase(.whatAgentsReport)), language: language)
      return Computed(document: report.document(words, pass: try db.passLine(scorecard: query["scorecard"])), json: try JSONText.pretty(report))
    case "leaderboard":
      if query["period"] != nil, query["day"] != nil { throw ServerError.badRequest("give either period or day, not both") }
      let top = try query.int("top") ?? 5
      guard top >= 1 else { throw ServerError.badRequest("top must be at least 1") }
      let scoped = ReportFilter(
        from: query["day"], to: query["day"], period: query["period"], team: try db.readableTeam(query["team"], for: actor, what: .phrase(.whatLeaderboard)))
      try scoped.validate()
      let board = try db.leaderboard(scoped, top: top, rule: LeaderboardRule(), mentoring: try query.bool("mentoring"))
      return Computed(document: board.document(words), json: try JSONText.pretty(board))
    case "quality":
      let settings = QualitySettings(
        complaintCoefficient: try query.double("complaint_coefficient") ?? 2, monitoringWeight: try query.double("monitoring_weight") ?? 0.5)
      let report = try db.quality(
        period: try month(), team: try db.readableTeam(query["team"], for: actor, what: .phrase(.whatQualityIndex)), settings: settings)
      return Computed(document: report.document(words, pass: try db.passLine()), json: try JSONText.pretty(report))
    case "coverage":
      guard (query["week"] == nil) != (query["period"] == nil) else { throw ServerError.badRequest("give either week (2026-W47) or period (2026-11)") }
      let period = try ReportPeriod.parse(query["week"] ?? query["period"] ?? "")
      let quota = try query.int("quota") ?? 2
      guard quota >= 1 else { throw ServerError.badRequest("quota must be 1 or more") }
      let report = try db.coverage(period: period, weeklyQuota: quota, team: try db.readableTeam(query["team"], for: actor, what: .phrase(.whatCoverage)))
      return Computed(document: report.document(words), json: try JSONText.pretty(report))
    case "performance":
      let sheet = try db.performance(
        period: try ReportPeriod.parse(try month()), plan: .standard,
        team: try db.readableTeam(query["team"], for: actor, what: .phrase(.whatPerformanceSheet)))
      return Computed(document: sheet.document(words), json: try JSONText.pretty(sheet))
    default:  // inspectors
      try db.requireReadsEverything(actor, what: .phrase(.whatInspectorDrift))
      let period = query["period"]
      if let period, ReportPeriod.monthBounds(period) == nil { throw ServerError.badRequest("period must be a month YYYY-MM, not '\(period)'") }
      let drift = try db.inspectorDrift(period: period)
      return Computed(document: drift.document(period: period, language: words), json: try JSONText.pretty(drift.rows))
    }
  }

  /// The report in `format`: JSON inline, the rest as a file to save.
  static func emit(_ computed: Computed, format: Format, name: String, options: ServerOptions) throws -> Response {
    switch format {
    case .json:
      return Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: computed.json + "\n")))
    case .csv:
      guard let table = computed.document.tables.first else { throw ServerError.notFound("report \(name) has no table") }
      return Reply.download(Data(CSVWriter.csv(table).utf8), type: "text/csv; charset=utf-8", filename: "\(name).csv")
    case .html:
      return Reply.download(Data(HTMLReportWriter.html(computed.document).utf8), type: "text/html; charset=utf-8", filename: "\(name).html")
    case .xlsx:
      let path = URL(fileURLWithPath: options.workFolder).appendingPathComponent("callqa-report-\(UUID().uuidString).xlsx").path
      defer { try? FileManager.default.removeItem(atPath: path) }
      try XLSXWriter.write(computed.document, to: path)
      guard let data = FileManager.default.contents(atPath: path) else { throw CallQAError(.errWorkbookCouldRead, kind: .storage(.other)) }
      return Reply.download(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: "\(name).xlsx")
    }
  }
}
