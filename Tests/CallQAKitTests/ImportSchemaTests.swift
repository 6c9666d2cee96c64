import Foundation
import Testing

/// Whether `python3` with `jsonschema` is available (CI installs it; see .ci/run).
let pythonHasJSONSchema: Bool = {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", "import jsonschema"]
  process.standardError = FileHandle.nullDevice
  guard (try? process.run()) != nil else { return false }
  process.waitUntilExit()
  return process.terminationStatus == 0
}()

@Suite("Schemas/evaluation-import.schema.json describes what the import reads")
struct ImportSchemaTests {
  @Test(.enabled(if: pythonHasJSONSchema, "python3 with jsonschema is not installed"))
  func fixtureRecordsValidateAndABadRecordDoesNot() throws {
    #expect(try Self.validate(try fixturePath("import/evaluations.jsonl")) == "3 3 False")
  }

  /// The README's example import on inbound-service@2 carries root causes (`causes`).
  @Test(.enabled(if: pythonHasJSONSchema, "python3 with jsonschema is not installed"))
  func recordsWithRootCausesValidate() throws {
    let example = Repo.root.appendingPathComponent("docs/examples/inbound-service-v2.jsonl").path
    #expect(try Self.validate(example) == "51 51 False")
  }

  /// `valid total bad-is-valid` for the records of `file`.
  static func validate(_ file: String) throws -> String {
    let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Schemas/evaluation-import.schema.json").path
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      v = jsonschema.Draft202012Validator(schema)
      good = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
      bad = dict(good[0], kind="audit")
      print(sum(1 for r in good if v.is_valid(r)), len(good), v.is_valid(bad))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schema, file]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
