/// A record with an autoincremented `id`, nil until the row is inserted.
protocol StoredRecord {
  var id: Int64? { get }
}

extension StoredRecord {
  /// The row id of a record that was inserted or fetched. A record without one is a bug in
  /// the caller (or an insert that did not happen), reported as such, never read as row 0.
  func storedID() throws -> Int64 {
    guard let id else { throw CallQAError(.errInternalErrorWas, String(describing: Self.self)) }
    return id
  }
}

extension AgentRecord: StoredRecord {}
extension AuditRecord: StoredRecord {}
extension CalibrationSessionRecord: StoredRecord {}
extension CallRecord: StoredRecord {}
extension ComplaintRecord: StoredRecord {}
extension DisputeRecord: StoredRecord {}
extension EvaluationRecord: StoredRecord {}
extension InspectorRecord: StoredRecord {}
extension ScorecardRecord: StoredRecord {}
extension TrainingCaseRecord: StoredRecord {}
