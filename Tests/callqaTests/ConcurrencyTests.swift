import Foundation
import Testing

@Suite("Concurrency: several callqa processes writing one database")
struct ConcurrencyTests {
  @Test("8 processes at once, 6 scoring and 2 importing the same file: no lost writes, no 'database is locked'")
  func eightWriters() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let answers = try cli.write("answers.yaml", FoundationEndToEndTests.answers)
    let importFile = cli.directory.appendingPathComponent("import.jsonl").path
    let generated = try cli.run(["bench", "import-data", "--evaluations", "300", "--months", "1", "--out", importFile])
    #expect(generated.status == 0, "\(generated.stderr)")
    let writers = 6, callsEach = 6, importers = 2, imported = 300
    let group = DispatchGroup()
    let lock = NSLock()
    nonisolated(unsafe) var failures: [String] = []
    for writer in 0..<writers {
      group.enter()
      DispatchQueue.global().async {
        defer { group.leave() }
        for call in 0..<callsEach {
          do {
            let result = try cli.run([
              "score", "--scorecard", "inbound-service", "--agent", "A001", "--inspector", "QA1",
              "--call", "W\(writer)-C\(call)", "--answers", answers, "--db", cli.database,
            ])
            if result.status != 0 {
              lock.lock(); failures.append(result.stderr); lock.unlock()
            }
          } catch {
            lock.lock(); failures.append("\(error)"); lock.unlock()
          }
        }
      }
    }
    for _ in 0..<importers {
      group.enter()
      DispatchQueue.global().async {
        defer { group.leave() }
        do {
          // Both import the same file: together they must store it exactly once.
          let result = try cli.run(["evaluation", "import", importFile, "--db", cli.database])
          if result.status != 0 { lock.lock(); failures.append(result.stderr); lock.unlock() }
        } catch {
          lock.lock(); failures.append("\(error)"); lock.unlock()
        }
      }
    }
    group.wait()
    #expect(failures.isEmpty, "\(failures)")
    let list = try cli.ok(["evaluation", "list", "--format", "json"])
    let rows = try #require(try CLIHarness.json(list) as? [[String: Any]])
    #expect(rows.count == writers * callsEach + imported)
    #expect(Set(rows.compactMap { $0["call"] as? String }).count == writers * callsEach + imported)
    let doctor = try cli.ok(["doctor"])
    #expect(doctor.hasPrefix("ok:"))
  }
}
