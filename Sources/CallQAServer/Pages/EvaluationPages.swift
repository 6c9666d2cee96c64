import CallQAKit
import Foundation
import Hummingbird

/// One evaluation (breakdown, notes, receipt, disputes, and the actions the reader may take),
/// the agent's own list and trend, and the list of disputes.
enum EvaluationPages {
  struct Detail: Sendable {
    var evaluation: EvaluationDetail
    var scorecard: Scorecard
    var disputes: [Dispute]
  }

  /// The breakdown partial's values.
  static func breakdown(_ detail: EvaluationDetail, scorecard: Scorecard, context: ServerContext) -> [String: Any] {
    let words = Messages(context.language).byName
    let language = context.language.rawValue
    let lost = detail.items.filter { ($0.impact ?? 0) > 0.0001 }.sorted { ($0.impact ?? 0) > ($1.impact ?? 0) }.prefix(3)
    return [
      "final": PageFormat.score(detail.finalScore), "band": PageFormat.optional(detail.band),
      "resultClass": detail.passed == true ? "pass" : "fail",
      "resultLabel": detail.passed == true ? words["passLabel"] ?? "" : words["failLabel"] ?? "",
      "sections": detail.sections.map { section -> [String: Any] in
        [
          "title": scorecard.sections.first { $0.key == section.key }?.title.resolve(language) ?? section.key,
          "score": PageFormat.score(section.score), "weight": ScoreFormat.plain(section.weight),
        ]
      },
      "lost": lost.map { ["title": scorecard.item($0.key)?.title.resolve(language) ?? $0.key, "impact": String(format: "%.1f", $0.impact ?? 0)] },
      "hasLost": !lost.isEmpty,
    ]
  }
}

extension PageRoutes {
  func registerEvaluation(_ routes: Routes) {
    routes.get("/evaluations/{id}", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      let detail = try await backend.run { db in
        let evaluation = try EvaluationController.show(db, id, actor)
        return EvaluationPages.Detail(
          evaluation: evaluation, scorecard: try db.scorecard(ofEvaluation: id).scorecard,
          disputes: try db.disputes(evaluation: id, readableBy: actor))
      }
      return render("evaluation", title: "evaluation", request, context, evaluationPage(detail, actor: actor, context: context))
    }
    routes.post("/evaluations/{id}/ack", api: false) { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      _ = try await backend.run { db in try db.acknowledgeEvaluation(id, actor: actor) }
      return Reply.redirect("/evaluations/\(id)?flash=saved")
    }
    routes.post("/evaluations/{id}/dispute", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      var request = request
      let reason = try await Form.read(&request, context: context).text("reason") ?? ""
      _ = try await backend.run { db in try db.openDispute(evaluation: id, by: nil, reason: reason, actor: actor) }
      return Reply.redirect("/evaluations/\(id)?flash=saved")
    }
    routes.post("/disputes/{id}/uphold", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      var request = request
      let note = try await Form.read(&request, context: context).text("note")
      let dispute = try await backend.run { db in try db.upholdDispute(id: id, reviewer: nil, note: note, actor: actor) }
      return Reply.redirect("/evaluations/\(dispute.evaluation)?flash=saved")
    }
    routes.post("/evaluations/{id}/case", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      var request = request
      let form = try await Form.read(&request, context: context)
      let body = CaseController.newCase(evaluation: id, form: form)
      _ = try await backend.run { db in try CaseController.tag(db, body, actor) }
      return Reply.redirect("/evaluations/\(id)?flash=saved")
    }
    routes.get("/my", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let language = context.language.rawValue
      let (rows, trend) = try await backend.run { db in
        let rows = try db.evaluationPage(db.readable(EvaluationFilter(limit: 200), for: actor)).rows
        let trend = try db.trend(db.readable(ReportFilter(), for: actor, what: .phrase(.whatTrend)), by: .month, language: language)
        return (rows, trend)
      }
      return render("my", title: "myEvaluations", request, context, myPage(rows, trend: trend, context: context))
    }
    routes.get("/disputes", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let disputes = try await backend.run { db in try db.disputes(readableBy: actor) }
      let rows = disputes.map { dispute -> [String: Any] in
        [
          "id": dispute.id, "evaluation": dispute.evaluation, "agent": dispute.agent, "call": dispute.call,
          "final": PageFormat.score(dispute.finalScore), "status": dispute.status.rawValue, "opened": PageFormat.day(dispute.openedAt),
          "reason": dispute.reason,
        ]
      }
      return render("disputes", title: "disputes", request, context, ["rows": rows, "hasRows": !rows.isEmpty])
    }
  }

  func evaluationPage(_ data: EvaluationPages.Detail, actor: Actor, context: ServerContext) -> [String: Any] {
    let words = Messages(context.language).byName
    let language = context.language.rawValue
    let e = data.evaluation
    var values = EvaluationPages.breakdown(e, scorecard: data.scorecard, context: context)
    values["e"] = ["id": e.id, "status": e.status.rawValue, "call": e.call, "agent": e.agent, "inspector": e.inspector, "kind": e.kind.rawValue]
    values["statusLabel"] = e.status.rawValue
    values["date"] = PageFormat.day(e.callStartedAt)
    values["scorecardRef"] = "\(e.scorecard.key)@\(e.scorecard.version)"
    values["scorecardTitle"] = data.scorecard.title.resolve(language)
    values["comment"] = PageFormat.optional(e.comment)
    values["items"] = e.items.map { item -> [String: Any] in
      [
        "title": data.scorecard.item(item.key)?.title.resolve(language) ?? item.key, "answer": item.answer ?? "—",
        "earned": item.earned.map(ScoreFormat.plain) ?? "—", "points": ScoreFormat.plain(item.points),
        "lostText": (item.impact ?? 0) > 0.0001 ? String(format: "%.1f", item.impact ?? 0) : "", "note": item.note ?? "",
      ]
    }
    var receipt = words["notReleased"] ?? ""
    if let released = e.receipt?.releasedAt {
      receipt = "\(words["releasedOn"] ?? "") \(PageFormat.day(released)) · "
      receipt +=
        e.receipt?.acknowledgedAt.map { "\(words["acknowledgedOn"] ?? "") \(e.receipt?.acknowledgedBy ?? "") \(PageFormat.day($0))" }
        ?? (words["notAcknowledged"] ?? "")
    }
    values["receiptLine"] = receipt
    let counted = e.status == .submitted || e.status == .disputed
    let openDispute = data.disputes.contains { $0.status == .open }
    values["canAck"] = Policy.allows(actor, .acknowledgeEvaluation) && e.receipt?.acknowledgedAt == nil && counted
    values["canDispute"] = Policy.allows(actor, .openDispute) && e.status == .submitted && !openDispute
    values["canTag"] = Policy.allows(actor, .tagCase) && e.status == .submitted
    let canResolve = Policy.allows(actor, .resolveDispute)
    values["disputes"] = data.disputes.map { dispute -> [String: Any] in
      [
        "id": dispute.id, "status": dispute.status.rawValue, "openedBy": dispute.openedBy, "opened": PageFormat.day(dispute.openedAt),
        "reason": dispute.reason, "resolvedBy": PageFormat.optional(dispute.resolvedBy), "resolutionNote": PageFormat.optional(dispute.resolutionNote),
        "revision": PageFormat.optional(dispute.revision.map { String($0) }), "canResolve": canResolve && dispute.status == .open,
      ]
    }
    return values
  }

  func myPage(_ rows: [EvaluationSummary], trend: TrendReport, context: ServerContext) -> [String: Any] {
    let words = Messages(context.language).byName
    let list = rows.map { row -> [String: Any] in
      [
        "id": row.id, "call": row.call, "date": PageFormat.day(row.callStartedAt), "scorecard": row.scorecard,
        "final": PageFormat.score(row.finalScore), "result": row.passed.map { $0 ? words["passLabel"] ?? "" : words["failLabel"] ?? "" } ?? "",
        "resultClass": row.passed == true ? "pass" : "fail", "status": row.status.rawValue,
      ]
    }
    return ["rows": list, "hasRows": !list.isEmpty].merging(Self.trendRows(trend)) { $1 }
  }

  /// The trend partial's values: one row per period with a bar for the mean.
  static func trendRows(_ trend: TrendReport) -> [String: Any] {
    let rows = trend.rows.map { row -> [String: Any] in
      [
        "label": row.period, "count": row.evaluations, "mean": PageFormat.score(row.meanFinal), "passRate": PageFormat.score(row.passRate),
        "width": String(format: "%.0f", max(0, min(100, row.meanFinal))),
      ]
    }
    return ["trend": rows, "hasTrend": !rows.isEmpty]
  }
}
