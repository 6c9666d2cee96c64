import Foundation

/// One agent's operational figures for one month (a row of `agent_months`).
///
/// Every figure may be missing (an empty CSV cell is stored as NULL): the performance
/// sheet then flags the row instead of treating the gap as zero.
public struct AgentMonth: Hashable, Sendable, Encodable {
  public var agent: String
  /// `YYYY-MM`.
  public var month: String
  /// Calls handled (呼入/呼出个数).
  @NullEncoded public var callsHandled: Int?
  /// Of those, contacts that were complaints or repeat enquiries (处理客户投诉个数).
  @NullEncoded public var complaintContacts: Int?
  /// The monthly call target (单位话务指标), > 0.
  @NullEncoded public var target: Int?
  /// Mean training score of the month, 0–100.
  @NullEncoded public var trainingScore: Double?
  /// Training sessions missed.
  @NullEncoded public var trainingAbsences: Int?
  /// Attendance rate in percent, 0–100.
  @NullEncoded public var attendance: Double?
  public init(
    agent: String, month: String, callsHandled: Int? = nil, complaintContacts: Int? = nil, target: Int? = nil,
    trainingScore: Double? = nil, trainingAbsences: Int? = nil, attendance: Double? = nil
  ) {
    self.agent = agent
    self.month = month
    self.callsHandled = callsHandled
    self.complaintContacts = complaintContacts
    self.target = target
    self.trainingScore = trainingScore
    self.trainingAbsences = trainingAbsences
    self.attendance = attendance
  }
}
/// Counts of an agent-month import.
public struct AgentMonthImportSummary: Hashable, Sendable {
  public var added = 0
  public var updated = 0
  public var unchanged = 0
}
extension AgentMonth {
  enum CodingKeys: String, CodingKey {
    case agent
    case month
    case callsHandled = "calls_handled"
    case complaintContacts = "complaint_contacts"
    case target
    case trainingScore = "training_score"
    case trainingAbsences = "training_absences"
    case attendance
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
