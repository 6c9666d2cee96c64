import GRDB

/// State shared by many submissions written in one transaction (a bulk import or the demo):
/// people already resolved, and whether each evaluation gets its own audit row.
///
/// The insertion code is the same with or without a context; the context only saves
/// repeated look-ups. It must not outlive the transaction it was used in.
final class SubmissionContext {
  var agents: [String: AgentRecord] = [:]
  var inspectors: [String: InspectorRecord] = [:]
  /// When false, the caller writes one audit row for the whole batch instead.
  let auditEach: Bool

  init(auditEach: Bool) {
    self.auditEach = auditEach
  }
}
