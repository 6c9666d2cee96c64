import Foundation
import GRDB

/// An evaluation worth tagging, found by ``QADatabase/caseSuggestions(period:)``.
public struct CaseSuggestion: Hashable, Sendable, Encodable {
  public var evaluationId: Int64
  /// What the call would be: a model to follow or a warning.
  public var kind: CaseKind
  public var agent: String
  public var call: String
  public var callStartedAt: String?
  public var scorecard: String
  public var finalScore: Double
  /// The scorecard's exemplary score.
  public var exemplaryScore: Double
  /// Items answered "no" on a critical rule (cautionary candidates).
  public var criticalItems: [String]

  enum CodingKeys: String, CodingKey {
    case kind, agent, call, scorecard
    case evaluationId = "evaluation_id"
    case callStartedAt = "call_started_at"
    case finalScore = "final_score"
    case exemplaryScore = "exemplary_score"
    case criticalItems = "critical_items"
  }
}

extension QADatabase {
  // MARK: - Writes

  /// Tags a submitted evaluation as a training case, in one transaction with an audit row.
  ///
  /// Used by `case tag`, by the tagging prompt of `score` and by the demo. Checks, in order: the
  /// title is one non-empty line; the evaluation exists and is submitted; every given skill is an
  /// item key of the evaluation's scorecard; the evaluation is not a case yet (one case per
  /// evaluation); the case fits its kind (``CaseSkills/concern(for:kind:scorecard:)``: an
  /// exemplary case at or above the scorecard's exemplary score, a cautionary one that lost
  /// points), unless `force`; nil skills → ``CaseSkills/defaults(for:kind:scorecard:)``; the clip
  /// lies within the call's duration when it is known. A refusal throws and writes nothing.
  ///
  /// - Returns: the stored case.
  @discardableResult
  public func tagCase(
    evaluationId: Int64, title: String, kind: CaseKind = .exemplary, level: CaseLevel? = nil,
    skills: [String]? = nil, clip: ClipRange? = nil, note: String? = nil, force: Bool = false, actor: Actor
  ) throws -> TrainingCase {
    try tagCase(
      evaluationId: evaluationId, title: title, kind: kind, level: level, skills: skills, clip: clip, note: note,
      force: force, actor: actor, authorizedBy: .tagCase)
  }

  /// ``tagCase(evaluationId:title:kind:level:skills:clip:note:force:actor:)`` under the policy
  /// check of `action` (the demo tags its cases as part of building the demo).
  @discardableResult
  func tagCase(
    evaluationId: Int64, title: String, kind: CaseKind, level: CaseLevel?, skills: [String]?, clip: ClipRange?,
    note: String?, force: Bool, actor: Actor, authorizedBy action: Action
  ) throws -> TrainingCase {
    let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !title.isEmpty else { throw CallQAError(.errCaseNeedsTitle) }
    guard title.count <= 200, !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      throw CallQAError(.errCaseTitleMust)
    }
    let detail = try evaluation(id: evaluationId)
    guard detail.status == .submitted else {
      throw CallQAError(.errEvaluationOnlySubmitted, evaluationId, detail.status.rawValue)
    }
    let scorecard = try self.scorecard(reference: "\(detail.scorecard.key)@\(detail.scorecard.version)").scorecard
    let given = try skills.map { try Self.validatedSkills($0, scorecard: scorecard) }
    try readSQL { db in try Self.refuseSecondCase(db, evaluationId: evaluationId) }
    if !force, let concern = CaseSkills.concern(for: detail, kind: kind, scorecard: scorecard) {
      throw CallQAError(.errPassForceTag, concern, kind.rawValue)
    }
    let chosen = try given ?? Self.defaultSkills(detail: detail, kind: kind, scorecard: scorecard)
    let note = note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    let id: Int64 = try guardedSQL(actor, action) { db in
      if let clip {
        let duration = try db.value(
          Double.self, "SELECT c.duration FROM calls c JOIN evaluations e ON e.call_id = c.id WHERE e.id = ?", evaluationId)
        if let duration, clip.end > duration + 1e-9 {
          throw CallQAError(.errClipEndsAfter, clip.description, ClipRange.format(duration))
        }
      }
      // Checked again inside the write transaction: another writer may have tagged it meanwhile.
      try Self.refuseSecondCase(db, evaluationId: evaluationId)
      let record = TrainingCaseRecord(
        id: nil, evaluationId: evaluationId, title: title, kind: kind, skills: try JSONText.encode(chosen),
        level: level, clipStart: clip?.start, clipEnd: clip?.end, notes: note, createdBy: actor.auditName,
        createdAt: Timestamp.nowUTC())
      let id = try db.insert(record, into: TrainingCaseRecord.databaseTableName)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "tag", entity: "training_case", entityId: id,
        after: try QADatabase.describe(record))
      return id
    }
    return try trainingCase(id: id)
  }

  /// Why tagging this evaluation as a `kind` case looks wrong (what `tagCase` refuses unless
  /// forced), or nil when it fits; see ``CaseSkills/concern(for:kind:scorecard:)``. Front ends
  /// use it to warn when the tagger forces the case.
  public func caseConcern(evaluationId: Int64, kind: CaseKind) throws -> String? {
    let detail = try evaluation(id: evaluationId)
    let scorecard = try self.scorecard(reference: "\(detail.scorecard.key)@\(detail.scorecard.version)").scorecard
    return CaseSkills.concern(for: detail, kind: kind, scorecard: scorecard)
  }

  /// Removes a case (the evaluation stays), with an audit row keeping what was removed.
  @discardableResult
  public func untagCase(id: Int64, actor: Actor) throws -> TrainingCase {
    let existing = try trainingCase(id: id)
    try guardedSQL(actor, .untagCase) { db in
      guard let record = try db.fetchOne(TrainingCaseRecord.self, "SELECT * FROM training_cases WHERE id = ?", id) else {
        throw CallQAError.notFound(.errNoTrainingCase, id)
      }
      try db.execute("DELETE FROM training_cases WHERE id = ?", id)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "untag", entity: "training_case", entityId: id,
        before: try QADatabase.describe(record))
    }
    return existing
  }

  // MARK: - Reads

  /// The case with this id.
  public func trainingCase(id: Int64) throws -> TrainingCase {
    guard let found = try trainingCases(CaseFilter(), id: id).first else {
      throw CallQAError.notFound(.errNoTrainingCase, id)
    }
    return found
  }

  /// Cases matching `filter`, newest call first.
  public func trainingCases(_ filter: CaseFilter) throws -> [TrainingCase] {
    try trainingCases(filter, id: nil)
  }

  private func trainingCases(_ filter: CaseFilter, id: Int64?) throws -> [TrainingCase] {
    var conditions = SQLConditions()
    conditions.add("t.id = ?", id)
    conditions.add(engineKind.jsonArrayContains("t.skills"), filter.skill)
    conditions.add("t.level = ?", filter.level?.rawValue)
    conditions.add("t.kind = ?", filter.kind?.rawValue)
    try conditions.addScorecard(filter.scorecard)
    conditions.addCallDates(from: filter.from, to: filter.to)
    let whereClause = conditions.whereClause
    let sql = """
      SELECT t.*, a.code AS agent_code, c.external_id AS call_external_id, c.started_at AS call_started_at,
             s.key || '@' || s.version AS scorecard_ref, e.final_score AS evaluation_final_score
      FROM training_cases t
      JOIN evaluations e ON e.id = t.evaluation_id
      JOIN scorecards s ON s.id = e.scorecard_id
      JOIN agents a ON a.id = e.agent_id
      JOIN calls c ON c.id = e.call_id
      \(whereClause)
      ORDER BY c.started_at DESC, t.id DESC
      """
    return try readSQL { db in
      try FilterNames(scorecard: filter.scorecard).check(db)
      return try db.rows(sql, conditions.arguments).map { row in
        let record = try row.record(TrainingCaseRecord.self)
        var clip: ClipRange?
        if let start = record.clipStart, let end = record.clipEnd { clip = try? ClipRange(start: start, end: end) }
        let skills = (try? JSONDecoder().decode([String].self, from: Data(record.skills.utf8))) ?? []
        return TrainingCase(
          id: try record.storedID(), evaluationId: record.evaluationId, title: record.title, kind: record.kind,
          skills: skills, level: record.level, clip: clip, notes: record.notes, createdBy: record.createdBy,
          createdAt: record.createdAt, agent: try row["agent_code"], call: try row["call_external_id"],
          callStartedAt: try row["call_started_at"], scorecard: try row["scorecard_ref"],
          finalScore: try row["evaluation_final_score"])
      }
    }
  }

  /// Submitted evaluations not yet tagged that are worth a look, best first:
  /// exemplary candidates (final ≥ the scorecard's exemplary score, highest first), then
  /// cautionary candidates (a critical item answered "no", on the evaluation or a section). Calibration evaluations are left out.
  ///
  /// - Parameter period: `YYYY-MM`, compared with the call's local month.
  public func caseSuggestions(period: String? = nil) throws -> [CaseSuggestion] {
    var sql = """
      SELECT e.id, e.final_score, e.critical_failed, e.scorecard_id, a.code AS agent, c.external_id AS call,
             c.started_at, s.key || '@' || s.version AS scorecard
      FROM evaluations e
      JOIN scorecards s ON s.id = e.scorecard_id
      JOIN agents a ON a.id = e.agent_id
      JOIN calls c ON c.id = e.call_id
      WHERE e.status = 'submitted' AND e.kind != 'calibration'
        AND NOT EXISTS (SELECT 1 FROM training_cases t WHERE t.evaluation_id = e.id)
      """
    var arguments: [SQLValue] = []
    if let period {
      guard period.count == 7, Timestamp.parseDay(period + "-01") != nil else {
        throw CallQAError(.errPeriodMustYyyy, period)
      }
      sql += " AND substr(c.started_at, 1, 7) = ?"
      arguments.append(period.sqlValue)
    }
    let stored = try scorecards()
    let exemplary = Dictionary(stored.map { ($0.id, $0.scorecard.exemplaryScore) }, uniquingKeysWith: { a, _ in a })
    let rows = try readSQL { db in
      try db.rows(sql + " ORDER BY e.final_score DESC, c.started_at DESC, e.id", arguments).map { row -> (SQLRow, [String]) in
        let items = try db.rows(
          "SELECT item FROM item_scores WHERE evaluation_id = ? AND critical_failed = 1 ORDER BY position", try row["id"] as Int64
        ).map { try $0[0] as String }
        return (row, items)
      }
    }
    var best: [CaseSuggestion] = []
    var warnings: [CaseSuggestion] = []
    for (row, criticalItems) in rows {
      let scorecardId: Int64 = try row["scorecard_id"]
      guard let threshold = exemplary[scorecardId], let final: Double = try row["final_score"] else { continue }
      let critical = (try row["critical_failed"] as Bool? ?? false) || !criticalItems.isEmpty
      var suggestion = CaseSuggestion(
        evaluationId: try row["id"], kind: .exemplary, agent: try row["agent"], call: try row["call"],
        callStartedAt: try row["started_at"], scorecard: try row["scorecard"], finalScore: final,
        exemplaryScore: threshold, criticalItems: criticalItems)
      if critical {
        suggestion.kind = .cautionary
        warnings.append(suggestion)
      } else if final >= threshold {
        best.append(suggestion)
      }
    }
    return best + warnings
  }

  // MARK: - Helpers

  /// Throws when the evaluation is already a training case: one case per evaluation.
  static func refuseSecondCase(_ db: any SQLSession, evaluationId: Int64) throws {
    guard let row = try db.row("SELECT id, title FROM training_cases WHERE evaluation_id = ? ORDER BY id LIMIT 1", evaluationId)
    else { return }
    let id: Int64 = try row["id"]
    let title: String = try row["title"]
    throw CallQAError.conflict(.errEvaluationAlreadyCase, evaluationId, id, title)
  }

  /// The given skills, trimmed and without repeats; each must be an item key of `scorecard`.
  static func validatedSkills(_ given: [String], scorecard: Scorecard) throws -> [String] {
    var seen = Set<String>()
    var skills: [String] = []
    for raw in given {
      let key = raw.trimmingCharacters(in: .whitespaces)
      guard !key.isEmpty else { continue }
      guard scorecard.item(key) != nil else {
        throw CallQAError(.errSkillItemScorecard, key, scorecard.reference)
      }
      if seen.insert(key).inserted { skills.append(key) }
    }
    guard !skills.isEmpty else { throw CallQAError(.errSkillsNamesNo) }
    return skills
  }

  /// ``CaseSkills/defaults(for:kind:scorecard:)``, or an error when there are none.
  static func defaultSkills(detail: EvaluationDetail, kind: CaseKind, scorecard: Scorecard) throws -> [String] {
    let defaults = CaseSkills.defaults(for: detail, kind: kind, scorecard: scorecard)
    guard !defaults.isEmpty else {
      let reason = kind == .exemplary ? "no item earned full marks" : "no item lost points"
      throw CallQAError(.errEvaluationSoThere, detail.id, reason, kind.rawValue)
    }
    return defaults
  }

  static func describe(_ record: TrainingCaseRecord) throws -> String {
    var fields = [
      "evaluation_id": String(record.evaluationId), "title": record.title, "kind": record.kind.rawValue,
      "skills": record.skills,
    ]
    if let level = record.level { fields["level"] = level.rawValue }
    if let start = record.clipStart { fields["clip_start"] = String(start) }
    if let end = record.clipEnd { fields["clip_end"] = String(end) }
    if let notes = record.notes { fields["notes"] = notes }
    return try JSONText.object(fields)
  }
}
