import GRDB

/// The weights and coefficient of the service-quality index (SPEC §3.5).
public struct QualityIndexWeights: Hashable, Sendable, Encodable {
  /// w_m, the weight of the monitoring mean M.
  public var monitoring: Double
  /// w_t, the weight of the test-call mean T; w_m + w_t = 1.
  public var testCall: Double
  /// k, points taken off per valid complaint.
  public var complaintCoefficient: Double

  /// The centre's formula: (M + T) / 2 − C × 2.
  public static let standard = QualityIndexWeights(monitoring: 0.5, testCall: 0.5, complaintCoefficient: 2)

  public init(monitoring: Double, testCall: Double, complaintCoefficient: Double) {
    self.monitoring = monitoring
    self.testCall = testCall
    self.complaintCoefficient = complaintCoefficient
  }
}

/// The inputs of one agent's index in one period, as read from the database.
public struct QualityIndexInputs: Hashable, Sendable, Encodable {
  public var agent: String
  /// M: mean final score of submitted monitoring evaluations whose call is in the period.
  @NullEncoded public var monitoringMean: Double?
  public var monitoringCount: Int
  /// T: the same for test-call evaluations.
  @NullEncoded public var testCallMean: Double?
  public var testCallCount: Int
  /// C: valid complaints dated in the period.
  public var complaints: Int

  public init(
    agent: String, monitoringMean: Double?, monitoringCount: Int, testCallMean: Double?, testCallCount: Int,
    complaints: Int
  ) {
    self.agent = agent
    self.monitoringMean = monitoringMean
    self.monitoringCount = monitoringCount
    self.testCallMean = testCallMean
    self.testCallCount = testCallCount
    self.complaints = complaints
  }
}

/// The service-quality index of one agent in one period (SPEC §3.5), from the centre's
/// formula 服务质量指标 = [(监听考核分值 + 拨测评定分数)/2 − 客户投诉数 × 客诉投诉系数] × 100%.
///
/// - base = w_m·M + w_t·T; with only one of M and T, base is that one and the index is
///   `partial`; with neither there is no index (``compute(_:weights:)`` returns nil).
/// - index = max(0, base − C·k).
public struct ServiceQualityIndex: Hashable, Sendable, Encodable {
  public var inputs: QualityIndexInputs
  public var base: Double
  /// C·k, the points the complaints took off.
  public var complaintPenalty: Double
  public var value: Double
  /// Only one of M and T was present.
  public var partial: Bool

  /// The index from its inputs; nil when the agent has neither M nor T.
  /// The formula itself lives in ``QualitySettings`` (shared with the `quality` report).
  public static func compute(_ inputs: QualityIndexInputs, weights: QualityIndexWeights) -> ServiceQualityIndex? {
    let settings = weights.settings
    guard let (base, partial) = settings.base(monitoring: inputs.monitoringMean, testCall: inputs.testCallMean) else {
      return nil
    }
    let value = settings.index(base: base, complaints: inputs.complaints)
    let penalty = Double(inputs.complaints) * weights.complaintCoefficient
    return ServiceQualityIndex(inputs: inputs, base: base, complaintPenalty: penalty, value: value, partial: partial)
  }
}

extension QualityIndexWeights {
  /// The same weights as the `quality` report's settings (w_t = 1 − w_m).
  var settings: QualitySettings {
    QualitySettings(complaintCoefficient: complaintCoefficient, monitoringWeight: monitoring)
  }
}

extension QADatabase {
  /// M, T and C of every agent in `period` (keyed by agent code), for agents with at
  /// least one counted evaluation or complaint. Calibration evaluations, drafts and
  /// revised evaluations never count; disputed ones count until resolved.
  public func qualityIndexInputs(period: ReportPeriod) throws -> [String: QualityIndexInputs] {
    let (first, last) = period.days
    return try read { db in
      var inputs: [String: QualityIndexInputs] = [:]
      let evaluations = try Row.fetchAll(db, sql: """
        SELECT a.code, e.kind, AVG(e.final_score) AS mean, COUNT(*) AS n
        FROM evaluations e JOIN calls c ON c.id = e.call_id JOIN agents a ON a.id = e.agent_id
        WHERE \(CountedEvaluation.condition)
          AND substr(c.started_at, 1, 10) BETWEEN ? AND ?
        GROUP BY a.code, e.kind
        """, arguments: [first, last])
      func entry(_ code: String) -> QualityIndexInputs {
        inputs[code] ?? QualityIndexInputs(
          agent: code, monitoringMean: nil, monitoringCount: 0, testCallMean: nil, testCallCount: 0, complaints: 0)
      }
      for row in evaluations {
        let code: String = row["code"]
        var value = entry(code)
        if row["kind"] == EvaluationKind.monitoring.rawValue {
          value.monitoringMean = row["mean"]
          value.monitoringCount = row["n"]
        } else {
          value.testCallMean = row["mean"]
          value.testCallCount = row["n"]
        }
        inputs[code] = value
      }
      let complaints = try Row.fetchAll(db, sql: """
        SELECT a.code, COUNT(*) AS n FROM complaints k JOIN agents a ON a.id = k.agent_id
        WHERE k.valid = 1 AND substr(k.date, 1, 10) BETWEEN ? AND ?
        GROUP BY a.code
        """, arguments: [first, last])
      for row in complaints {
        let code: String = row["code"]
        var value = entry(code)
        value.complaints = row["n"]
        inputs[code] = value
      }
      return inputs
    }
  }
}

extension QualityIndexWeights {
  enum CodingKeys: String, CodingKey {
    case monitoring
    case testCall = "test_call"
    case complaintCoefficient = "complaint_coefficient"
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension QualityIndexInputs {
  enum CodingKeys: String, CodingKey {
    case agent
    case monitoringMean = "monitoring_mean"
    case monitoringCount = "monitoring_count"
    case testCallMean = "test_call_mean"
    case testCallCount = "test_call_count"
    case complaints
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension ServiceQualityIndex {
  enum CodingKeys: String, CodingKey {
    case inputs
    case base
    case complaintPenalty = "complaint_penalty"
    case value
    case partial
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
