import Foundation

/// One agent's line of the monthly performance sheet.
public struct PerformanceRow: Hashable, Sendable, Encodable {
  public var agent: String
  public var name: String
  @NullEncoded public var team: String?
  /// 话务指标 = (calls handled − complaint contacts) / target × 100.
  @NullEncoded public var traffic: Double?
  /// 服务质量指标 (``ServiceQualityIndex``).
  @NullEncoded public var quality: Double?
  /// The quality index rests on only one of M and T.
  public var qualityPartial: Bool
  @NullEncoded public var qualityDetail: ServiceQualityIndex?
  /// 培训考核指标 = max(0, mean training score − absences × coefficient).
  @NullEncoded public var training: Double?
  /// Attendance in percent, as imported.
  @NullEncoded public var attendance: Double?
  /// Σ weight × index / 100; nil when any input is missing.
  @NullEncoded public var total: Double?
  /// 1 = best; agents whose totals agree to one decimal share a rank (1, 1, 3); nil when flagged.
  @NullEncoded public var rank: Int?
  /// The inputs that are missing; non-empty means the row is flagged and has no total.
  public var missing: [String]
  /// The quality index's interval (Welch t, complaint deduction a constant).
  @NullEncoded public var qualityCI: IntervalEstimate?
  /// The total's interval: only the quality index is sampled, so it is the other weighted
  /// figures plus w_quality × the quality interval / 100.
  @NullEncoded public var totalCI: IntervalEstimate?

  public var flagged: Bool { !missing.isEmpty }
}

/// The monthly performance sheet (SPEC §3.5–3.6): per agent the traffic, service-quality
/// and training indices, attendance, the weighted total and the rank.
public struct PerformanceSheet: Hashable, Sendable, Encodable {
  public var period: String
  public var confidence: ConfidenceLevel
  public var plan: PerformancePlan
  /// Ranked rows first (best first), then flagged rows by agent code.
  public var rows: [PerformanceRow]

  /// Builds the sheet from its inputs; a missing figure is never taken as zero.
  ///
  /// - Parameters:
  ///   - agents: (code, name, team) of every agent on the sheet.
  ///   - months: the month's operational figures by agent code.
  ///   - quality: M, T and C by agent code.
  public static func compute(
    period: String, plan: PerformancePlan, agents: [(code: String, name: String, team: String?)],
    months: [String: AgentMonth], quality: [String: QualityIndexInputs], confidence: ConfidenceLevel = .standard
  ) -> PerformanceSheet {
    var rows = agents.map { agent -> PerformanceRow in
      var missing: [String] = []
      let month = months[agent.code]
      if month == nil { missing.append("agent-month figures") }
      let traffic = trafficIndex(month)
      let training = trainingIndex(month, coefficient: plan.trainingAbsenceCoefficient)
      let attendance = month?.attendance
      missing += traffic.missing + training.missing
      if month != nil && attendance == nil { missing.append("attendance") }
      let index = quality[agent.code].flatMap { ServiceQualityIndex.compute($0, settings: plan.quality) }
      if index == nil { missing.append("quality (no monitoring or test-call evaluation)") }
      let qualityCI = quality[agent.code]?.indexInterval(plan.quality, confidence)
      var total: Double?
      var totalCI: IntervalEstimate?
      if missing.isEmpty, let traffic = traffic.value, let training = training.value, let attendance, let index {
        let w = plan.weights
        total = (w.traffic * traffic + w.quality * index.value + w.training * training + w.attendance * attendance) / 100
        totalCI = qualityCI?.map { (w.traffic * traffic + w.quality * $0 + w.training * training + w.attendance * attendance) / 100 }
      }
      return PerformanceRow(
        agent: agent.code, name: agent.name, team: agent.team, traffic: traffic.value, quality: index?.value,
        qualityPartial: index?.partial ?? false, qualityDetail: index, training: training.value, attendance: attendance,
        total: total, rank: nil, missing: missing, qualityCI: qualityCI, totalCI: totalCI)
    }
    rank(&rows)
    return PerformanceSheet(period: period, confidence: confidence, plan: plan, rows: rows)
  }

  /// (calls handled − complaint contacts) / target × 100; the seed's case: (5000 − 500) / 5000 × 100 = 90.
  /// Not capped: above 100 means over target.
  public static func trafficIndex(handled: Int, complaintContacts: Int, target: Int) -> Double {
    // Multiply first: 5500 · 100 / 5000 is exactly 110, 5500 / 5000 · 100 is not.
    Double(handled - complaintContacts) * 100 / Double(target)
  }

  /// max(0, mean training score − absences × coefficient).
  public static func trainingIndex(score: Double, absences: Int, coefficient: Double) -> Double {
    max(0, score - Double(absences) * coefficient)
  }

  private static func trafficIndex(_ month: AgentMonth?) -> (value: Double?, missing: [String]) {
    guard let month else { return (nil, []) }
    var gaps: [String] = []
    if month.callsHandled == nil { gaps.append("calls_handled") }
    if month.complaintContacts == nil { gaps.append("complaint_contacts") }
    if month.target == nil { gaps.append("target") }
    guard let handled = month.callsHandled, let contacts = month.complaintContacts, let target = month.target, target > 0 else {
      return (nil, gaps)
    }
    return (trafficIndex(handled: handled, complaintContacts: contacts, target: target), gaps)
  }

  private static func trainingIndex(_ month: AgentMonth?, coefficient: Double) -> (value: Double?, missing: [String]) {
    guard let month else { return (nil, []) }
    var gaps: [String] = []
    if month.trainingScore == nil { gaps.append("training_score") }
    if month.trainingAbsences == nil { gaps.append("training_absences") }
    guard let score = month.trainingScore, let absences = month.trainingAbsences else { return (nil, gaps) }
    return (trainingIndex(score: score, absences: absences, coefficient: coefficient), gaps)
  }

  /// Competition ranking ("1, 1, 3") on totals rounded to the one decimal the sheet shows,
  /// so two agents shown with the same total never get different ranks.
  static func rank(_ rows: inout [PerformanceRow]) {
    func shown(_ value: Double) -> Double { (value * 10).rounded() / 10 }
    rows.sort { a, b in
      switch (a.total, b.total) {
      case (let x?, let y?): return shown(x) != shown(y) ? shown(x) > shown(y) : a.agent < b.agent
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a.agent < b.agent
      }
    }
    var previous: Double?
    var previousRank = 0
    for index in rows.indices {
      guard let total = rows[index].total else { continue }
      if let previous, shown(previous) == shown(total) {
        rows[index].rank = previousRank
      } else {
        rows[index].rank = index + 1
        previousRank = index + 1
      }
      previous = total
    }
  }
}

extension PerformanceRow {
  enum CodingKeys: String, CodingKey {
    case agent
    case name
    case team
    case traffic
    case quality
    case qualityPartial = "quality_partial"
    case qualityDetail = "quality_detail"
    case training
    case attendance
    case total
    case rank
    case missing
    case qualityCI = "quality_ci"
    case totalCI = "total_ci"
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension PerformanceSheet {
  enum CodingKeys: String, CodingKey {
    case period
    case confidence
    case plan
    case rows
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
