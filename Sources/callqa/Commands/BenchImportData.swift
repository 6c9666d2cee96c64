import ArgumentParser
import CallQAKit
import Foundation

extension CallQA.BenchCommand {
  /// `callqa bench import-data`: an evaluation import file for the import benchmark
  /// (Benchmarks/import-bench.sh runs it).
  struct ImportData: CallQACommand {
    static let configuration = CommandConfiguration(
      commandName: "import-data",
      abstract: "Write generated evaluations (inbound-service, 17 items each) as a .jsonl or .csv import file.")
    @Option(help: "Number of evaluations.") var evaluations = 100_000
    @Option(help: "Months the calls spread over.") var months = 12
    @Option(help: "Last month, YYYY-MM.") var lastMonth = "2026-10"
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Output file: .jsonl or .csv.") var out: String
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard evaluations >= 1 else { throw ValidationError("--evaluations must be at least 1") }
      guard (1...60).contains(months) else { throw ValidationError("--months must be between 1 and 60") }
      guard CallQA.Demo.month(lastMonth) != nil else { throw ValidationError("--last-month must be YYYY-MM") }
      guard ["jsonl", "csv"].contains((out as NSString).pathExtension.lowercased()) else {
        throw ValidationError("--out must end in .jsonl or .csv")
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
