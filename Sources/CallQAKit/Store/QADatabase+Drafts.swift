import Foundation

/// Draft evaluations: the interactive scorer writes every answer as it is given, so a
/// Ctrl-C, a closed stdin or a killed terminal loses nothing. A draft row is work in
/// progress (status `draft`, no scores) and may be updated; once submitted it never is.
extension QADatabase {
  // MARK: - Writes

  /// Opens a draft: the evaluation row (status `draft`, no scores) and one unanswered
  /// `item_scores` row per scorecard item. Unknown calls are created for the agent.
  ///
  /// - Returns: the draft's evaluation id.
  @discardableResult
  public func createDraft(_ input: DraftInput) throws -> Int64 {
    try guardedSQL(input.actor, .scoreCall) { db in
      _ = try Policy.inspectorCode(for: input.actor, typed: input.inspectorCode)
      let actor = input.actor.auditName
      let agent = try QADatabase.resolveAgent(db, code: input.agentCode, create: false, actor: actor)
      let inspector = try QADatabase.resolveInspector(db, code: input.inspectorCode, create: false, actor: actor)
      let call = try QADatabase.resolveCall(db, input.call, agent: agent, actor: actor)
      if input.kind != .calibration, let first = try QADatabase.firstOpinion(db, call: call.id, kind: input.kind) {
        throw CallQAError.conflict(.errCallAlreadyHas, input.call.externalId, input.kind.rawValue, first)
      }
      let now = Timestamp.nowUTC()
      let evaluation = EvaluationRecord(
        id: nil, externalId: nil, callId: try call.storedID(), agentId: try agent.storedID(),
        scorecardId: input.scorecard.id, inspectorId: try inspector.storedID(), kind: input.kind,
        status: .draft, rawScore: nil, finalScore: nil, criticalFailed: nil, passed: nil, band: nil,
        comment: nil, createdAt: now, submittedAt: nil, updatedAt: now)
      let id = try db.insert(evaluation, into: EvaluationRecord.databaseTableName)
      for (position, entry) in input.scorecard.scorecard.allItems.enumerated() {
        try db.execute(
          """
          INSERT INTO item_scores (evaluation_id, item, section, position, points, na, critical_failed)
          VALUES (?, ?, ?, ?, ?, 0, 0)
          """, id, entry.item.key, entry.section.key, position, entry.item.points)
      }
      try QADatabase.audit(
        db, actor: actor, action: "create", entity: "evaluation", entityId: id,
        after: try JSONText.object([
          "status": "draft", "scorecard": input.scorecard.scorecard.reference, "agent": input.agentCode,
          "inspector": input.inspectorCode, "call": input.call.externalId, "kind": input.kind.rawValue,
        ]))
      return id
    }
  }

  /// Stores the answer to one item of a draft, in its own transaction. The answer is checked
  /// again against the item (``ScorecardItem/parseAnswer(_:)``) before it is written.
  ///
  /// `proposed` is what auto-QA proposed for the item when the inspector gave this answer
  /// (nil: nothing was proposed); it is kept on the item row so a resumed draft still knows
  /// it, and ``submitDraft(_:actor:)`` stores whether the answer overrode it.
  public func recordDraftAnswer(draft id: Int64, item key: String, answer: Answer, proposed: Answer? = nil, actor: Actor) throws {
    try guardedSQL(actor, .scoreCall) { db in
      let (record, scorecard) = try QADatabase.draftRecord(db, id)
      try QADatabase.requireDraftOwner(db, actor, record)
      guard let item = scorecard.item(key) else {
        throw CallQAError(.errDraftNoItem, id, key, scorecard.reference)
      }
      let checked = try item.storedAnswer(answer.text)
      let proposal = try proposed.map { try item.storedAnswer($0.text) }
      if scorecard.hasConditions {
        var answers = try QADatabase.loadDraft(db, id).answers
        answers[key] = checked
        try AnswerChecks.requireAsked(key, checked, states: scorecard.itemStates(answers))
      }
      try db.execute(
        "UPDATE item_scores SET answer = ?, na = ?, proposed = ? WHERE evaluation_id = ? AND item = ?",
        checked.text, checked == .notApplicable, proposal?.text, id, key)
      try QADatabase.touch(db, record)
    }
  }

  /// Stores the root causes of one draft item's lost points (empty removes them), in its own
  /// transaction; checked like an answers file's (known, offered for the item, only where the
  /// item's answer loses points).
  public func recordDraftCauses(draft id: Int64, item key: String, causes: [String], actor: Actor) throws {
    try guardedSQL(actor, .scoreCall) { db in
      let (record, scorecard) = try QADatabase.draftRecord(db, id)
      try QADatabase.requireDraftOwner(db, actor, record)
      let checked =
        causes.isEmpty ? [] : try AnswerChecks.causes(causes, item: key, answers: try QADatabase.loadDraft(db, id).answers, scorecard: scorecard)
      try db.execute("UPDATE item_scores SET causes = ? WHERE evaluation_id = ? AND item = ?", ItemScoreRecord.storedCauses(checked), id, key)
      try QADatabase.touch(db, record)
    }
  }

  /// Attaches a note to one item of a draft (nil or blank removes it), in its own transaction.
  public func recordDraftNote(draft id: Int64, item key: String, note: String?, actor: Actor) throws {
    try guardedSQL(actor, .scoreCall) { db in
      let (record, scorecard) = try QADatabase.draftRecord(db, id)
      try QADatabase.requireDraftOwner(db, actor, record)
      guard scorecard.item(key) != nil else {
        throw CallQAError(.errDraftNoItem, id, key, scorecard.reference)
      }
      let text = note?.trimmingCharacters(in: .whitespacesAndNewlines)
      try db.execute("UPDATE item_scores SET note = ? WHERE evaluation_id = ? AND item = ?", text?.isEmpty == false ? text : nil, id, key)
      try QADatabase.touch(db, record)
    }
  }

  /// Stores (or with nil or blank text, removes) the overall comment of a draft, which its
  /// submission keeps with the evaluation.
  public func recordDraftComment(draft id: Int64, comment: String?, actor: Actor) throws {
    try guardedSQL(actor, .scoreCall) { db in
      let (record, _) = try QADatabase.draftRecord(db, id)
      try QADatabase.requireDraftOwner(db, actor, record)
      let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
      try db.execute("UPDATE evaluations SET comment = ? WHERE id = ? AND status = 'draft'", text?.isEmpty == false ? text : nil, id)
      try QADatabase.touch(db, record)
    }
  }

  /// Submits a complete draft through the one write path
  /// (``storeSubmission(_:_:via:context:)``), in one transaction: it is checked and scored by
  /// ``Evaluator`` like an answers file, and its rows become exactly the rows and the audit row
  /// an answers file with the same answers stores, under the draft's id. Items answered with an
  /// auto-QA proposal keep it (`proposed`) and record whether the answer differs (`overridden`).
  /// Refused while an item has no answer.
  @discardableResult
  public func submitDraft(_ id: Int64, actor: Actor) throws -> EvaluationResult {
    try guardedSQL(actor, .scoreCall) { db in
      let draft = try QADatabase.loadDraft(db, id)
      try Policy.requireDraftOwner(actor, draft: id, owner: draft.inspectorCode)
      let missing = draft.unanswered
      guard missing.isEmpty else {
        throw CallQAError(.errDraftCompleteNo, id, MessageArgument.quotedList(missing))
      }
      let scored = try ScoredSubmission(
        EvaluationSubmission(
          scorecard: draft.scorecard, agentCode: draft.agentCode, inspectorCode: draft.inspectorCode,
          call: CallInput(externalId: draft.callId), kind: draft.kind, sheet: draft.sheet, actor: actor))
      _ = try QADatabase.storeSubmission(db, scored, via: .draft(id))
      return scored.result
    }
  }

  /// Deletes a draft and its item rows, leaving an audit row with what was thrown away.
  public func discardDraft(_ id: Int64, actor: Actor) throws {
    try guardedSQL(actor, .discardDraft) { db in
      let draft = try QADatabase.loadDraft(db, id)
      if actor.role != .admin { try Policy.requireDraftOwner(actor, draft: id, owner: draft.inspectorCode) }
      try db.execute("DELETE FROM evaluations WHERE id = ? AND status = 'draft'", id)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "discard", entity: "evaluation", entityId: id,
        before: try JSONText.object([
          "status": "draft", "scorecard": draft.scorecard.scorecard.reference, "agent": draft.agentCode,
          "inspector": draft.inspectorCode, "call": draft.callId,
          "answers": try JSONText.encode(draft.answers.mapValues(\.text)),
        ]))
    }
  }

  /// Tags a submitted evaluation as an exemplary training case, through ``tagCase`` (the one
  /// tagging path: its validation, default skills and audit row). A clip with a start but no
  /// end runs to the end of the call when its duration is known; otherwise the start is kept
  /// in the case's note.
  ///
  /// - Returns: the new training case's id.
  @discardableResult
  public func tagTrainingCase(evaluation id: Int64, _ suggestion: TrainingCaseSuggestion, actor: Actor) throws -> Int64 {
    var clip: ClipRange?
    var note: String?
    if let start = suggestion.clipStart {
      let duration = try readSQL { db in
        try db.value(Double.self, "SELECT c.duration FROM evaluations e JOIN calls c ON c.id = e.call_id WHERE e.id = ?", id)
      }
      if let end = suggestion.clipEnd ?? duration {
        clip = try ClipRange(start: start, end: end)
      } else {
        note = "clip from \(ClipTime.format(start)) to the end of the call"
      }
    }
    let level = suggestion.level.flatMap { CaseLevel(rawValue: $0.rawValue) }
    let tagged = try tagCase(
      evaluationId: id, title: suggestion.title, kind: .exemplary, level: level, clip: clip, note: note, actor: actor)
    return tagged.id
  }

  // MARK: - Reads

  /// The draft with this id and its answers so far.
  public func draft(id: Int64) throws -> Draft {
    try readSQL { db in try QADatabase.loadDraft(db, id) }
  }

  /// The id of the inspector's most recently changed draft, if any.
  public func latestDraftId(inspector code: String) throws -> Int64? {
    try readSQL { db in
      try FilterNames(inspector: code).check(db)
      return try db.value(
        Int64.self,
        """
        SELECT e.id FROM evaluations e JOIN inspectors i ON i.id = e.inspector_id
        WHERE e.status = 'draft' AND i.code = ?
        ORDER BY e.updated_at DESC, e.id DESC LIMIT 1
        """, code)
    }
  }

  /// The inspector's open draft of this call on this scorecard version, if any.
  public func draftId(call externalId: String, inspector code: String, scorecard id: Int64) throws -> Int64? {
    try readSQL { db in
      try db.value(
        Int64.self,
        """
        SELECT e.id FROM evaluations e
        JOIN inspectors i ON i.id = e.inspector_id
        JOIN calls c ON c.id = e.call_id
        WHERE e.status = 'draft' AND c.external_id = ? AND i.code = ? AND e.scorecard_id = ?
        ORDER BY e.updated_at DESC, e.id DESC LIMIT 1
        """, externalId, code, id)
    }
  }

  /// The code of the agent a call belongs to, or nil when the call id is not stored.
  public func agentOfCall(_ externalId: String) throws -> String? {
    try readSQL { db in
      try db.value(String.self, "SELECT a.code FROM calls c JOIN agents a ON a.id = c.agent_id WHERE c.external_id = ?", externalId)
    }
  }

  /// A complete draft as it would be if submitted now: the stored detail with the scores
  /// ``Evaluator`` computes from its answers filled in. Nothing is written.
  public func draftPreview(id: Int64) throws -> EvaluationDetail {
    let draft = try self.draft(id: id)
    return try evaluation(id: id).rescored(draft.scorecard.scorecard, sheet: draft.sheet, proposals: draft.proposals)
  }

  // MARK: - Helpers

  /// The evaluation row of a draft and its scorecard; throws when it is not a draft.
  /// Reassigns a draft to another inspector (admins only), with an audit row: the way to hand
  /// over the work of an inspector who left, since nobody else may continue it.
  @discardableResult
  public func reassignDraft(_ id: Int64, to inspectorCode: String, actor: Actor) throws -> Draft {
    try guardedSQL(actor, .reassignDraft) { db in
      _ = try QADatabase.draftRecord(db, id)
      let before = try QADatabase.loadDraft(db, id).inspectorCode
      let inspector = try QADatabase.resolveInspector(db, code: inspectorCode, create: false, actor: actor.auditName)
      try db.execute(
        "UPDATE evaluations SET inspector_id = ?, updated_at = ? WHERE id = ? AND status = 'draft'", try inspector.storedID(),
        Timestamp.nowUTC(), id)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "reassign", entity: "evaluation", entityId: id,
        before: try JSONText.object(["inspector": before]), after: try JSONText.object(["inspector": inspectorCode]))
      return try QADatabase.loadDraft(db, id)
    }
  }

  /// Only the draft's own inspector writes to it (``Policy/requireDraftOwner(_:draft:owner:)``).
  static func requireDraftOwner(_ db: any SQLSession, _ actor: Actor, _ record: EvaluationRecord) throws {
    guard !actor.isSingleDesk else { return }
    let owner = try db.value(String.self, "SELECT code FROM inspectors WHERE id = ?", record.inspectorId) ?? "?"
    try Policy.requireDraftOwner(actor, draft: try record.storedID(), owner: owner)
  }

  static func draftRecord(_ db: any SQLSession, _ id: Int64) throws -> (EvaluationRecord, Scorecard) {
    guard let record = try db.fetchOne(EvaluationRecord.self, "SELECT * FROM evaluations WHERE id = ?", id) else {
      throw CallQAError.notFound(.errNoEvaluationId, id)
    }
    guard record.status == .draft else {
      throw CallQAError(.errEvaluationDraftCannot, id, record.status.rawValue)
    }
    guard let scorecard = try db.fetchOne(ScorecardRecord.self, "SELECT * FROM scorecards WHERE id = ?", record.scorecardId) else {
      throw CallQAError(.errEvaluationScorecardMissing, id)
    }
    return (record, try scorecard.scorecard())
  }

  static func loadDraft(_ db: any SQLSession, _ id: Int64) throws -> Draft {
    let (record, _) = try draftRecord(db, id)
    guard let scorecardRecord = try db.fetchOne(ScorecardRecord.self, "SELECT * FROM scorecards WHERE id = ?", record.scorecardId),
      let names = try db.row(
        """
        SELECT a.code AS agent, i.code AS inspector, c.external_id AS call
        FROM agents a, inspectors i, calls c WHERE a.id = ? AND i.id = ? AND c.id = ?
        """, record.agentId, record.inspectorId, record.callId)
    else { throw CallQAError(.errEvaluationScorecardAgent, id) }
    let stored = try stored(scorecardRecord)
    var answers: [String: Answer] = [:]
    var notes: [String: String] = [:]
    var proposals: [String: String] = [:]
    var causes: [String: [String]] = [:]
    for row in try db.fetchAll(ItemScoreRecord.self, "SELECT * FROM item_scores WHERE evaluation_id = ? ORDER BY position", id) {
      if let note = row.note { notes[row.item] = note }
      if row.causes != nil { causes[row.item] = row.causeKeys }
      guard let text = row.answer else { continue }
      if let proposed = row.proposed { proposals[row.item] = proposed }
      guard let item = stored.scorecard.item(row.item) else {
        throw CallQAError(.errDraftStoredItem, id, row.item, stored.scorecard.reference)
      }
      answers[row.item] = try stored.scorecard.storedAnswer(text, of: item)
    }
    var draft = Draft(
      id: id, scorecard: stored, agentCode: try names["agent"], inspectorCode: try names["inspector"],
      callId: try names["call"], kind: record.kind, answers: answers, notes: notes, proposals: proposals, comment: record.comment,
      updatedAt: record.updatedAt)
    draft.causes = causes
    return draft
  }

  private static func touch(_ db: any SQLSession, _ record: EvaluationRecord) throws {
    try db.execute("UPDATE evaluations SET updated_at = ? WHERE id = ? AND status = 'draft'", Timestamp.nowUTC(), record.id)
  }
}

/// One line of `draft list`: an unfinished evaluation and how far it got.
public struct DraftSummary: Hashable, Sendable, Encodable {
  public var id: Int64
  public var call: String
  public var agent: String
  public var inspector: String
  /// `KEY@VERSION`.
  public var scorecard: String
  public var answered: Int
  public var items: Int
  /// UTC times the draft was opened and last answered.
  public var createdAt: String
  public var updatedAt: String

  enum CodingKeys: String, CodingKey {
    case id, call, agent, inspector, scorecard, answered, items
    case createdAt = "created_at"
    case updatedAt = "updated_at"
  }
}

extension QADatabase {
  /// Open drafts, oldest first; of one inspector when given; untouched for at least `idleDays` when given.
  public func drafts(inspector: String? = nil, idleDays: Int? = nil, now: Date = Date()) throws -> [DraftSummary] {
    try readSQL { db in
      try FilterNames(inspector: inspector).check(db)
      let idleSince = idleDays.map { QADatabase.utc(now.addingTimeInterval(-Double($0) * 86_400)) }
      var conditions = SQLConditions()
      conditions.add("e.status = 'draft'")
      conditions.add("i.code = ?", inspector)
      conditions.add("e.updated_at <= ?", idleSince)
      return try db.rows(
        """
        SELECT e.id, c.external_id AS call, a.code AS agent, i.code AS inspector, s.key || '@' || s.version AS scorecard,
          (SELECT COUNT(answer) FROM item_scores it WHERE it.evaluation_id = e.id) AS answered,
          (SELECT COUNT(*) FROM item_scores it WHERE it.evaluation_id = e.id) AS items, e.created_at, e.updated_at
        FROM evaluations e JOIN calls c ON c.id = e.call_id JOIN agents a ON a.id = e.agent_id
        JOIN inspectors i ON i.id = e.inspector_id JOIN scorecards s ON s.id = e.scorecard_id
        \(conditions.whereClause)
        ORDER BY e.created_at, e.id
        """, conditions.arguments
      ).map { row in
        DraftSummary(
          id: try row["id"], call: try row["call"], agent: try row["agent"], inspector: try row["inspector"],
          scorecard: try row["scorecard"], answered: try row["answered"], items: try row["items"],
          createdAt: try row["created_at"], updatedAt: try row["updated_at"])
      }
    }
  }
}
