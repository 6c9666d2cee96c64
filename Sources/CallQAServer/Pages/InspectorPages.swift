import CallQAKit
import Foundation
import Hummingbird

/// The inspector's pages: the queue (drafts and this week's sample) and the scoring page.
extension PageRoutes {
  struct QueueData: Sendable {
    var drafts: [EvaluationSummary]
    /// Calls assigned to this inspector (`callqa assign`), open ones first.
    var assigned: [Assignment]
    var sample: SampleQueue?
    /// Why the week's sample could not be drawn, shown in the page's language.
    var sampleProblem: LocalizedMessage?
    var scorecards: [StoredScorecard]
    var agents: [AgentRecord]
    var week: String
  }

  struct ScoringData: Sendable {
    var draft: Draft
    var call: CallDetail?
    var proposals: [String: Proposal]
    var preview: EvaluationDetail?
  }

  func registerInspector(_ routes: Routes) {
    routes.get("/queue", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let data = try await backend.run { db in try Self.queue(db, actor) }
      let language = context.language.rawValue
      let sample = (data.sample?.picks ?? []).map { pick -> [String: Any] in
        ["call": pick.call, "agent": pick.agent, "team": pick.team ?? "", "day": pick.day, "duration": String(Int(pick.duration))]
      }
      return render(
        "queue", title: "myQueue", request, context,
        [
          "drafts": data.drafts.map { ["id": $0.id, "call": $0.call, "agent": $0.agent, "scorecard": $0.scorecard, "date": PageFormat.day($0.callStartedAt)] },
          "hasDrafts": !data.drafts.isEmpty,
          "assigned": data.assigned.map {
            [
              "call": $0.call, "agent": $0.agent, "team": $0.team ?? "", "day": PageFormat.day($0.callStartedAt),
              "expires": PageFormat.day($0.expiresAt), "status": $0.status.rawValue,
            ]
          },
          "hasAssigned": !data.assigned.isEmpty, "sample": sample, "hasSample": !sample.isEmpty, "week": data.week,
          "sampleProblem": PageFormat.optional(data.sampleProblem?.rendered(Messages(context.language))),
          "startCall": request.uri.queryParameters.get("call").map { String($0) } ?? "",
          "startAgent": request.uri.queryParameters.get("agent").map { String($0) } ?? "",
          "scorecards": data.scorecards.map { ["reference": $0.scorecard.reference, "title": $0.scorecard.title.resolve(language)] },
          "agents": data.agents.map { ["code": $0.code, "name": $0.name] },
        ])
    }
    routes.post("/drafts", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      var request = request
      let form = try await Form.read(&request, context: context)
      let body = DraftController.NewDraft(
        scorecard: form.text("scorecard") ?? "", agent: form.text("agent") ?? "", call: form.text("call") ?? "", callStartedAt: nil, kind: nil,
        inspector: nil)
      let (view, _) = try await backend.run { db in try DraftController.open(db, body, actor) }
      return Reply.redirect("/drafts/\(view.id)")
    }
    routes.get("/drafts/{id}", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      let options = self.options
      let data = try await backend.run { db in try Self.scoring(db, id, actor, mediaRoot: options.mediaRoot) }
      return render("score", title: "scoring", request, context, scoringPage(data, context: context))
    }
    routes.get("/drafts/{id}/breakdown", api: false) { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      let (draft, preview) = try await backend.run { db -> (Draft, EvaluationDetail?) in
        let view = try DraftController.view(db, id, actor)
        return (try db.draft(id: id), view.preview)
      }
      let fragment: [String: Any] = [
        "answered": draft.sheet.answers.count, "total": draft.askedItems.count,
        "preview": preview.map { EvaluationPages.breakdown($0, scorecard: draft.scorecard.scorecard, context: context) } ?? false,
      ]
      return Reply.html(views.fragment("breakdown-live", context: context, data: fragment))
    }
    routes.post("/drafts/{id}", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      var request = request
      let form = try await Form.read(&request, context: context)
      let action = form["do"] ?? "save"
      return try await backend.run { db in
        if action == "discard" {
          try db.discardDraft(id, actor: actor)
          return Reply.redirect("/queue?flash=saved")
        }
        try Self.save(db, id, form: form, actor: actor)
        if action == "submit" {
          try db.submitDraft(id, actor: actor)
          return Reply.redirect("/evaluations/\(id)")
        }
        return Reply.redirect("/drafts/\(id)?flash=saved")
      }
    }
  }

  static func queue(_ db: QADatabase, _ actor: Actor) throws -> QueueData {
    let code = actor.user?.inspectorCode
    let drafts = try db.evaluationPage(db.readable(EvaluationFilter(status: .draft, limit: 50, inspector: code), for: actor)).rows
    let week = currentWeek()
    var sample: SampleQueue?
    var problem: LocalizedMessage?
    do {
      sample = try db.sample(SampleRequest(week: try ReportPeriod.parse(week)))
    } catch let error as CallQAError {
      problem = error.text
    }
    let assigned = try code.map { try db.queue(inspector: $0) } ?? []
    return QueueData(
      drafts: drafts, assigned: assigned, sample: sample, sampleProblem: problem, scorecards: try db.scorecards(), agents: try db.agents(), week: week)
  }

  /// This ISO week, `2026-W47`.
  static func currentWeek(_ date: Date = Date()) -> String {
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone.current
    let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
    return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 2000, parts.weekOfYear ?? 1)
  }

  static func scoring(_ db: QADatabase, _ id: Int64, _ actor: Actor, mediaRoot: String?) throws -> ScoringData {
    let view = try DraftController.view(db, id, actor)
    let draft = try db.draft(id: id)
    let call = try? db.callDetail(draft.callId, media: CallMedia(baseDirectory: mediaRoot), transcriptLimit: 2000)
    let proposals = (try? db.proposals(for: draft, baseDirectory: mediaRoot)) ?? [:]
    return ScoringData(draft: draft, call: call, proposals: proposals, preview: view.preview)
  }

  /// Stores the form's answers and notes that differ from the draft, one library call each.
  static func save(_ db: QADatabase, _ id: Int64, form: Form, actor: Actor) throws {
    let draft = try db.draft(id: id)
    let card = draft.scorecard.scorecard
    var answers = draft.answers
    for (_, item) in card.allItems {
      // An item the answers before it skip is not asked (the library refuses its answer).
      if card.hasConditions, card.itemStates(answers)[item.key]?.isSkipped == true { continue }
      if let text = form.text("a.\(item.key)") {
        let answer = try item.parseAnswer(.text(text))
        let proposed = try form.text("p.\(item.key)").map { try item.parseAnswer(.text($0)) }
        if draft.answers[item.key] != answer {
          try db.recordDraftAnswer(draft: id, item: item.key, answer: answer, proposed: proposed, actor: actor)
        }
        answers[item.key] = answer
      }
      // Root causes (checkboxes, shown where the scorecard has causes): kept only while the
      // answer loses points; the library checks them.
      if form["cs.\(item.key)"] != nil {
        let chosen = answers[item.key].map(item.losesPoints) == true ? form.all("c.\(item.key)") : []
        if chosen != (draft.causes[item.key] ?? []) {
          try db.recordDraftCauses(draft: id, item: item.key, causes: chosen, actor: actor)
        }
      }
      if let note = form["n.\(item.key)"], note.trimmingCharacters(in: .whitespacesAndNewlines) != (draft.notes[item.key] ?? "") {
        try db.recordDraftNote(draft: id, item: item.key, note: note, actor: actor)
      }
    }
  }

  func scoringPage(_ data: ScoringData, context: ServerContext) -> [String: Any] {
    let language = context.language.rawValue
    let words = Messages(context.language).byName
    let draft = data.draft
    let card = draft.scorecard.scorecard
    // Items a condition skips are not shown (the library decides: ``Draft/askedItems``).
    let asked = Set(draft.askedItems.map(\.item.key))
    let sections: [[String: Any]] = card.sections.filter { $0.items.contains { asked.contains($0.key) } }.map { section in
      let items: [[String: Any]] = section.items.filter { asked.contains($0.key) }.enumerated().map { _, item in
        let answer = draft.answers[item.key]
        var entry: [String: Any] = [
          "key": item.key, "title": item.title.resolve(language), "guidance": PageFormat.optional(item.guidance?.resolve(language)),
          "type": item.type.rawValue, "typeLabel": words["type\(item.type.rawValue.capitalized)"] ?? item.type.rawValue,
          "points": ScoreFormat.plain(item.points), "critical": item.critical != .none, "na": item.na,
          "isYesNo": item.type == .yesno, "isScale": item.type == .scale, "isDeduction": item.type == .deduction,
          "yes": answer == .yes, "no": answer == .no, "naChecked": answer == .notApplicable, "note": draft.notes[item.key] ?? "",
        ]
        if case .count(let n) = answer { entry["count"] = String(n) } else { entry["count"] = "" }
        let offered = card.offeredCauses(item)
        if !offered.isEmpty, !item.isBonus {
          let given = draft.causes[item.key] ?? []
          entry["hasCauses"] = true
          entry["causeRequired"] = item.requiresCause
          entry["causes"] = offered.map { cause -> [String: Any] in
            ["item": item.key, "cause": cause.key, "label": cause.label.resolve(language), "checked": given.contains(cause.key)]
          }
        }
        if let deduct = item.deduct { entry["deductLine"] = "−\(ScoreFormat.plain(deduct)) \(words["each"] ?? "")" }
        entry["levels"] = item.levels.enumerated().map { index, level -> [String: Any] in
          [
            "key": item.key, "score": ScoreFormat.plain(level.score), "label": level.label.resolve(language), "shortcut": String(index + 1),
            "checked": answer == .level(level.score),
          ]
        }
        if let proposal = data.proposals[item.key], let proposed = proposal.answer {
          entry["proposal"] = [
            "answer": proposed.text, "answerLabel": proposed.text, "reason": proposal.reason,
            "evidence": proposal.evidence.map { evidence -> [String: Any] in
              [
                "time": PageFormat.optional(evidence.time.map(PageFormat.time)), "seconds": evidence.time.map { String($0) } ?? "",
                "text": [evidence.matched.map { "“\($0)”" }, evidence.detail, "(\(evidence.speaker.rawValue), line \(evidence.line))"]
                  .compactMap { $0 }.joined(separator: " "),
              ]
            },
          ]
        }
        return entry
      }
      return ["title": section.title.resolve(language), "weight": PageFormat.optional(section.weight.map(ScoreFormat.plain)), "items": items]
    }
    let utterances = data.call?.transcript?.page.rows ?? []
    var values: [String: Any] = [
      "draft": ["id": draft.id, "call": draft.callId, "agent": draft.agentCode, "inspector": draft.inspectorCode, "scorecard": card.reference],
      "scorecardTitle": card.title.resolve(language), "sections": sections,
      "transcript": utterances.map { utterance -> [String: Any] in
        [
          "start": utterance.start.map { String($0) } ?? "", "time": PageFormat.time(utterance.start), "speaker": utterance.speaker.rawValue,
          "label": utterance.label, "text": utterance.text,
        ]
      },
      "hasTranscript": !utterances.isEmpty, "transcriptProblem": PageFormat.optional(data.call?.transcript?.problem),
      "answered": draft.sheet.answers.count, "total": asked.count,
      "preview": data.preview.map { EvaluationPages.breakdown($0, scorecard: card, context: context) } ?? false,
    ]
    if let recording = data.call?.recording, recording.exists {
      values["recordingURL"] =
        "/api/calls/\(draft.callId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? "")/recording"
    }
    return values
  }
}
