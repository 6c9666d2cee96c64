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
  /// n, Σx, Σx² behind M and T, for the interval (not part of the JSON).
  public var monitoringSummary: MeanSummary?
  public var testCallSummary: MeanSummary?

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
  public static func compute(_ inputs: QualityIndexInputs, settings: QualitySettings) -> ServiceQualityIndex? {
    guard let (base, partial) = settings.base(monitoring: inputs.monitoringMean, testCall: inputs.testCallMean) else {
      return nil
    }
    let value = settings.index(base: base, complaints: inputs.complaints)
    let penalty = Double(inputs.complaints) * settings.complaintCoefficient
    return ServiceQualityIndex(inputs: inputs, base: base, complaintPenalty: penalty, value: value, partial: partial)
  }
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

  /// The index's interval under `settings` (nil without M and T).
  public func indexInterval(_ settings: QualitySettings, _ level: ConfidenceLevel) -> IntervalEstimate? {
    settings.indexInterval(monitoring: monitoringSummary, testCall: testCallSummary, complaints: complaints, level)
  }
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
