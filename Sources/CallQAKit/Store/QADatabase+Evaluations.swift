import Foundation
import GRDB

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
    return try guarded(submission.actor, submission.secondOpinion ? .secondOpinion : .scoreCall) { db in
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
  /// Every INSERT goes through a cached prepared statement, so bulk callers pay no SQL
  /// compilation per row; `context` (bulk writes in one transaction) caches people.
  ///
  /// - Returns: the stored evaluation's id.
  static func storeSubmission(
    _ db: Database, _ scored: ScoredSubmission, via path: SubmissionPath, context: SubmissionContext? = nil
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
      guard let draft = try EvaluationRecord.fetchOne(db, key: draftId), draft.status == .draft else {
        throw CallQAError(.errEvaluationDraftCannotSubmitted, draftId)
      }
      guard draft.agentId == agent.id, draft.inspectorId == inspector.id, draft.callId == call.id,
        draft.scorecardId == submission.scorecard.id, draft.kind == submission.kind
      else { throw CallQAError(.errDraftSubmissionAbout, draftId) }
      // Its work-in-progress rows go (the item rows with it), the submitted rows take its place.
      try db.execute(sql: "DELETE FROM evaluations WHERE id = ? AND status = 'draft'", arguments: [draftId])
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
    let statement = try db.cachedStatement(
      sql: """
        INSERT INTO evaluations (id, external_id, call_id, agent_id, scorecard_id, inspector_id, kind, status,
          raw_score, final_score, critical_failed, passed, band, comment, created_at, submitted_at, updated_at,
          import_fingerprint, calibration_session_id, revision_of, second_opinion_of)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    do {
      try statement.execute(arguments: [
        id, submission.externalId, call.id, agent.id, submission.scorecard.id, inspector.id, submission.kind.rawValue,
        result.rawScore, result.finalScore, result.criticalFailed, result.passed, result.band,
        submission.sheet.comment, createdAt, submittedAt, now, submission.importFingerprint,
        submission.calibrationSessionId, revisionOf, secondOpinionOf,
      ])
    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
      guard let first = try firstOpinion(db, call: call.id, kind: submission.kind) else { throw error }
      throw CallQAError.conflict(.errCallAlreadyHasCounted, submission.call.externalId, submission.kind.rawValue, first)
    }
    let stored = db.lastInsertedRowID
    let scores = try insertScores(
      db, evaluationId: stored, result: result, proposals: submission.sheet.proposals, causes: submission.sheet.causes)
    // The digest of the rows as stored, from the values just written (the same text
    // `evaluationDigest(_:id:)` reads back: `audit verify` and `doctor` recompute it from the rows).
    let evaluationValues: [DatabaseValue] = [
      stored.databaseValue, submission.externalId.databaseValue, try call.storedID().databaseValue,
      try agent.storedID().databaseValue, submission.scorecard.id.databaseValue, try inspector.storedID().databaseValue,
      submission.kind.rawValue.databaseValue, storedReal(result.rawScore), storedReal(result.finalScore),
      result.criticalFailed.databaseValue, result.passed.databaseValue, result.band.databaseValue,
      submission.sheet.comment.databaseValue, createdAt.databaseValue, submittedAt.databaseValue,
      submission.importFingerprint.databaseValue, submission.calibrationSessionId.databaseValue, revisionOf.databaseValue,
    ]
    try audit(
      db, actor: actor, action: "submit", entity: "evaluation", entityId: stored,
      after: try submissionAudit(scored, id: stored, via: path, context: context),
      evaluationDigest: evaluationDigest(evaluation: evaluationValues, sections: scores.sections, items: scores.items),
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
  static func firstOpinion(_ db: Database, call: Int64?, kind: EvaluationKind) throws -> Int64? {
    try Int64.fetchOne(
      db.cachedStatement(
        sql: "SELECT e.id FROM evaluations e WHERE e.call_id = ? AND e.kind = ? AND \(CountedEvaluation.status)"),
      arguments: [call, kind.rawValue])
  }

  /// Inserts section and item rows through cached statements; `proposals` (item → proposed
  /// answer text) sets each item's `proposed` and `overridden` columns. Only
  /// ``storeSubmission(_:_:via:context:)`` calls it.
  ///
  /// - Returns: the section and item rows' digested columns as stored, in key order (see
  ///   ``evaluationDigest(evaluation:sections:items:)``).
  private static func insertScores(
    _ db: Database, evaluationId: Int64, result: EvaluationResult, proposals: [String: String], causes: [String: [String]]
  ) throws -> (sections: [[DatabaseValue]], items: [[DatabaseValue]]) {
    var sections: [(key: [UInt8], values: [DatabaseValue])] = []
    var items: [(key: [UInt8], values: [DatabaseValue])] = []
    let sectionStatement = try db.cachedStatement(
      sql: """
        INSERT INTO section_scores (evaluation_id, section, position, raw_score, score, weight, applicable, critical_failed)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for (position, section) in result.sections.enumerated() {
      try sectionStatement.execute(arguments: [
        evaluationId, section.key, position, section.rawScore, section.score, section.weight,
        section.applicable, section.criticalFailed,
      ])
      sections.append(
        (
          Array(section.key.utf8),
          [
            section.key.databaseValue, position.databaseValue, storedReal(section.rawScore), storedReal(section.score),
            storedReal(section.weight), section.applicable.databaseValue, section.criticalFailed.databaseValue,
          ]
        ))
    }
    let itemStatement = try db.cachedStatement(
      sql: """
        INSERT INTO item_scores (evaluation_id, item, section, position, answer, earned, points, na, impact,
          critical_failed, note, proposed, overridden, causes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for (position, item) in result.items.enumerated() {
      let proposed = proposals[item.key]
      let overridden = proposed.map { $0 != item.answer.text }
      let storedCauses = ItemScoreRecord.storedCauses(causes[item.key])
      try itemStatement.execute(arguments: [
        evaluationId, item.key, item.section, position, item.answer.text, item.earned, item.points,
        item.isNotApplicable, item.impact, item.criticalFailed, item.note, proposed, overridden, storedCauses,
      ])
      items.append(
        (
          Array(item.key.utf8),
          [
            item.key.databaseValue, item.section.databaseValue, position.databaseValue, item.answer.text.databaseValue,
            storedReal(item.earned), storedReal(item.points), item.isNotApplicable.databaseValue, storedReal(item.impact),
            item.criticalFailed.databaseValue, item.note.databaseValue, proposed.databaseValue, overridden.databaseValue,
            storedCauses.databaseValue,
          ]
        ))
    }
    func ordered(_ rows: [(key: [UInt8], values: [DatabaseValue])]) -> [[DatabaseValue]] {
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
    _ db: Database, code: String, create: Bool, actor: String, context: SubmissionContext? = nil
  ) throws -> AgentRecord {
    if let agent = context?.agents[code] { return agent }
    var agent = try AgentRecord.filter(AgentRecord.Columns.code == code).fetchOne(db)
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
    _ db: Database, code: String, create: Bool, actor: String, context: SubmissionContext? = nil
  ) throws -> InspectorRecord {
    if let inspector = context?.inspectors[code] { return inspector }
    var inspector = try InspectorRecord.filter(InspectorRecord.Columns.code == code).fetchOne(db)
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
  static func resolveCall(_ db: Database, _ input: CallInput, agent: AgentRecord, actor: String) throws -> CallRecord {
    let lookup = try db.cachedStatement(sql: "SELECT * FROM calls WHERE external_id = ?")
    if let call = try CallRecord.fetchOne(lookup, arguments: [input.externalId]) {
      guard call.agentId == agent.id else {
        let owner = try String.fetchOne(db, sql: "SELECT code FROM agents WHERE id = ?", arguments: [call.agentId]) ?? "?"
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
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO calls (external_id, agent_id, started_at, duration, direction, recording, transcript)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    try insert.execute(arguments: [
      call.externalId, call.agentId, call.startedAt, call.duration, call.direction, call.recording, call.transcript,
    ])
    call.id = db.lastInsertedRowID
    return call
  }
}
