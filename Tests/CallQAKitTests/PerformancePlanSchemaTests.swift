import Foundation
import GRDB
import TestOracles
import Testing

@testable import CallQAKit

@Suite("Performance plan schema, migrations and who is on the sheet")
struct PerformancePlanSchemaTests {
  @Test func schemaAcceptsTheShippedPlanAndAgreesWithTheLoaderOnBadOnes() throws {
    let bad = [
      "kind: scorecard\nweights: {traffic: 25, quality: 25, training: 25, attendance: 25}\n",
      "kind: performance-plan\nweights: {traffic: -5, quality: 55, training: 25, attendance: 25}\n",
      "kind: performance-plan\nweights: {traffic: 25, quality: 25, training: 25, attendance: 25}\nbonus: 1\n",
      "kind: performance-plan\nweights: {traffic: 25, quality: 25, training: 25, attendance: 25}\nquality: {monitoring_weight: 2, test_call_weight: -1}\n",
      "kind: performance-plan\nweights: {traffic: 25, quality: 25, training: 50}\n",
    ]
    var paths: [String] = []
    for (n, text) in bad.enumerated() {
      let path = try MonthFixture.file("bad-\(n).yaml", text)
      #expect(throws: LocatedError.self) { try PerformancePlanLoader.load(path: path) }
      paths.append(path)
    }
    let script = """
      import json, sys, yaml, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      for path in sys.argv[2:]:
          try:
              jsonschema.validate(yaml.safe_load(open(path, encoding='utf-8')), schema, cls=jsonschema.Draft202012Validator)
              print('accepts')
          except jsonschema.ValidationError:
              print('rejects')
      """
    let shipped = try ShippedScorecards.performancePlanPath()
    let output = try Python.output(
      script, arguments: [Repo.schemas.appendingPathComponent("performance-plan.schema.json").path, shipped] + paths)
    #expect(output.split(separator: "\n").map(String.init) == ["accepts"] + Array(repeating: "rejects", count: bad.count))
  }

  @Test func migrationsAreAppended() throws {
    let names = try QADatabase.inMemory().appliedMigrations()
    #expect(names.first == "Create core tables")
    #expect(names.contains("Add agent months") && names.contains("Add coaching tasks"))
    #expect(names.firstIndex(of: "Add agent months").map { $0 + 1 } == names.firstIndex(of: "Add coaching tasks"))
  }

  @Test func inactiveAgentsAppearOnlyWithFigures() throws {
    let f = try MonthFixture(agents: [("A1", nil), ("GONE", nil), ("IDLE", nil)])
    try f.db.write { db in try db.execute(sql: "UPDATE agents SET active = 0 WHERE code IN ('GONE', 'IDLE')") }
    let csv = try MonthFixture.file("m.csv", PerformanceTests.header + "GONE,2026-11,100,0,1000,80,0,50\n")
    try f.db.importAgentMonths(path: csv, actor: "t")
    let sheet = try f.db.performance(period: try ReportPeriod.parse("2026-11"), plan: .standard)
    #expect(sheet.rows.map(\.agent) == ["A1", "GONE"])
    #expect(sheet.rows.first { $0.agent == "GONE" }?.traffic == 10)
  }
}
