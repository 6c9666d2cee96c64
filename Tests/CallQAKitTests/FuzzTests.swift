import Foundation
import Testing

@testable import CallQAKit

/// Seeded mutation fuzzing of every parser that reads user files. Each target runs
/// `CALLQA_FUZZ_ITERATIONS` inputs (default 1500) from a fixed seed, so a failure
/// reproduces; a crash fails the whole test process, a wrong error type fails the test.
/// Longer runs by hand: `CALLQA_FUZZ_ITERATIONS=200000 swift test --filter FuzzTests`.
@Suite("Fuzzing the parsers (seeded mutation loop)")
struct FuzzTests {
  static var iterations: Int {
    Int(ProcessInfo.processInfo.environment["CALLQA_FUZZ_ITERATIONS"] ?? "") ?? 1500
  }

  static let tokens: [[UInt8]] =
    [
      "&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\n", "\r\n", "\"", "'", ",", ";", "#", "!!binary ",
      "1e309", "-1", ".nan", "NaN", "Infinity", "-0", "99999999999999999999", "na", "yes", "no", "~", "null",
      "2026-02-30", "2026-13-01T25:61:00+08:00", "=HYPERLINK(\"x\")", "\u{FEFF}", "中文", "\t", "<<: *a",
      "key: k\nkey: k\n",
    ].map { Array($0.utf8) } + [[0x00], [0xFF, 0xFE], [0xC3], [0xED, 0xA0, 0x80]]

  /// One mutation of `input`: flip, insert a token, delete a range, duplicate a range or truncate.
  static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
      switch Int.random(in: 0..<6, using: &rng) {
      case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
      case 1: bytes.insert(contentsOf: tokens.randomElement(using: &rng) ?? [], at: position)
      case 2 where !bytes.isEmpty:
        bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...16, using: &rng)))
      case 3 where !bytes.isEmpty:
        let end = min(bytes.count, position + Int.random(in: 1...64, using: &rng))
        bytes.insert(contentsOf: bytes[position..<end], at: position)
      case 4: bytes = Array(bytes.prefix(position))
      default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: position)
      }
    }
    return bytes
  }

  /// What reproduces a failure: the seed, the iteration and the input (escaped).
  static func reproduce(seed: UInt64, iteration: Int, input: [UInt8]) -> Comment {
    let text = String(decoding: input.prefix(2000), as: UTF8.self).debugDescription
    return "seed 0x\(String(seed, radix: 16)), iteration \(iteration), input \(text)"
  }

  static func isUserFacing(_ error: any Error) -> Bool {
    error is LocatedError || error is CallQAError || error is AnswerError
  }

  static func seedText(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: Repo.fixtures.appendingPathComponent(name)))
  }

  @Test func scorecardLoader() throws {
    let seed: UInt64 = 0x5C0_4ECA4D
    var rng = SplitMix64(seed: seed)
    let seeds = try [Self.seedText("scorecards/good.yaml")] + ShippedScorecards.paths().map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
    var rejected = 0
    for iteration in 0..<Self.iterations {
      let input = Self.mutate(seeds.randomElement(using: &rng) ?? [], &rng)
      do {
        _ = try ScorecardLoader.load(text: String(decoding: input, as: UTF8.self), file: "fuzz.yaml")
      } catch {
        rejected += 1
        #expect(
          Self.isUserFacing(error), "unexpected error type \(type(of: error)): \(error); \(Self.reproduce(seed: seed, iteration: iteration, input: input))")
      }
    }
    #expect(rejected > Self.iterations / 10, "the mutations do reach the validator")
  }

  @Test func answersFileParser() throws {
    let fuzzSeed: UInt64 = 0xA115_3E25
    var rng = SplitMix64(seed: fuzzSeed)
    let card = try #require(try ShippedScorecards.all().first { $0.key == "inbound-service" })
    let seed = Array(
      ("answers:\n" + StoreFixture.perfectAnswers(card).map { "  \($0.key): \($0.value.text)" }.sorted().joined(separator: "\n")
        + "\nnotes:\n  greeting: 很好\ncomment: ok\n").utf8)
    var accepted = 0
    var rejected = 0
    for iteration in 0..<Self.iterations {
      let input = Self.mutate(seed, &rng)
      let reproduce = Self.reproduce(seed: fuzzSeed, iteration: iteration, input: input)
      // Parsing is judged on its own: it either refuses with a user-facing error…
      let sheet: AnswerSheet
      do {
        sheet = try AnswerSheet.parse(text: String(decoding: input, as: UTF8.self), file: "fuzz.yaml", scorecard: card)
      } catch {
        rejected += 1
        #expect(Self.isUserFacing(error), "unexpected error type \(type(of: error)): \(error); \(reproduce)")
        continue
      }
      // …or what it accepted is a complete, valid answer set: evaluating it must not fail.
      accepted += 1
      do {
        let result = try Evaluator.evaluate(card, answers: sheet.answers)
        #expect(result.rawScore >= 0 && result.rawScore <= 100, "\(reproduce)")
      } catch {
        Issue.record("the parser accepted a sheet the evaluator refuses (\(error)); \(reproduce)")
      }
    }
    #expect(accepted > 0 && rejected > 0, "the mutations reach both outcomes")
  }

  @Test func csvReader() throws {
    let fuzzSeed: UInt64 = 0xC5F
    var rng = SplitMix64(seed: fuzzSeed)
    let seed = Array("\u{FEFF}code,name,team,active\r\nA001,王小明,一组,true\r\nA002,\"Li, \"\"Lei\"\"\n2\",二组,0\r\n".utf8)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("fuzz.csv")
    for iteration in 0..<Self.iterations {
      let input = Self.mutate(seed, &rng)
      try Data(input).write(to: file)
      var reader = try CSVReader(path: file.path)
      var lines: [Int] = []
      while let record = reader.next() { lines.append(record.line) }
      #expect(lines == lines.sorted(), "record lines increase; \(Self.reproduce(seed: fuzzSeed, iteration: iteration, input: input))")
      if let error = reader.error { #expect(error.location.file == "fuzz.csv") }
    }
  }

  @Test func dateAndTimeParsers() {
    let fuzzSeed: UInt64 = 0xDA7E
    var rng = SplitMix64(seed: fuzzSeed)
    let seeds = ["2026-11-03T09:15:00+08:00", "2024-02-29", "2026-11-03 09:15+0800", "2026-W47", "2026-11"].map { Array($0.utf8) }
    for iteration in 0..<(Self.iterations * 4) {
      let text = String(decoding: Self.mutate(seeds.randomElement(using: &rng) ?? [], &rng), as: UTF8.self)
      if let normalised = Timestamp.normalise(text) {
        #expect(Timestamp.normalise(normalised) == normalised, "normalising is idempotent; seed 0xDA7E, iteration \(iteration), input \(text.debugDescription)")
      }
      if let day = Timestamp.parseDay(text) {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        #expect(parts.count == 3 && Timestamp.isValidDate(year: parts[0], month: parts[1], day: parts[2]))
      }
    }
  }

  @Test("hostile inputs: nesting, alias bombs, duplicate keys, huge numbers, invalid UTF-8")
  func hostileRegressions() throws {
    let card = try #require(try ShippedScorecards.all().first { $0.key == "inbound-service" })
    let deep = "key: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: LocatedError.self) { try ScorecardLoader.load(text: deep, file: "deep.yaml") }
    var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
      previous = name
    }
    #expect(throws: LocatedError.self) { try ScorecardLoader.load(text: bomb + "key: *i\n", file: "bomb.yaml") }
    #expect(throws: LocatedError.self) {
      try AnswerSheet.parse(text: "answers:\n  greeting: 10\n  greeting: 5\n", file: "dup.yaml", scorecard: card)
    }
    for number in ["1e309", ".nan", "-.inf", "NaN", "99999999999999999999999"] {
      #expect(throws: LocatedError.self) {
        try AnswerSheet.parse(text: "answers:\n  forbidden-phrases: \(number)\n", file: "n.yaml", scorecard: card)
      }
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let invalid = folder.appendingPathComponent("bad.yaml")
    try Data([0x6B, 0x65, 0x79, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: invalid)
    #expect(throws: LocatedError(SourceLocation(file: "bad.yaml", line: 1, column: 6), "not UTF-8 — save it as UTF-8 and try again")) {
      try ScorecardLoader.load(path: invalid.path)
    }
    let csv = folder.appendingPathComponent("bad.csv")
    try Data([0x61, 0x0A, 0xC3, 0x28, 0x0A]).write(to: csv)
    var reader = try CSVReader(path: csv.path)
    while reader.next() != nil {}
    #expect(reader.error?.description == "bad.csv:2:1: not UTF-8 — save it as UTF-8 (in Excel: Save As → CSV UTF-8) and import again")
  }
}
