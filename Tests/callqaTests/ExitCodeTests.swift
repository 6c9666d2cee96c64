import Foundation
import Testing

@Suite("exit codes: 1 for a request that cannot be done, 74 for a storage failure, 64 for usage")
struct ExitCodeTests {
  @Test func eachKindOfFailureHasItsStatusAndOneLine() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    // not found
    let missing = try cli.run(["evaluation", "show", "42", "--db", cli.database])
    #expect(missing.status == 1 && missing.stderr == "error: no evaluation with id 42\n")
    // conflict
    try cli.ok(["agent", "add", "A1", "--name", "王小明"])
    let twice = try cli.run(["agent", "add", "A1", "--name", "王小明", "--db", cli.database])
    #expect(twice.status == 1 && twice.stderr == "error: agent 'A1' already exists\n")
    // storage: a file that is not a database
    let garbage = try cli.write("garbage.sqlite", String(repeating: "not a database ", count: 600))
    let damaged = try cli.run(["agent", "list", "--db", garbage])
    #expect(damaged.status == 74, "\(damaged.stderr)")
    #expect(damaged.stderr.hasPrefix("error: \(garbage): cannot open the database: the database file is damaged or not a database"))
    #expect(damaged.stderr.split(separator: "\n").count == 1)
    // a report into a folder that does not exist: one line, nothing written
    for format in ["csv", "xlsx", "html", "json"] {
      let out = cli.directory.appendingPathComponent("no-such-folder/r.\(format)").path
      let refused = try cli.run(["report", "agents", "--format", format, "--output", out, "--db", cli.database])
      #expect(refused.status == 1 && refused.stderr == "error: \(out): the folder \((out as NSString).deletingLastPathComponent) does not exist\n")
    }
    // usage
    #expect(try cli.run(["report", "agents", "--period", "nope", "--db", cli.database]).status == 64)
  }
}
