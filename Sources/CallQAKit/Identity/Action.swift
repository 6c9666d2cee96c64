/// Everything a person can change in callqa, named once: the rows of the roles table in the
/// README ("Who may do what") and the keys of ``Policy/table``.
public enum Action: String, CaseIterable, Hashable, Sendable {
  case manageUsers = "user.manage"
  case changeSettings = "settings.change"
  case importScorecard = "scorecard.import"
  case managePeople = "people.manage"
  case importCallData = "calls.import"
  case scoreCall = "evaluation.score"
  case secondOpinion = "evaluation.second-opinion"
  case importEvaluations = "evaluation.import"
  case discardDraft = "draft.discard"
  case reassignDraft = "draft.reassign"
  case assignCalls = "calls.assign"
  case releaseEvaluation = "evaluation.release"
  case acknowledgeEvaluation = "evaluation.acknowledge"
  case openDispute = "dispute.open"
  case resolveDispute = "dispute.resolve"
  case createCalibration = "calibration.create"
  case scoreCalibration = "calibration.score"
  case tagCase = "case.tag"
  case untagCase = "case.untag"
  case exportCases = "case.export"
  case generateCoaching = "coaching.generate"
  case completeCoaching = "coaching.complete"
  case buildDemo = "demo.build"
  case restoreDatabase = "database.restore"

  /// The action in words, for refusals: "QA1 (inspector) may not *import a scorecard*".
  public var phrase: String {
    switch self {
    case .manageUsers: "manage users"
    case .changeSettings: "change settings"
    case .importScorecard: "import a scorecard"
    case .managePeople: "add or import agents and inspectors"
    case .importCallData: "import calls, complaints, monthly figures or transcripts"
    case .scoreCall: "score a call"
    case .secondOpinion: "score a second opinion"
    case .importEvaluations: "import evaluations"
    case .discardDraft: "discard a draft"
    case .reassignDraft: "reassign a draft"
    case .assignCalls: "assign calls to inspectors"
    case .releaseEvaluation: "release an evaluation"
    case .acknowledgeEvaluation: "acknowledge an evaluation"
    case .openDispute: "open a dispute"
    case .resolveDispute: "resolve a dispute"
    case .createCalibration: "create a calibration session"
    case .scoreCalibration: "score a calibration session"
    case .tagCase: "tag a training case"
    case .untagCase: "untag a training case"
    case .exportCases: "export a case library"
    case .generateCoaching: "generate coaching tasks"
    case .completeCoaching: "complete a coaching task"
    case .buildDemo: "build the demo"
    case .restoreDatabase: "restore a backup"
    }
  }

  /// The action in the catalogue, for refusals in the reader's language (``phrase`` in English).
  public var phraseKey: MessageKey {
    switch self {
    case .manageUsers: .actionManageUsers
    case .changeSettings: .actionChangeSettings
    case .importScorecard: .actionImportScorecard
    case .managePeople: .actionManagePeople
    case .importCallData: .actionImportCallData
    case .scoreCall: .actionScoreCall
    case .secondOpinion: .actionSecondOpinion
    case .importEvaluations: .actionImportEvaluations
    case .discardDraft: .actionDiscardDraft
    case .reassignDraft: .actionReassignDraft
    case .assignCalls: .actionAssignCalls
    case .releaseEvaluation: .actionReleaseEvaluation
    case .acknowledgeEvaluation: .actionAcknowledgeEvaluation
    case .openDispute: .actionOpenDispute
    case .resolveDispute: .actionResolveDispute
    case .createCalibration: .actionCreateCalibration
    case .scoreCalibration: .actionScoreCalibration
    case .tagCase: .actionTagCase
    case .untagCase: .actionUntagCase
    case .exportCases: .actionExportCases
    case .generateCoaching: .actionGenerateCoaching
    case .completeCoaching: .actionCompleteCoaching
    case .buildDemo: .actionBuildDemo
    case .restoreDatabase: .actionRestoreDatabase
    }
  }
}
