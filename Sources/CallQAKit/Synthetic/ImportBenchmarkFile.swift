/// Writes generated evaluations to an import file, for benchmarks and large tests.
public enum ImportBenchmarkFile {
  /// Writes `evaluations` records on `scorecard` (17 items for inbound-service) spread over
  /// `months` months ending with `lastMonth`, with as many agents as that takes at six
  /// monitoring evaluations and one test call per agent and month. Deterministic for `seed`; streams (flat memory).
  public static func generate(
    evaluations: Int, months: Int, lastMonth: EvaluationGenerator.Month, seed: UInt64,
    scorecard key: String = "inbound-service", path: String, format: ImportRecordWriter.Format,
    progress: ((Int) -> Void)? = nil
  ) throws -> Int {
    guard let scorecard = try ShippedScorecards.all().first(where: { $0.key == key }) else {
      throw CallQAError(.errNoShippedScorecard, key)
    }
    let perAgent = months * 7
    let agents = max(1, (evaluations + perAgent - 1) / perAgent)
    let centre = DemoCentre.make(agents: agents, seed: seed, scorecards: [key: scorecard], only: key, coverageGaps: false)
    let generator = EvaluationGenerator(
      centre: centre, scorecards: [key: scorecard],
      months: EvaluationGenerator.Month.range(endingWith: lastMonth, count: months), seed: seed,
      monitoringPerMonth: 6, testCallsPerMonth: 1, limit: evaluations)
    let writer = try ImportRecordWriter(path: path, format: format, itemKeys: scorecard.allItems.map(\.item.key))
    var written = 0
    for record in generator {
      try writer.write(record)
      written += 1
      if written % 10_000 == 0 { progress?(written) }
    }
    try writer.close()
    return written
  }
}
