import ArgumentParser
import CallQAKit
import Foundation

extension CallQA.BenchCommand {
  /// `callqa bench import-data`: an evaluation import file for the import benchmark
  /// (Benchmarks/import-bench.sh runs it).
  struct ImportData: CallQACommand {
    static let configuration = CommandConfiguration(
      commandName: "import-data",
      abstract: Terminal.help(.abstractWriteGeneratedEvaluations))
    @Option(help: ArgumentHelp(Terminal.help(.helpNumberEvaluations))) var evaluations = 100_000
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthsCallsSpread))) var months = 12
    @Option(help: ArgumentHelp(Terminal.help(.helpLastMonthYyyy))) var lastMonth = "2026-10"
    @Option(help: ArgumentHelp(Terminal.help(.helpRandomSeed))) var seed: UInt64 = 42
    @Option(help: ArgumentHelp(Terminal.help(.helpOutputFileJsonl))) var out: String
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard evaluations >= 1 else { throw ValidationError(Terminal.words(.errEvaluationsMustLeast)) }
      guard (1...60).contains(months) else { throw ValidationError(Terminal.words(.errMonthsMustBetween)) }
      guard CallQA.Demo.month(lastMonth) != nil else { throw ValidationError(Terminal.words(.errLastMonthMust)) }
      guard ["jsonl", "csv"].contains((out as NSString).pathExtension.lowercased()) else {
        throw ValidationError(Terminal.words(.errOutMustEnd))
      }
    }

    func execute() throws {
      let format: ImportRecordWriter.Format = (out as NSString).pathExtension.lowercased() == "csv" ? .csv : .jsonl
      let progress = ProgressBar(label: "generate")
      let total = evaluations
      let written = try ImportBenchmarkFile.generate(
        evaluations: evaluations, months: months,
        lastMonth: CallQA.Demo.month(lastMonth) ?? .init(year: 2026, month: 10), seed: seed, path: out, format: format,
        progress: { progress?.update($0, of: total) })
      progress?.finish()
      Console.out("\(out): \(written) evaluations")
    }
  }
}
