import GRDB

/// State shared by many submissions written in one transaction (a bulk import or the demo):
/// people already resolved, and where the current record comes from for its audit row.
///
/// The insertion code is the same with or without a context; the context only saves
/// repeated look-ups and keeps each evaluation's audit row short (its source and line
/// instead of every answer, which the item rows already hold). It must not outlive
/// the transaction it was used in.
final class SubmissionContext {
  var agents: [String: AgentRecord] = [:]
  var inspectors: [String: InspectorRecord] = [:]
  /// The file (or `demo`) the submissions come from.
  let source: String
  /// The line of the record being written, if it comes from a file.
  var line: Int?

  init(source: String) {
    self.source = source
  }

  /// The audit `after` of one evaluation written in this context.
  func auditSummary(_ submission: EvaluationSubmission) throws -> String {
    var json = #"{"source":\#(JSONText.quoted(source))"#
    if let line { json += #","line":\#(line)"# }
    if let externalId = submission.externalId { json += #","external_id":\#(JSONText.quoted(externalId))"# }
    if let fingerprint = submission.importFingerprint { json += #","fingerprint":"\#(fingerprint)""# }
    return json + "}"
  }
}
