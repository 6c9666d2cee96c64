/// The call an evaluation is about, as the user names it. Unknown calls are created.
public struct CallInput: Hashable, Sendable {
  public var externalId: String
  /// ISO-8601 with offset; when nil for a new call, the time of scoring is used.
  public var startedAt: String?
  public var duration: Double?
  public var direction: String?
  public var recording: String?
  public var transcript: String?

  public init(
    externalId: String, startedAt: String? = nil, duration: Double? = nil, direction: String? = nil,
    recording: String? = nil, transcript: String? = nil
  ) {
    self.externalId = externalId
    self.startedAt = startedAt
    self.duration = duration
    self.direction = direction
    self.recording = recording
    self.transcript = transcript
  }
}

/// Everything needed to store one submitted evaluation.
public struct EvaluationSubmission: Hashable, Sendable {
  public var scorecard: StoredScorecard
  public var agentCode: String
  public var inspectorCode: String
  public var call: CallInput
  public var kind: EvaluationKind
  public var sheet: AnswerSheet
  /// Import key; nil for evaluations scored in callqa.
  public var externalId: String?
  /// UTC submission time; nil means now.
  public var submittedAt: String?
  /// Create unknown agents and inspectors (imports) instead of refusing them (scoring).
  public var createMissingPeople: Bool
  /// Who is acting: checked by the ``Policy`` and recorded in the audit trail.
  public var actor: Actor
  /// An explicit second opinion on a call that already has a counted evaluation of this kind:
  /// stored as such (`second_opinion_of`) and never counted in reports.
  public var secondOpinion = false
  /// SHA-256 of an imported record's canonical content (see ``EvaluationImportRecord``).
  public var importFingerprint: String?
  /// The calibration session scored (kind `calibration`); nil otherwise.
  public var calibrationSessionId: Int64? = nil

  public init(
    scorecard: StoredScorecard, agentCode: String, inspectorCode: String, call: CallInput,
    kind: EvaluationKind, sheet: AnswerSheet, externalId: String? = nil, submittedAt: String? = nil,
    createMissingPeople: Bool = false, actor: Actor, importFingerprint: String? = nil
  ) {
    self.importFingerprint = importFingerprint
    self.scorecard = scorecard
    self.agentCode = agentCode
    self.inspectorCode = inspectorCode
    self.call = call
    self.kind = kind
    self.sheet = sheet
    self.externalId = externalId
    self.submittedAt = submittedAt
    self.createMissingPeople = createMissingPeople
    self.actor = actor
  }
}

/// A submission whose answers were checked against its scorecard version and scored by
/// ``Evaluator``. It is the only input of the one write path,
/// ``QADatabase/storeSubmission(_:_:via:context:)``, so no path can store scores, items or
/// impact that are not its answers' own.
///
/// Checking and scoring need no database, so bulk writers make these ahead of the write
/// (the import pipeline on its reader thread, the benchmark generator once per answer set).
struct ScoredSubmission: Sendable {
  private(set) var submission: EvaluationSubmission
  let result: EvaluationResult

  /// Checks every answer, note and proposal against the submission's scorecard version
  /// (unknown items, a missing answer, N/A where not allowed, a score that is not a level,
  /// a negative count), then scores it.
  init(_ submission: EvaluationSubmission) throws(CallQAError) {
    let scorecard = submission.scorecard.scorecard
    let sheet = submission.sheet
    var missing: [String] = []
    var known = 0
    // An item skipped by its condition is N/A: it may carry `na` (how it is stored), nothing else.
    let states = scorecard.hasConditions ? scorecard.itemStates(sheet.answers) : [:]
    for (_, item) in scorecard.allItems {
      if states[item.key]?.isSkipped == true {
        try AnswerChecks.requireAsked(item.key, sheet.answers[item.key], states: states)
        if sheet.answers[item.key] != nil { known += 1 }
        continue
      }
      guard let answer = sheet.answers[item.key] else {
        missing.append(item.key)
        continue
      }
      known += 1
      do { try item.check(answer) } catch { throw CallQAError(text: error.text) }
    }
    if known < sheet.answers.count, let unknown = sheet.answers.keys.sorted().first(where: { scorecard.item($0) == nil }) {
      throw CallQAError(.errUnknownItemScorecard, unknown, scorecard.reference)
    }
    if !missing.isEmpty {
      throw CallQAError(.errNoAnswerForItems, missing.count, MessageArgument.quotedList(missing))
    }
    for key in sheet.notes.keys.sorted() where scorecard.item(key) == nil {
      throw CallQAError(.errNoteUnknownItem, key)
    }
    for (key, causes) in sheet.causes.sorted(by: { $0.key < $1.key }) {
      _ = try AnswerChecks.causes(causes, item: key, answers: sheet.answers, scorecard: scorecard)
    }
    try AnswerChecks.requireCauses(sheet.causes, answers: sheet.answers, scorecard: scorecard)
    for (key, proposed) in sheet.proposals.sorted(by: { $0.key < $1.key }) {
      guard let item = scorecard.item(key) else { throw CallQAError(.errProposalUnknownItem, key) }
      do { _ = try item.storedAnswer(proposed) } catch { throw CallQAError(.errProposed, error) }
    }
    do {
      result = try Evaluator.evaluate(scorecard, answers: sheet.answers, notes: sheet.notes)
    } catch let error as CallQAError {
      throw error
    } catch {
      throw CallQAError(.verbatim, MessageArgument.describing(error))
    }
    self.submission = submission
  }

  /// The same scored answers about another call: who scored whom, which call, the kind and the
  /// submission time. Scores depend on the answers and the scorecard only, so the result stays
  /// the evaluator's; import keys and the calibration session do not carry over.
  func about(agent: String, inspector: String, call: CallInput, kind: EvaluationKind, submittedAt: String?) -> ScoredSubmission {
    var copy = self
    copy.submission.agentCode = agent
    copy.submission.inspectorCode = inspector
    copy.submission.call = call
    copy.submission.kind = kind
    copy.submission.submittedAt = submittedAt
    copy.submission.externalId = nil
    copy.submission.importFingerprint = nil
    copy.submission.calibrationSessionId = nil
    return copy
  }
}

/// How a submission reached the write path: named in its audit row (`via`), and for a draft
/// or a revision what the stored row is linked to.
enum SubmissionPath: Sendable, Hashable {
  /// A whole answer sheet: `score --answers`, ``QADatabase/submit(_:)``.
  case answers
  /// The interactive draft with this id, submitted under its own id and creation time.
  case draft(Int64)
  /// `evaluation import` (the file and line come from the ``SubmissionContext``).
  case importFile
  /// One inspector's scoring of a calibration session.
  case calibration
  /// A dispute resolved with new answers: the revision of evaluation `of`.
  case revision(of: Int64, dispute: Int64)
  /// `callqa demo`.
  case demo
  /// `callqa bench generate`.
  case bench

  /// True for ``draft(_:)``.
  var isDraft: Bool {
    if case .draft = self { return true }
    return false
  }

  /// The `via` of the audit row.
  var name: String {
    switch self {
    case .answers: return "answers"
    case .draft: return "draft"
    case .importFile: return "import"
    case .calibration: return "calibration"
    case .revision: return "revision"
    case .demo: return "demo"
    case .bench: return "bench"
    }
  }
}
