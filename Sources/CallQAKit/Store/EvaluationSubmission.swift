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
  /// Who is acting, for the audit trail.
  public var actor: String
  /// SHA-256 of an imported record's canonical content (see ``EvaluationImportRecord``).
  public var importFingerprint: String?
  /// The calibration session scored (kind `calibration`); nil otherwise.
  public var calibrationSessionId: Int64? = nil

  public init(
    scorecard: StoredScorecard, agentCode: String, inspectorCode: String, call: CallInput,
    kind: EvaluationKind, sheet: AnswerSheet, externalId: String? = nil, submittedAt: String? = nil,
    createMissingPeople: Bool = false, actor: String, importFingerprint: String? = nil
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
