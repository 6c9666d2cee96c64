/// Turns an import record into a scored submission with the same code as `score`:
/// ``ScorecardItem/parseAnswer(_:)`` for every answer, then ``ScoredSubmission`` (the checks
/// and ``Evaluator/evaluate(_:answers:notes:)`` of every path). There is no second validation
/// or scoring path for imports.
struct ImportValidator {
  /// A stored scorecard with its items indexed by key, looked up once per import.
  struct Prepared {
    var stored: StoredScorecard
    var items: [String: ScorecardItem]
    /// Item keys in scorecard order.
    var keys: [String]

    init(_ stored: StoredScorecard) {
      self.stored = stored
      let all = stored.scorecard.allItems.map(\.item)
      items = Dictionary(all.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
      keys = all.map(\.key)
    }
  }

  /// Stored scorecards by `key@version` and by `key` (the latest version).
  private let scorecards: [String: Prepared]
  private let actor: Actor

  init(scorecards stored: [StoredScorecard], actor: Actor) {
    var map: [String: Prepared] = [:]
    for scorecard in stored {
      let prepared = Prepared(scorecard)
      map[scorecard.scorecard.reference] = prepared
      if let latest = map[scorecard.scorecard.key], latest.stored.scorecard.version > scorecard.scorecard.version { continue }
      map[scorecard.scorecard.key] = prepared
    }
    self.scorecards = map
    self.actor = actor
  }

  /// The scored submission, or the reason the record cannot be imported.
  func prepare(_ record: EvaluationImportRecord) throws(CallQAError) -> ScoredSubmission {
    guard let prepared = scorecards[record.scorecard] else {
      let known = Set(scorecards.values.map(\.stored.scorecard.key)).sorted()
      guard !known.isEmpty else { throw CallQAError.notFound(.errUnknownScorecardNoneKnown, record.scorecard) }
      throw CallQAError.notFound(.errUnknownScorecardKnown, record.scorecard, MessageArgument.list(known))
    }
    let stored = prepared.stored
    let scorecard = stored.scorecard
    guard let kind = EvaluationKind(rawValue: record.kind) else {
      throw CallQAError(.errKindMustMonitoring, record.kind)
    }
    var answers: [String: Answer] = [:]
    for (key, raw) in record.answers {
      answers[key] = try AnswerChecks.answer(raw, key: key, item: prepared.items[key], scorecard: scorecard)
    }
    let states = scorecard.hasConditions ? scorecard.itemStates(answers) : [:]
    for key in prepared.keys { try AnswerChecks.requireAsked(key, answers[key], states: states, item: prepared.items[key]) }
    try AnswerChecks.requireComplete(answers, keys: states.isEmpty ? prepared.keys : AnswerChecks.askedKeys(scorecard, states: states))
    var causes: [String: [String]] = [:]
    for (key, keys) in record.causes {
      causes[key] = try AnswerChecks.causes(keys, item: key, answers: answers, scorecard: scorecard)
    }
    try AnswerChecks.requireCauses(causes, answers: answers, scorecard: scorecard)
    var notes: [String: String] = [:]
    for (key, note) in record.notes {
      try AnswerChecks.requireNoteItem(key, known: prepared.items[key] != nil)
      notes[key] = note
    }
    var call = record.call
    guard let started = call.startedAt else { throw CallQAError(.errCallHasNoStarted, call.externalId) }
    guard let parts = TimestampParts(started) else {
      throw CallQAError(.errCallStartedIsoOffset, started)
    }
    call.startedAt = parts.normalised
    if let duration = call.duration, !(duration.isFinite && duration >= 0) {
      throw CallQAError(.errCallDurationS)
    }
    var submittedAt: String?
    if let given = record.submittedAt {
      guard let parts = TimestampParts(given) else {
        throw CallQAError(.errSubmittedIsoOffset, given)
      }
      submittedAt = parts.utc
    }
    let sheet = AnswerSheet(answers: answers, notes: notes, comment: record.comment, causes: causes)
    var submission = EvaluationSubmission(
      scorecard: stored, agentCode: record.agent, inspectorCode: record.inspector, call: call, kind: kind,
      sheet: sheet, externalId: record.externalId, submittedAt: submittedAt, createMissingPeople: true, actor: actor)
    submission.importFingerprint = ImportValidator.fingerprint(submission, keys: prepared.keys)
    return try ScoredSubmission(submission)
  }

  /// SHA-256 of the submission's canonical content: the same evaluation from JSONL or CSV,
  /// with answers in any order or spelling (`y`, `yes`, `true`), has the same fingerprint.
  static func fingerprint(_ s: EvaluationSubmission, keys: [String]) -> String {
    var fields = [
      s.externalId ?? "", s.scorecard.scorecard.reference, s.kind.rawValue, s.agentCode, s.inspectorCode,
      s.call.externalId, s.call.startedAt ?? "", s.call.duration.map { String($0) } ?? "", s.call.direction ?? "",
      s.call.recording ?? "", s.call.transcript ?? "", s.sheet.comment ?? "", s.submittedAt ?? "",
    ]
    for key in keys {
      fields.append(key + "=" + (s.sheet.answers[key]?.text ?? ""))
      if let note = s.sheet.notes[key] { fields.append(key + "#" + note) }
      // Only records with root causes get these fields, so older records keep their fingerprint.
      if let causes = s.sheet.causes[key] { fields.append(key + "!" + causes.joined(separator: ",")) }
    }
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in SHA256.digest(fields.joined(separator: "\u{1F}").utf8) {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: hex, as: UTF8.self)
  }
}
