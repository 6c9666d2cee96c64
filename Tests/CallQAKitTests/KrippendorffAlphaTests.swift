import Foundation
import Testing

@testable import CallQAKit

@Suite("Krippendorff's alpha against published values and the krippendorff Python package")
struct KrippendorffAlphaTests {
  /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
  /// 12 units, values 1–5, with missing values (unit 12 has one value and drops out).
  static let published: [[Double?]] = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
    [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
  ]

  @Test func publishedExampleWithMissingValues() throws {
    // Published: nominal .743, ordinal .815, interval .849, ratio .797; the exact fractions
    // (from the coincidence matrix by hand, n = 40) are 113/152 and 951/1120.
    let nominal = KrippendorffAlpha.alpha(reliabilityData: Self.published, metric: .nominal)
    #expect(abs(try #require(nominal.alpha) - 113.0 / 152.0) < 1e-9)
    #expect(nominal.pairableValues == 40)
    #expect(nominal.pairableUnits == 11)
    let interval = KrippendorffAlpha.alpha(reliabilityData: Self.published, metric: .interval)
    #expect(abs(try #require(interval.alpha) - 951.0 / 1120.0) < 1e-9)
    // Ordinal and ratio match the published three decimals; the full digits are krippendorff 0.9.0's.
    let ordinal = try #require(KrippendorffAlpha.alpha(reliabilityData: Self.published, metric: .ordinal).alpha)
    #expect(abs(ordinal - 0.8153875037548814) < 1e-9)
    #expect(String(format: "%.3f", ordinal) == "0.815")
    let ratio = try #require(KrippendorffAlpha.alpha(reliabilityData: Self.published, metric: .ratio).alpha)
    #expect(abs(ratio - 0.7974027747116121) < 1e-9)
    #expect(String(format: "%.3f", ratio) == "0.797")
  }

  @Test func publishedBinaryTwoObserverExample() throws {
    // Krippendorff (2011), section A: two observers, ten units, binary data: alpha = .095 (= 2/21).
    let data: [[Double?]] = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]
    let alpha = try #require(KrippendorffAlpha.alpha(reliabilityData: data, metric: .nominal).alpha)
    #expect(abs(alpha - 2.0 / 21.0) < 1e-9)
  }

  @Test func unitsWithFewerThanTwoValuesDropOut() throws {
    // Given the published data plus units rated by a single observer
    var data = Self.published
    for row in data.indices { data[row] += [row == 0 ? 5 : nil, row == 3 ? 1 : nil] }
    // Then alpha and n are unchanged
    let result = KrippendorffAlpha.alpha(reliabilityData: data, metric: .nominal)
    #expect(abs(try #require(result.alpha) - 113.0 / 152.0) < 1e-9)
    #expect(result.pairableValues == 40)
  }

  @Test func undefinedWithoutVariationOrPairs() {
    #expect(KrippendorffAlpha.alpha(units: [[3, 3], [3, 3, 3]], metric: .interval).alpha == nil)
    #expect(KrippendorffAlpha.alpha(units: [[1], [2]], metric: .nominal).alpha == nil)
    #expect(KrippendorffAlpha.alpha(units: [], metric: .nominal).alpha == nil)
    // Perfect agreement with variation is 1; systematic disagreement is below 0.
    #expect(KrippendorffAlpha.alpha(units: [[1, 1], [2, 2], [3, 3]], metric: .interval).alpha == 1)
    let opposed = KrippendorffAlpha.alpha(units: [[0, 1], [1, 0]], metric: .nominal).alpha ?? 0
    #expect(opposed < 0)
  }

  @Test(
    "random data agrees with the krippendorff Python package to 1e-9",
    .enabled(if: PythonKrippendorff.available, "python3 with the krippendorff package is not available and cannot be installed"))
  func randomDataAgreesWithPython() throws {
    var generator = SplitMix64(seed: 20_261_125)
    var cases: [(KrippendorffAlpha.Metric, [[Double?]])] = []
    for index in 0..<60 {
      let raters = Int.random(in: 2...6, using: &generator)
      let units = Int.random(in: 3...40, using: &generator)
      let distinct = Int.random(in: 2...7, using: &generator)
      let fractional = index % 3 == 0
      let data: [[Double?]] = (0..<raters).map { _ in
        (0..<units).map { _ in
          if Double.random(in: 0..<1, using: &generator) < 0.25 { return nil }
          let value = Double(Int.random(in: 1...distinct, using: &generator))
          return fractional ? value * 1.25 + 0.5 : value
        }
      }
      let metric = KrippendorffAlpha.Metric.allCases[index % 4]
      cases.append((metric, data))
    }
    let expected = try PythonKrippendorff.alphas(cases)
    #expect(expected.count == cases.count)
    #expect(expected.compactMap { $0 }.count >= 50, "most random cases must have a defined alpha")
    for (position, (metric, data)) in cases.enumerated() {
      let ours = KrippendorffAlpha.alpha(reliabilityData: data, metric: metric).alpha
      switch (ours, expected[position]) {
      case let (mine?, theirs?):
        #expect(abs(mine - theirs) < 1e-9, "case \(position) \(metric): \(mine) vs \(theirs)")
      case (nil, nil): break
      default: Issue.record("case \(position) \(metric): \(String(describing: ours)) vs \(String(describing: expected[position]))")
      }
    }
  }
}

/// The `krippendorff` Python package (an independent implementation) as a test oracle.
enum PythonKrippendorff {
  /// python3 can import krippendorff, after a pip install if needed.
  static let available: Bool = {
    if run(["python3", "-c", "import krippendorff"]) == 0 { return true }
    _ = run(["python3", "-m", "pip", "install", "-q", "krippendorff"])
    return run(["python3", "-c", "import krippendorff"]) == 0
  }()

  static let script = """
    import json, sys, math
    import krippendorff
    cases = json.load(open(sys.argv[1]))
    out = []
    for case in cases:
        data = [[float('nan') if v is None else v for v in row] for row in case['data']]
        try:
            a = float(krippendorff.alpha(reliability_data=data, level_of_measurement=case['metric']))
            out.append(None if math.isnan(a) or math.isinf(a) else a)
        except (ValueError, ZeroDivisionError):
            out.append(None)
    print(json.dumps(out))
    """

  /// Alpha of every case according to the Python package (nil where it is undefined).
  static func alphas(_ cases: [(KrippendorffAlpha.Metric, [[Double?]])]) throws -> [Double?] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kalpha-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("cases.json")
    let json = cases.map { metric, data in
      ["metric": metric.rawValue, "data": data.map { $0.map { $0 as Any? ?? NSNull() } }] as [String: Any]
    }
    try JSONSerialization.data(withJSONObject: json).write(to: input)
    let scriptURL = directory.appendingPathComponent("oracle.py")
    try Data(script.utf8).write(to: scriptURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", scriptURL.path, input.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let values = try JSONSerialization.jsonObject(with: data) as? [Any] else {
      throw CallQAError("the Python oracle failed (status \(process.terminationStatus))")
    }
    return values.map { ($0 as? NSNumber)?.doubleValue }
  }

  static func run(_ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }
}
