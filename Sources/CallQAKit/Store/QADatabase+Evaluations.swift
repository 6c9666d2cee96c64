import Foundation

extension QADatabase {
  // MARK: - Writes

  /// Scores and stores a submitted evaluation in one transaction: the evaluation, its section
  /// and item rows (answer, earned, points, N/A, impact, note) and its audit row, through
  /// ``storeSubmission(_:_:via:context:)``.
  ///
  /// - Returns: the new evaluation's id.
  @discardableResult
  public func submit(_ submission: EvaluationSubmission) throws -> Int64 {
    let scored = try ScoredSubmission(submission)
    return try guardedSQL(submission.actor, submission.secondOpinion ? .secondOpinion : .scoreCall) { db in
      _ = try Policy.inspectorCode(for: submission.actor, typed: submission.inspectorCode)
      return try QADatabase.storeSubmission(db, scored, via: .answers)
    }
  }

  /// The one write path of a submitted evaluation; the caller owns the transaction.
  ///
  /// Every submission — an answers file, an interactive draft, an import, a calibration
  /// scoring, a revision, the demo and the benchmark generator — is stored here and nowhere
  /// else. `scored` has been checked and scored (``ScoredSubmission``); this resolves the agent,
  /// inspector and call (refusing a call of another agent), then inserts the evaluation
  /// row, its section rows, its item rows with earned points and impact (and auto-QA
  /// proposals), and one audit row of the one shape of ``submissionAudit(_:id:via:context:)``
  /// carrying the digest of the evaluation as stored (``evaluationDigest(_:id:)``).
  ///
  /// A draft (``SubmissionPath/draft(_:)``) is finalised under its own id and creation time:
  /// its work-in-progress rows are removed and the submitted rows inserted in their place,
  /// exactly the rows any other path writes. A revision (``SubmissionPath/revision(of:dispute:)``)
  /// is linked to the evaluation it revises (`revision_of`).
  ///
  /// Runs on either engine. On SQLite every statement is prepared once per connection, so bulk
  /// callers pay no SQL compilation per row; `context` (bulk writes in one transaction) caches
  /// people.
  ///
  /// - Returns: the stored evaluation's id.
  static func storeSubmission(
    _ db: any SQLSession, _ scored: ScoredSubmission, via path: SubmissionPath, context: SubmissionContext? = nil
  ) throws -> Int64 {
    let submission = scored.submission
    let result = scored.result
    let actor = submission.actor.auditName
    let agent = try resolveAgent(db, code: submission.agentCode, create: submission.createMissingPeople, actor: actor, context: context)
    let inspector = try resolveInspector(db, code: submission.inspectorCode, create: submission.createMissingPeople, actor: actor, context: context)
    let call = try resolveCall(db, submission.call, agent: agent, actor: actor)
    let now = Timestamp.nowUTC()
    var submittedAt = now
    if let given = submission.submittedAt {
      guard let parts = TimestampParts(given) else {
        throw CallQAError(.errSubmittedIsoOffset, given)
      }
      submittedAt = parts.utc
    }
    switch path {
    case .calibration:
      guard submission.kind == .calibration, submission.calibrationSessionId != nil else {
        throw CallQAError(.errCalibrationScoringNeeds)
      }
    case .revision: break  // keeps the revised evaluation's session
    default:
      guard submission.calibrationSessionId == nil else {
        throw CallQAError(.errOnlyCalibrationScoring)
      }
    }
    var id: Int64?
    var createdAt = now
    var revisionOf: Int64?
    switch path {
    case .draft(let draftId):
      guard let draft = try db.fetchOne(EvaluationRecord.self, "SELECT * FROM evaluations WHERE id = ?", draftId),
        draft.status == .draft
      else {
        throw CallQAError(.errEvaluationDraftCannotSubmitted, draftId)
      }
      guard draft.agentId == agent.id, draft.inspectorId == inspector.id, draft.callId == call.id,
        draft.scorecardId == submission.scorecard.id, draft.kind == submission.kind
      else { throw CallQAError(.errDraftSubmissionAbout, draftId) }
      // Its work-in-progress rows go (the item rows with it), the submitted rows take its place.
      try db.execute("DELETE FROM evaluations WHERE id = ? AND status = 'draft'", draftId)
      id = draftId
      createdAt = draft.createdAt
    case .revision(let of, _):
      revisionOf = of
    case .answers, .importFile, .calibration, .demo, .bench:
      break
    }
    var secondOpinionOf: Int64?
    if submission.secondOpinion {
      guard path == .answers || path.isDraft, submission.kind != .calibration else {
        throw CallQAError(.errOnlyScoringMonitored)
      }
      guard let first = try firstOpinion(db, call: call.id, kind: submission.kind) else {
        throw CallQAError(.errCallHasNoCounted, submission.call.externalId, submission.kind.rawValue)
      }
      secondOpinionOf = first
    }
    func alreadyCounted(_ first: Int64) -> CallQAError {
      CallQAError.conflict(.errCallAlreadyHasCounted, submission.call.externalId, submission.kind.rawValue, first)
    }
    // On PostgreSQL a refused statement ends the transaction, so the counted evaluation is
    // looked up first (one submitted at the same moment makes this transaction a serialization
    // failure, and its retry finds it). On SQLite the unique index answers, and only a refused
    // insert looks it up: the bulk paths pay no extra query.
    if db.engine == .postgresql, secondOpinionOf == nil, submission.kind != .calibration,
      let first = try firstOpinion(db, call: call.id, kind: submission.kind)
    {
      throw alreadyCounted(first)
    }
    // The evaluation's digested columns (``evaluationDigest(evaluation:sections:items:)``), as
    // bound: the digest is of exactly the values written, and `audit verify` and `doctor`
    // recompute it from the rows read back.
    let digested: [SQLValue] = [
      submission.externalId.sqlValue, try call.storedID().sqlValue, try agent.storedID().sqlValue,
      submission.scorecard.id.sqlValue, try inspector.storedID().sqlValue, submission.kind.rawValue.sqlValue,
      storedReal(result.rawScore), storedReal(result.finalScore), result.criticalFailed.sqlValue, result.passed.sqlValue,
      result.band.sqlValue, submission.sheet.comment.sqlValue, createdAt.sqlValue, submittedAt.sqlValue,
      submission.importFingerprint.sqlValue, submission.calibrationSessionId.sqlValue, revisionOf.sqlValue,
    ]
    let columns = """
      external_id, call_id, agent_id, scorecard_id, inspector_id, kind, raw_score, final_score, critical_failed, passed,
      band, comment, created_at, submitted_at, import_fingerprint, calibration_session_id, revision_of,
      status, updated_at, second_opinion_of
      """
    let values = digested + [.text(EvaluationStatus.submitted.rawValue), now.sqlValue, secondOpinionOf.sqlValue]
    let stored: Int64
    do {
      // A finalised draft keeps its id; every other evaluation gets the engine's next one.
      let bound = (id.map { [$0.sqlValue] } ?? []) + values
      let marks = Array(repeating: "?", count: bound.count).joined(separator: ", ")
      let inserted = try db.value(
        Int64.self, "INSERT INTO evaluations (\(id == nil ? "" : "id, ")\(columns)) VALUES (\(marks)) RETURNING id", bound)
      guard let inserted else { throw CallQAError(.errInsertGaveNoID, "evaluations", kind: .storage(.other)) }
      stored = inserted
    } catch  where isUniqueViolation(error) {
      guard let first = try firstOpinion(db, call: call.id, kind: submission.kind) else { throw error }
      throw alreadyCounted(first)
    }
    let scores = try insertScores(
      db, evaluationId: stored, result: result, proposals: submission.sheet.proposals, causes: submission.sheet.causes,
      context: context)
    try audit(
      db, actor: actor, action: "submit", entity: "evaluation", entityId: stored,
      after: try submissionAudit(scored, id: stored, via: path, context: context),
      evaluationDigest: evaluationDigest(evaluation: [.integer(stored)] + digested, sections: scores.sections, items: scores.items),
      context: context)
    // Last, so that a record refused above (a savepoint of `import --skip-invalid`) adds nothing.
    if secondOpinionOf == nil, submission.kind != .calibration {
      let contribution = ReportSummaries.Contribution(
        day: call.startedAt.map { String($0.prefix(10)) } ?? "", agent: try agent.storedID(), scorecard: submission.scorecard.id,
        kind: submission.kind, result: result, exemplaryScore: submission.scorecard.scorecard.exemplaryScore)
      try ReportSummaries.record(db, contribution, sign: 1, context: context)
    }
    return stored
  }

  /// The counted (first-opinion) evaluation of a call and kind, if any: there is at most one.
  static func firstOpinion(_ db: any SQLSession, call: Int64?, kind: EvaluationKind) throws -> Int64? {
    try db.value(
      Int64.self, "SELECT e.id FROM evaluations e WHERE e.call_id = ? AND e.kind = ? AND \(CountedEvaluation.status)", call,
      kind.rawValue)
  }

  /// Inserts section and item rows; `proposals` (item → proposed answer text) sets each item's
  /// `proposed` and `overridden` columns. Only ``storeSubmission(_:_:via:context:)`` calls it.
  ///
  /// - Returns: the section and item rows' digested columns as bound, in key order (see
  ///   ``evaluationDigest(evaluation:sections:items:)``).
  private static func insertScores(
    _ db: any SQLSession, evaluationId: Int64, result: EvaluationResult, proposals: [String: String], causes: [String: [String]],
    context: SubmissionContext?
  ) throws -> (sections: [[SQLValue]], items: [[SQLValue]]) {
    let streamed = context?.pendingScores != nil
    var sections: [(key: [UInt8], values: [SQLValue])] = []
    var items: [(key: [UInt8], values: [SQLValue])] = []
    let owner = SQLValue.integer(evaluationId)
    for (position, section) in result.sections.enumerated() {
      let values: [SQLValue] = [
        section.key.sqlValue, position.sqlValue, storedReal(section.rawScore), storedReal(section.score),
        storedReal(section.weight), section.applicable.sqlValue, section.criticalFailed.sqlValue,
      ]
      if streamed {
        context?.keepScores(section: [owner] + values)
      } else {
        try db.execute(
          """
          INSERT INTO section_scores (evaluation_id, section, position, raw_score, score, weight, applicable, critical_failed)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """, [owner] + values)
      }
      sections.append((Array(section.key.utf8), values))
    }
    for (position, item) in result.items.enumerated() {
      let proposed = proposals[item.key]
      let overridden = proposed.map { $0 != item.answer.text }
      let values: [SQLValue] = [
        item.key.sqlValue, item.section.sqlValue, position.sqlValue, item.answer.text.sqlValue, storedReal(item.earned),
        storedReal(item.points), item.isNotApplicable.sqlValue, storedReal(item.impact), item.criticalFailed.sqlValue,
        item.note.sqlValue, proposed.sqlValue, overridden.sqlValue, ItemScoreRecord.storedCauses(causes[item.key]).sqlValue,
      ]
      if streamed {
        context?.keepScores(item: [owner] + values)
      } else {
        try db.execute(
          """
          INSERT INTO item_scores (evaluation_id, item, section, position, answer, earned, points, na, impact,
            critical_failed, note, proposed, overridden, causes)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """, [owner] + values)
      }
      items.append((Array(item.key.utf8), values))
    }
    func ordered(_ rows: [(key: [UInt8], values: [SQLValue])]) -> [[SQLValue]] {
      rows.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.values)
    }
    return (ordered(sections), ordered(items))
  }

  /// The `after` of a submission's audit row, the same shape on every path: always these keys,
  /// in this order, `null` where one does not apply.
  ///
  /// ```json
  /// {"via":"import","scorecard":"inbound-service@1","agent":"A001","inspector":"QA1","call":"C-1",
  ///  "kind":"monitoring","status":"submitted","raw_score":85.7,"final_score":85.7,"passed":true,
  ///  "external_id":"EV-1","fingerprint":"5eee…","source":"data.jsonl","line":3,
  ///  "revision_of":null,"dispute":null,"calibration_session":null}
  /// ```
  ///
  /// `via` is the path (answers, draft, import, calibration, revision, demo, bench); `source` and
  /// `line` name the file and line of an imported record. The answers themselves are the
  /// evaluation's item rows, which can be neither changed nor deleted once submitted.
  static func submissionAudit(
    _ scored: ScoredSubmission, id: Int64, via path: SubmissionPath, context: SubmissionContext?
  ) throws -> String {
    let s = scored.submission
    let result = scored.result
    guard result.rawScore.isFinite, result.finalScore.isFinite else {
      throw CallQAError(.errEvaluationScoresAre, id)
    }
    func text(_ value: String?) -> String { value.map(JSONText.quoted) ?? "null" }
    func number(_ value: Int64?) -> String { value.map { String($0) } ?? "null" }
    var revisionOf: Int64?
    var dispute: Int64?
    if case .revision(let of, let disputeId) = path {
      revisionOf = of
      dispute = disputeId
    }
    let fromFile = path == .importFile
    var json = #"{"via":"\#(path.name)","scorecard":\#(JSONText.quoted(s.scorecard.scorecard.reference))"#
    json += #","agent":\#(JSONText.quoted(s.agentCode)),"inspector":\#(JSONText.quoted(s.inspectorCode))"#
    json += #","call":\#(JSONText.quoted(s.call.externalId)),"kind":"\#(s.kind.rawValue)","status":"submitted""#
    json += #","raw_score":\#(result.rawScore),"final_score":\#(result.finalScore),"passed":\#(result.passed)"#
    json += #","external_id":\#(text(s.externalId)),"fingerprint":\#(text(s.importFingerprint))"#
    json += #","source":\#(text(fromFile ? context?.source : nil)),"line":\#(fromFile ? context?.line.map(String.init) ?? "null" : "null")"#
    json += #","revision_of":\#(number(revisionOf)),"dispute":\#(number(dispute))"#
    json += #","second_opinion":\#(s.secondOpinion)"#
    json += #","calibration_session":\#(number(s.calibrationSessionId))}"#
    return json
  }

  static func resolveAgent(
    _ db: any SQLSession, code: String, create: Bool, actor: String, context: SubmissionContext? = nil
  ) throws -> AgentRecord {
    if let agent = context?.agents[code] { return agent }
    var agent = try db.fetchOne(AgentRecord.self, "SELECT * FROM agents WHERE code = ?", code)
    if agent == nil {
      guard create else {
        throw CallQAError.notFound(.errUnknownAgentAddCallqa, code)
      }
      try checkCode(code, what: .phrase(.whatAgentCode))
      agent = try insertAgent(db, AgentInput(code: code, name: code, team: nil), actor: actor)
    }
    guard let agent else { throw CallQAError(.errAgentCouldStored, code) }
    context?.agents[code] = agent
    return agent
  }

  static func resolveInspector(
    _ db: any SQLSession, code: String, create: Bool, actor: String, context: SubmissionContext? = nil
  ) throws -> InspectorRecord {
    if let inspector = context?.inspectors[code] { return inspector }
    var inspector = try db.fetchOne(InspectorRecord.self, "SELECT * FROM inspectors WHERE code = ?", code)
    if inspector == nil {
      guard create else {
        throw CallQAError.notFound(.errUnknownInspectorAdd, code)
      }
      try checkCode(code, what: .phrase(.whatInspectorCode))
      inspector = try insertInspector(db, code: code, name: code, actor: actor)
    }
    guard let inspector else { throw CallQAError(.errInspectorCouldStored, code) }
    context?.inspectors[code] = inspector
    return inspector
  }

  /// Finds the call by its external id, or creates it for `agent`. A call belongs to one agent.
  static func resolveCall(_ db: any SQLSession, _ input: CallInput, agent: AgentRecord, actor: String) throws -> CallRecord {
    if let call = try storedCall(db, externalId: input.externalId) {
      guard call.agentId == agent.id else {
        let owner = try db.value(String.self, "SELECT code FROM agents WHERE id = ?", call.agentId) ?? "?"
        throw CallQAError(.errCallBelongsAgent, input.externalId, owner, agent.code)
      }
      return call
    }
    try checkCode(input.externalId, what: .phrase(.whatCallId))
    let startedAt: String
    if let given = input.startedAt {
      guard let normalised = Timestamp.normalise(given) else {
        throw CallQAError(.errCallStartedIso, input.externalId, given)
      }
      startedAt = normalised
    } else {
      // Never UTC by accident: the recording's time, else now, both in the centre's time zone.
      let zone = try teamRules(db).zone
      let recorded = input.recording.flatMap { try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
      let moment = recorded ?? Date()
      startedAt = Timestamp.format(moment, offsetSeconds: zone.secondsFromGMT(for: moment))
    }
    if let duration = input.duration, !(duration.isFinite && duration >= 0) {
      throw CallQAError(.errCallDurationMust, input.externalId)
    }
    var call = CallRecord(
      externalId: input.externalId, agentId: try agent.storedID(), startedAt: startedAt, duration: input.duration,
      direction: input.direction, recording: input.recording, transcript: input.transcript)
    call.id = try db.insert(call, into: CallRecord.databaseTableName)
    return call
  }
}
