import Foundation

/// How the monthly performance sheet weighs its four indices (SPEC §3.6), read from a
/// performance-plan YAML file (`Schemas/performance-plan.schema.json`).
public struct PerformancePlan: Hashable, Sendable, Encodable {
  /// Weights of the indices in the total, in percent; they sum to 100.
  public struct Weights: Hashable, Sendable, Encodable {
    public var traffic: Double
    public var quality: Double
    public var training: Double
    public var attendance: Double
    public init(traffic: Double, quality: Double, training: Double, attendance: Double) {
      self.traffic = traffic
      self.quality = quality
      self.training = training
      self.attendance = attendance
    }
  }

  public var title: String
  public var weights: Weights
  /// w_m, w_t and the complaint coefficient k of the service-quality index.
  public var quality: QualitySettings
  /// Quality index (and section mean) below which an agent gets a coaching task.
  public var passLine: Double
  /// Points of training index lost per missed training session (培训考勤系数).
  public var trainingAbsenceCoefficient: Double

  /// The plan used without `--plan`; identical to the shipped `scorecards/performance-plan.yaml`.
  public static let standard = PerformancePlan(
    title: "Monthly agent performance 坐席月度绩效",
    weights: Weights(traffic: 30, quality: 40, training: 15, attendance: 15),
    quality: .standard, passLine: 85, trainingAbsenceCoefficient: 5)

  public init(
    title: String, weights: Weights, quality: QualitySettings, passLine: Double, trainingAbsenceCoefficient: Double
  ) {
    self.title = title
    self.weights = weights
    self.quality = quality
    self.passLine = passLine
    self.trainingAbsenceCoefficient = trainingAbsenceCoefficient
  }
}

/// Reads and validates a performance plan; errors are `file:line:column: …`.
public enum PerformancePlanLoader {
  /// File names starting with this prefix in `scorecards/` are plans, not scorecards.
  public static let filePrefix = "performance-"

  /// Loads the plan in the file at `path`.
  public static func load(path: String) throws -> PerformancePlan {
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else { throw CallQAError(.errCannotReadFile, path) }
    return try load(text: TextEncoding.decode(data, file: name, advice: .file), file: name)
  }

  /// Loads a plan from YAML text; `file` is used in error messages.
  public static func load(text: String, file: String) throws -> PerformancePlan {
    let root = try YAMLValue.parse(text, file: file)
    let map = try root.mapping(
      allowed: ["kind", "title", "weights", "quality", "training"], expected: .phrase(.yamlPerformancePlanMapping))
    let kind = try map.required("kind")
    guard try kind.string() == "performance-plan" else { throw kind.error(.errKindMustPerformance) }
    let title = try map["title"].map { try $0.string(.phrase(.yamlATitle)) } ?? PerformancePlan.standard.title

    let weightsValue = try map.required("weights")
    let weightsMap = try weightsValue.mapping(allowed: ["traffic", "quality", "training", "attendance"])
    func weight(_ key: String) throws -> Double {
      let value = try weightsMap.required(key)
      let number = try value.number(.phrase(.yamlWeightNamed, key))
      guard number >= 0 else { throw value.error(.errWeightMust, key) }
      return number
    }
    let weights = PerformancePlan.Weights(
      traffic: try weight("traffic"), quality: try weight("quality"), training: try weight("training"),
      attendance: try weight("attendance"))
    let sum = weights.traffic + weights.quality + weights.training + weights.attendance
    guard abs(sum - 100) < 1e-9 else {
      throw weightsValue.error(.errWeightsMustSum, ScoreFormat.plain(sum))
    }

    var quality = QualitySettings.standard
    var passLine = PerformancePlan.standard.passLine
    if let qualityValue = map["quality"] {
      let q = try qualityValue.mapping(allowed: ["monitoring_weight", "test_call_weight", "complaint_coefficient", "pass_line"])
      // Each weight defaults to the standard one; together they must make 1.
      let monitoring = try q["monitoring_weight"].map { try fraction($0, what: .text("monitoring_weight")) } ?? quality.monitoringWeight
      let testCall = try q["test_call_weight"].map { try fraction($0, what: .text("test_call_weight")) } ?? quality.testCallWeight
      guard abs(monitoring + testCall - 1) < 1e-9 else {
        throw qualityValue.error(.errMonitoringWeightTest)
      }
      quality.monitoringWeight = monitoring
      if let v = q["complaint_coefficient"] { quality.complaintCoefficient = try nonNegative(v, what: .text("complaint_coefficient")) }
      if let v = q["pass_line"] {
        passLine = try nonNegative(v, what: .text("pass_line"))
        guard passLine <= 100 else { throw v.error(.errPassLineMust) }
      }
    }
    var absence = PerformancePlan.standard.trainingAbsenceCoefficient
    if let trainingValue = map["training"] {
      let t = try trainingValue.mapping(allowed: ["absence_coefficient"])
      if let v = t["absence_coefficient"] { absence = try nonNegative(v, what: .text("absence_coefficient")) }
    }
    return PerformancePlan(
      title: title, weights: weights, quality: quality, passLine: passLine, trainingAbsenceCoefficient: absence)
  }

  private static func fraction(_ value: YAMLValue, what: MessageArgument) throws -> Double {
    let number = try value.number(what)
    guard (0...1).contains(number) else { throw value.error(.errMustBetween3, what) }
    return number
  }

  private static func nonNegative(_ value: YAMLValue, what: MessageArgument) throws -> Double {
    let number = try value.number(what)
    guard number >= 0 else { throw value.error(.errMust, what) }
    return number
  }
}

extension PerformancePlan.Weights {
  enum CodingKeys: String, CodingKey {
    case traffic
    case quality
    case training
    case attendance
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension PerformancePlan {
  enum CodingKeys: String, CodingKey {
    case title
    case weights
    case quality
    case passLine = "pass_line"
    case trainingAbsenceCoefficient = "training_absence_coefficient"
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
