import CallQAKit
import Foundation
import TeamFixtures
import Testing

/// The cases the identity issue names, each through the built binary.
@Suite("Identity: another's draft, self-resolved disputes, second scores, agents' reads, through the built binary")
struct IdentityEndToEndTests {
  /// A single-desk database with calib-test, agent A1, inspectors QA1, QA2 and LEAD.
  static func desk() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["init"])
    try cli.ok(["scorecard", "import", try cli.write("calib-test.yaml", TeamFixture.scorecardYAML)])
    try cli.ok(["agent", "add", "A1", "--name", "王小明", "--team", "T1"])
    for code in ["QA1", "QA2", "LEAD"] { try cli.ok(["inspector", "add", code, "--name", code]) }
    try cli.write("answers.yaml", Attempt.answersYAML)
    return cli
  }

  @Test func anotherInspectorsDraftIsNeitherContinuedNorSubmitted() throws {
    let cli = try Self.desk()
    defer { cli.cleanUp() }
    // Given QA2's draft of call C-1 (the session ends after the first answer)
    _ = try cli.run(
      ["score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-1", "--inspector", "QA2", "--db", cli.database],
      stdin: "y\n")
    let draft = try #require(try CLIHarness.json(try cli.ok(["evaluation", "list", "--status", "draft", "--format", "json"])) as? [[String: Any]])
    #expect(draft.count == 1 && draft[0]["inspector"] as? String == "QA2")
    // When QA1 resumes it, it is refused in one line, exit 77, and nothing changes
    let result = try cli.run(["score", "--resume", "1", "--inspector", "QA1", "--db", cli.database], stdin: "20\ny\n0\n\ns\n")
    #expect(result.status == 77)
    #expect(result.stderr == "error: QA1 may not continue or submit draft 1: it belongs to QA2\n")
    #expect(try cli.ok(["evaluation", "show", "1", "--format", "json"]).contains(#""status" : "draft""#))
    // And with users, qa1 (linked to this OS account) may not discard it either
    let fixture = try QADatabase(path: cli.database)
    let admin = try fixture.addUser(
      NewUser(login: "adm", displayName: "Admin", role: .admin, osUser: "os-adm"), actor: .singleDesk(osUser: "setup"))
    _ = admin
    let adm = try fixture.actor(osUser: "os-adm")
    try fixture.addUser(
      NewUser(login: "qa1", displayName: "QA1", role: .inspector, inspectorCode: "QA1", osUser: RoleMatrixEndToEndTests.account),
      actor: adm)
    let discard = try cli.run(["draft", "discard", "1", "--db", cli.database])
    #expect(discard.status == 77)
    #expect(discard.stderr == "error: qa1 (inspector) may not continue or submit draft 1: it belongs to QA2\n")
    // The admin may reassign it to QA1, with an audit row, and then qa1 may submit it
    _ = try fixture.reassignDraft(1, to: "QA1", actor: adm)
    let resumed = try cli.run(["score", "--resume", "1", "--db", cli.database], stdin: "20\ny\n0\n\ns\n")
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try fixture.auditLog(evaluation: 1).contains { $0.action == "reassign" && $0.actor == "adm" })
  }

  @Test func aRoleThatMayNotScoreIsRefusedBeforeItsAnswersFileIsJudged() throws {
    let cli = try Self.desk()
    defer { cli.cleanUp() }
    let fixture = try QADatabase(path: cli.database)
    try fixture.addUser(NewUser(login: "adm", displayName: "Admin", role: .admin, osUser: "os-adm"), actor: .singleDesk(osUser: "setup"))
    try fixture.addUser(
      NewUser(login: "a1", displayName: "王小明", role: .agent, agentCode: "A1", osUser: RoleMatrixEndToEndTests.account),
      actor: try fixture.actor(osUser: "os-adm"))
    try cli.write("incomplete.yaml", "answers:\n  greeting: yes\n")
    let result = try cli.run(
      ["score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-9", "--answers", "incomplete.yaml", "--db", cli.database])
    #expect(result.status == 77)
    #expect(result.stderr == "error: a1 (agent) may not score a call\n")
    #expect(try fixture.evaluationPage(EvaluationFilter()).rows.isEmpty)
  }

  @Test func aDisputeIsResolvedByNeitherTheAgentNorTheInspectorNorAnUnknownPerson() throws {
    let cli = try Self.desk()
    defer { cli.cleanUp() }
    try cli.ok(["score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-1", "--inspector", "QA1", "--answers", "answers.yaml"])
    try cli.ok(["dispute", "open", "1", "--by", "A1", "--reason", "我有问候"])
    for (by, message) in [
      ("A1", "unknown reviewer 'A1': a dispute is resolved by a known inspector (the QA lead)"),
      ("NOBODY", "unknown reviewer 'NOBODY': a dispute is resolved by a known inspector (the QA lead)"),
      ("QA1", "QA1 may not resolve a dispute about an evaluation they wrote"),
    ] {
      let result = try cli.run(["dispute", "resolve", "1", "--uphold", "--by", by, "--db", cli.database])
      #expect(result.status == 77)
      #expect(result.stderr == "error: \(message)\n")
    }
    #expect(try cli.ok(["dispute", "list", "--status", "open", "--format", "json"]).contains(#""status" : "open""#))
    // The lead may
    #expect(try cli.ok(["dispute", "resolve", "1", "--uphold", "--by", "LEAD"]).contains("resolved by LEAD"))
    // Another agent may not open one on A1's evaluation
    try cli.ok(["agent", "add", "A2", "--name", "李", "--team", "T2"])
    let other = try cli.run(["dispute", "open", "1", "--by", "A2", "--reason", "x", "--db", cli.database])
    #expect(other.status != 0 && other.stderr.contains("only that agent can dispute it"))
  }

  @Test func aSecondScoreOfACallIsRefusedUnlessItIsASecondOpinionWhichNeverCounts() throws {
    let cli = try Self.desk()
    defer { cli.cleanUp() }
    let score = ["score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-1", "--answers", "answers.yaml"]
    try cli.ok(score + ["--inspector", "QA1", "--call-started-at", "2026-11-03T09:00:00+08:00"])
    let again = try cli.run(score + ["--inspector", "QA2", "--db", cli.database])
    #expect(again.status == 1)
    #expect(
      again.stderr == "error: call C-1 already has a counted monitoring evaluation (1): dispute it, or score a second opinion\n")
    // An interactive session on the scored call is refused before anything is asked or written
    let session = try cli.run(
      ["score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-1", "--inspector", "QA2", "--db", cli.database], stdin: "y\n")
    #expect(session.status == 1 && session.stderr.contains("already has a counted monitoring evaluation (1)"))
    // A second opinion is stored as such
    let second = try #require(
      try CLIHarness.json(try cli.ok(score + ["--inspector", "QA2", "--second-opinion", "--format", "json"])) as? [String: Any])
    #expect(second["second_opinion_of"] as? Int == 1)
    #expect(try cli.ok(["evaluation", "show", "2"]).contains("second opinion on evaluation #1"))
    // And reports count one evaluation of the call
    let agents = try #require(try CLIHarness.json(try cli.ok(["report", "agents", "--format", "json"])) as? [String: Any])
    let rows = try #require(agents["rows"] as? [[String: Any]])
    #expect(rows.count == 1 && rows[0]["evaluations"] as? Int == 1, "\(rows)")
    let counted = try #require(try CLIHarness.json(try cli.ok(["evaluation", "list", "--counted", "--format", "json"])) as? [[String: Any]])
    #expect(counted.map { $0["id"] as? Int } == [1])
  }

  @Test func anAgentReadsOnlyTheirOwnEvaluations() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let fixture = try TeamFixture(path: cli.database)
    let own = try fixture.scored(call: "C-1", agent: "A1")
    let other = try fixture.scored(call: "C-2", agent: "A2")
    try fixture.db.setOSUser(login: "a1", to: RoleMatrixEndToEndTests.account, actor: fixture["adm"])
    #expect(try cli.ok(["evaluation", "show", String(own)]).contains("C-1"))
    let refused = try cli.run(["evaluation", "show", String(other), "--db", cli.database])
    #expect(refused.status == 77)
    #expect(refused.stderr == "error: a1 (agent) may not read evaluation \(other)\n")
    let list = try #require(try CLIHarness.json(try cli.ok(["evaluation", "list", "--format", "json"])) as? [[String: Any]])
    #expect(list.map { $0["agent"] as? String } == ["A1"])
    #expect(try cli.run(["evaluation", "list", "--agent", "A2", "--db", cli.database]).status == 77)
    #expect(try cli.run(["quality", "--period", Attempt.period, "--db", cli.database]).status == 77)
    #expect(try cli.run(["audit", "--db", cli.database]).status == 77)
    // An evaluation held back until a later day is not shown to the agent yet
    try fixture.db.releaseEvaluation(own, on: "2099-01-01", actor: fixture["mgr"])
    #expect(try cli.run(["evaluation", "show", String(own), "--db", cli.database]).status == 77)
    #expect(try cli.run(["evaluation", "ack", String(own), "--db", cli.database]).status == 1)
    #expect((try CLIHarness.json(try cli.ok(["evaluation", "list", "--format", "json"])) as? [[String: Any]])?.isEmpty == true)
    // A supervisor reads their team only
    try fixture.db.setOSUser(login: "a1", to: nil, actor: fixture["adm"])
    try fixture.db.setOSUser(login: "sup", to: RoleMatrixEndToEndTests.account, actor: fixture["adm"])
    #expect(try cli.ok(["evaluation", "show", String(own)]).contains("C-1"))
    #expect(try cli.run(["evaluation", "show", String(other), "--db", cli.database]).status == 77)
    let weak = try cli.run(["report", "weak-areas", "--team", "T2", "--db", cli.database])
    #expect(weak.status == 77 && weak.stderr == "error: sup (supervisor) may not read weak areas of team T2: not one of theirs\n")
    // Issue 17: the read's subject is a catalogue word too.
    let chinese = try cli.run(["report", "weak-areas", "--team", "T2", "--db", cli.database], environment: ["LANG": "zh_CN.UTF-8"])
    #expect(chinese.status == 77 && chinese.stderr.contains("不能查看班组 T2 的薄弱环节：不是其负责的班组"), "\(chinese.stderr)")
  }
}
