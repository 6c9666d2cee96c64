import CallQAKit
import Foundation
import Hummingbird

/// The supervisor's and manager's dashboard: the quality index, weak areas as a Pareto of
/// horizontal bars (item titles, not keys), the trend, coverage gaps, disputes waiting and
/// inspector drift, for one month and team, each downloadable as xlsx and csv.
extension PageRoutes {
  /// The newest open disputes the dashboard lists (the disputes page lists them all).
  static let disputesShown = 50

  /// One panel: a report's bars and first table, or why the reader cannot see it.
  struct Panel: Sendable {
    var id: String
    var titleKey: String
    var report: String?
    var document: ReportDocument?
    /// Why the panel could not be computed, shown in the page's language.
    var problem: LocalizedMessage?
    /// Rows shown (the download has them all).
    var rowLimit = 12
    var barsFromChart = true
  }

  func registerDashboard(_ routes: Routes) {
    routes.get("/dashboard", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let query = try Query(request, allowed: ["period", "team", "lang"])
      let period = query["period"] ?? String(Timestamp.nowLocal().prefix(7))
      guard ReportPeriod.monthBounds(period) != nil else { throw ServerError.badRequest(LocalizedMessage(.srvPeriodMustMonth, [period])) }
      let team = query["team"]
      let language = context.language.rawValue
      let teams = try await backend.run { db in
        Policy.readScope(actor) == .everything ? Array(Set(try db.agents().compactMap(\.team))).sorted() : actor.user?.teams ?? []
      }
      let backend = self.backend
      let specs = Self.panels(actor, period: period, team: team, language: language)
      // The panels are read side by side, each from the cache or by one computation.
      let computed = await withTaskGroup(of: (Int, Panel, Date).self) { group in
        for (index, spec) in specs.enumerated() {
          let key = PanelCache.Key(panel: spec.id, period: period, team: team, language: language, scope: Policy.readScope(actor))
          group.addTask {
            let (panel, at) = await panelCache.panel(key) { await Self.compute(spec, backend: backend) }
            return (index, panel, at)
          }
        }
        var results: [(Int, Panel, Date)] = []
        for await result in group { results.append(result) }
        return results.sorted { $0.0 < $1.0 }
      }
      let words = Messages(context.language).byName
      let oldest = computed.map(\.2).min() ?? Date()
      return render(
        "dashboard", title: "dashboard", request, context,
        [
          "period": period, "teams": teams.map { ["name": $0, "selected": $0 == team] },
          "panels": computed.map { panelValues($0.1, words: words, language: context.language, period: period, team: team) },
          "asOf": PageFormat.clock(oldest),
        ])
    }
  }

  /// One panel to compute: its report, read as `actor` may read it.
  struct PanelSpec: Sendable {
    var id: String
    var titleKey: String
    var report: String?
    var barsFromChart = true
    var body: @Sendable (QADatabase) throws -> ReportDocument
  }

  static func compute(_ spec: PanelSpec, backend: Backend) async -> Panel {
    var panel = Panel(id: spec.id, titleKey: spec.titleKey, report: spec.report, barsFromChart: spec.barsFromChart)
    do {
      panel.document = try await backend.run { db in try spec.body(db) }
    } catch let error as CallQAError {
      panel.problem = error.text
    } catch {
      panel.problem = .verbatim("\(error)")
    }
    return panel
  }

  static func panels(_ actor: Actor, period: String, team: String?, language: String) -> [PanelSpec] {
    let filter = ReportFilter(period: period, team: team)
    let lang = Language(rawValue: language) ?? .en, words = Messages(lang)
    return [
      PanelSpec(id: "quality", titleKey: "qualityIndex", report: "quality") { db in
        try db.quality(period: period, team: try db.readableTeam(team, for: actor, what: .phrase(.whatQualityIndex))).document(lang, pass: try db.passLine())
      },
      PanelSpec(id: "weak-areas", titleKey: "weakAreas", report: "weak-areas") { db in
        try db.weakAreas(db.readable(filter, for: actor, what: .phrase(.whatWeakAreas)), top: 10, language: language).document(lang, chartTop: 10)
      },
      PanelSpec(id: "trend", titleKey: "trend", report: "trend") { db in
        let (from, to) = Self.sixMonths(endingIn: period)
        return try db.trend(db.readable(ReportFilter(from: from, to: to, team: team), for: actor, what: .phrase(.whatTrend)), by: .month, language: language)
          .document(lang, pass: try db.passLine())
      },
      PanelSpec(id: "coverage", titleKey: "coverageGaps", report: "coverage") { db in
        var document = try db.coverage(period: try ReportPeriod.parse(period), team: try db.readableTeam(team, for: actor, what: .phrase(.whatCoverage)))
          .document(lang)
        if var agents = document.tables.first {
          let below: Int? = 6  // the agents table's column of the kinds below the quota
          agents.rows = agents.rows.filter { row in below.map { $0 < row.count && !row[$0].display.isEmpty && row[$0].display != "—" } ?? true }
          document.tables[0] = agents
        }
        return document
      },
      PanelSpec(id: "disputes", titleKey: "disputesWaiting", report: nil, barsFromChart: false) { db in
        let open = try db.disputes(status: .open, readableBy: actor, limit: Self.disputesShown)
        let table = ReportTable(
          name: words[.disputes], title: words[.disputesWaiting],
          columns: [
            .init("#", numeric: true), words.column(.evaluation, numeric: true), words.column(.agent), words.column(.final, numeric: true),
            words.column(.opened), words.column(.reason),
          ],
          rows: open.map {
            [.integer(Int($0.id)), .integer(Int($0.evaluation)), .text($0.agent), .score($0.finalScore), .text(PageFormat.day($0.openedAt)), .text($0.reason)]
          })
        return ReportDocument(title: words[.disputes], scope: "", tables: [table], language: lang)
      },
      PanelSpec(id: "inspectors", titleKey: "inspectorDrift", report: "inspectors") { db in
        try db.requireReadsEverything(actor, what: .phrase(.whatInspectorDrift))
        return try db.inspectorDrift(period: period).document(period: period, language: lang)
      },
    ]
  }

  /// The first and last day of the six months that end with `period` (`YYYY-MM`).
  static func sixMonths(endingIn period: String) -> (String, String) {
    let parts = period.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 2 else { return (period + "-01", period + "-28") }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let first = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1))!
    let start = calendar.date(byAdding: .month, value: -5, to: first)!
    let days = calendar.range(of: .day, in: .month, for: first)?.count ?? 28
    let startParts = calendar.dateComponents([.year, .month], from: start)
    return (String(format: "%04d-%02d-01", startParts.year ?? parts[0], startParts.month ?? 1), String(format: "%04d-%02d-%02d", parts[0], parts[1], days))
  }

  func panelValues(_ panel: Panel, words: [String: String], language: Language, period: String, team: String?) -> [String: Any] {
    let problem = panel.problem?.rendered(Messages(language))
    var values: [String: Any] = ["id": panel.id, "title": words[panel.titleKey] ?? panel.titleKey, "problem": PageFormat.optional(problem)]
    guard let document = panel.document else { return values }
    if panel.barsFromChart, let chart = document.charts.first, let series = chart.series.first {
      let pairs = zip(chart.labels, series.values).compactMap { label, value in value.map { (label, $0) } }.prefix(panel.rowLimit)
      let top = max(pairs.map(\.1).max() ?? 1, chart.kind == .pareto ? 0.0001 : 100)
      values["bars"] = pairs.map { label, value -> [String: Any] in
        [
          "label": label, "value": String(format: chart.kind == .pareto ? "%.2f" : "%.1f", value),
          "width": String(format: "%.1f", max(0, min(100, 100 * value / top))),
          "tone": chart.kind == .pareto ? "loss" : value >= (chart.pass ?? 85) ? "good" : "low",
        ]
      }
      values["hasBars"] = !pairs.isEmpty
    }
    if let table = document.tables.first, !(values["hasBars"] as? Bool ?? false) || panel.id == "trend" {
      values["hasTable"] = !table.rows.isEmpty
      values["columns"] = table.columns.map { ["title": $0.title, "numeric": $0.numeric] }
      values["rows"] = table.rows.prefix(panel.rowLimit).map { row -> [String: Any] in
        [
          "cells": row.enumerated().map { index, cell -> [String: Any] in
            var entry: [String: Any] = ["text": cell.display, "numeric": index < table.columns.count && table.columns[index].numeric]
            if panel.id == "disputes", index == 1 { entry["link"] = "/evaluations/\(cell.display)" }
            return entry
          }
        ]
      }
    }
    let hasContent = (values["hasBars"] as? Bool ?? false) || (values["hasTable"] as? Bool ?? false)
    values["empty"] = !hasContent && panel.problem == nil
    if let report = panel.report {
      let (from, to) = Self.sixMonths(endingIn: period)
      var parts = report == "trend" ? ["from=\(from)", "to=\(to)"] : ["period=\(period)"]
      if let team, report != "inspectors" { parts.append("team=\(team.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
      let scope = parts.joined(separator: "&")
      values["downloads"] = [
        ["href": "/api/reports/\(report)?\(scope)\(scope.isEmpty ? "" : "&")format=xlsx", "label": words["downloadXlsx"] ?? "xlsx"],
        ["href": "/api/reports/\(report)?\(scope)\(scope.isEmpty ? "" : "&")format=csv", "label": words["downloadCsv"] ?? "csv"],
      ]
      values["hasDownloads"] = true
    }
    return values
  }
}
