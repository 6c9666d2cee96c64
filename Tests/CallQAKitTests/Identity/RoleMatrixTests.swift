import CallQAKit
import Foundation
import Testing

/// One write action tried as someone: what it needs set up first and the library call.
struct Attempt: Sendable {
  let action: Action
  /// Sets up what the action is about (as people who may) and returns its id, if any.
  let prepare: @Sendable (TeamFixture) throws -> Int64?
  /// The action itself, as `actor`, on the prepared subject.
  let run: @Sendable (TeamFixture, Actor, Int64?) throws -> Void

  init(
    _ action: Action, prepare: @escaping @Sendable (TeamFixture) throws -> Int64? = { _ in nil },
    run: @escaping @Sendable (TeamFixture, Actor, Int64?) throws -> Void
  ) {
    self.action = action
    self.prepare = prepare
    self.run = run
  }

  static var period: String { String(TeamFixture.callTime.prefix(7)) }

  /// Every write action, with a subject that belongs to the matrix's acting users where a
  /// subject rule applies (evaluations of agent A1 of team T1, written by QA2; drafts of QA1).
  static let all: [Attempt] = [
    Attempt(.manageUsers) { f, actor, _ in
      try f.db.addUser(NewUser(login: "new-\(actor.login)", displayName: "New", role: .trainer), actor: actor)
    },
    Attempt(.changeSettings) { f, actor, _ in try f.db.setTeamRule(.disputeWindowDays, to: "20", actor: actor) },
    Attempt(.importScorecard) { f, actor, _ in
      try f.db.importScorecard(try ScorecardLoader.load(path: TestStore.fixture("calib-test.yaml")), actor: actor)
    },
    Attempt(.managePeople) { f, actor, _ in try f.db.addAgent(AgentInput(code: "A9", name: "New", team: "T1"), actor: actor) },
    Attempt(.importCallData) { f, actor, _ in try f.db.addComplaint(ComplaintInput(agent: "A1", date: "2026-11-05"), actor: actor) },
    Attempt(.scoreCall) { f, actor, _ in try f.db.submit(try f.submission(call: "C-new", actor: actor)) },
    Attempt(.secondOpinion, prepare: { f in try f.scored(call: "C-twice") }) { f, actor, _ in
      try f.db.submit(try f.submission(call: "C-twice", actor: actor, secondOpinion: true))
    },
    Attempt(.importEvaluations) { f, actor, _ in
      let path = NSTemporaryDirectory() + "callqa-matrix-\(UUID().uuidString).jsonl"
      defer { try? FileManager.default.removeItem(atPath: path) }
      let record = #"""
        {"external_id":"EV-1","scorecard":"calib-test","kind":"monitoring","agent":"A1","inspector":"QA1","call":{"id":"C-imp","started_at":"2026-11-03T09:00:00+08:00"},"answers":{"greet":"yes","tone":20,"hold":"yes","slang":0}}
        """#
      try (record + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      _ = try f.db.importEvaluations(path: path, options: EvaluationImportOptions(actor: actor))
    },
    Attempt(.discardDraft, prepare: { f in try f.draft() }) { f, actor, id in try f.db.discardDraft(id!, actor: actor) },
    Attempt(.reassignDraft, prepare: { f in try f.draft() }) { f, actor, id in _ = try f.db.reassignDraft(id!, to: "QA2", actor: actor) },
    Attempt(.releaseEvaluation, prepare: { f in try f.scored(call: "C-held") }) { f, actor, id in
      try f.db.releaseEvaluation(id!, on: "2026-11-20", actor: actor)
    },
    Attempt(.acknowledgeEvaluation, prepare: { f in try f.scored(call: "C-seen") }) { f, actor, id in
      try f.db.acknowledgeEvaluation(id!, actor: actor)
    },
    Attempt(.openDispute, prepare: { f in try f.scored(call: "C-appeal") }) { f, actor, id in
      _ = try f.db.openDispute(evaluation: id!, by: nil, reason: "我有问候", actor: actor)
    },
    Attempt(.resolveDispute, prepare: { f in try f.openDispute() }) { f, actor, id in
      _ = try f.db.upholdDispute(id: id!, reviewer: nil, note: "复听确认", actor: actor)
    },
    Attempt(.createCalibration, prepare: { f in try f.scored(call: "C-calib") }) { f, actor, _ in
      _ = try f.db.createCalibrationSession(call: "C-calib", scorecard: "calib-test", expert: nil, actor: actor)
    },
    Attempt(
      .scoreCalibration,
      prepare: { f in
        try f.scored(call: "C-calib")
        return try f.db.createCalibrationSession(call: "C-calib", scorecard: "calib-test", expert: nil, actor: f["mgr"]).id
      }
    ) { f, actor, id in _ = try f.db.scoreCalibration(session: id!, inspector: nil, sheet: TestStore.sheet(), actor: actor) },
    Attempt(.tagCase, prepare: { f in try f.scored(call: "C-case") }) { f, actor, id in
      _ = try f.db.tagCase(evaluationId: id!, title: "标准开场", force: true, actor: actor)
    },
    Attempt(
      .untagCase,
      prepare: { f in try f.db.tagCase(evaluationId: try f.scored(call: "C-case"), title: "标准开场", force: true, actor: f["trn"]).id }
    ) { f, actor, id in _ = try f.db.untagCase(id: id!, actor: actor) },
    Attempt(.exportCases, prepare: { f in try f.db.tagCase(evaluationId: try f.scored(call: "C-case"), title: "标准开场", force: true, actor: f["trn"]).id }) {
      f, actor, _ in
      let out = URL(fileURLWithPath: NSTemporaryDirectory() + "callqa-matrix-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: out) }
      _ = try CaseLibraryExporter.export(
        from: f.db, options: CaseExportOptions(output: out, mediaRoot: out.deletingLastPathComponent(), tools: .none), actor: actor)
    },
    Attempt(.generateCoaching, prepare: { f in try f.scored(call: "C-coach", sheet: TestStore.sheet(greet: false, tone: 0)) }) { f, actor, _ in
      _ = try f.db.generateCoaching(period: try ReportPeriod.parse(period), plan: .standard, passLine: 101, team: "T1", actor: actor)
    },
    Attempt(
      .completeCoaching,
      prepare: { f in
        try f.scored(call: "C-coach", sheet: TestStore.sheet(greet: false, tone: 0))
        let generated = try f.db.generateCoaching(
          period: try ReportPeriod.parse(period), plan: .standard, passLine: 101, team: "T1", actor: f["mgr"])
        return generated.created.first?.id
      }
    ) { f, actor, id in _ = try f.db.completeCoaching(id: id!, note: "复盘问候语", actor: actor) },
    Attempt(.buildDemo) { f, actor, _ in
      _ = try f.db.buildDemo(DemoOptions(agents: 2, months: 1, seed: 1, lastMonth: .init(year: 2026, month: 10), actor: actor))
    },
    Attempt(.restoreDatabase) { f, actor, _ in
      let backup = NSTemporaryDirectory() + "callqa-matrix-\(UUID().uuidString).sqlite"
      defer { try? FileManager.default.removeItem(atPath: backup) }
      try f.db.backup(to: backup)
      try f.db.restore(from: backup, actor: actor)
    },
  ]
}

@Suite("Who may do what: every write action as every role, through the library")
struct RoleMatrixTests {
  /// The README's roles table, read from the README: a ✓ or a qualified cell ("own code",
  /// "their teams") allows the role.
  static func readmeTable() throws -> [Action: Set<Role>] {
    let readme = try String(
      contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../README.md").path, encoding: .utf8)
    var table: [Action: Set<Role>] = [:]
    let columns: [Role] = [.admin, .manager, .supervisor, .trainer, .inspector, .agent]
    for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 9, let key = cells[1].split(separator: "`").first, let action = Action(rawValue: String(key)) else {
        continue
      }
      table[action] = Set(zip(columns, cells[2...7]).filter { !$0.1.isEmpty }.map(\.0))
    }
    return table
  }

  @Test func theReadmeTableIsThePolicyTable() throws {
    let readme = try Self.readmeTable()
    #expect(Set(readme.keys) == Set(Action.allCases), "every action has a README row")
    for action in Action.allCases { #expect(readme[action] == Policy.table[action], "\(action.rawValue)") }
    #expect(Set(Attempt.all.map(\.action)) == Set(Action.allCases), "the matrix tries every action")
  }

  @Test(arguments: Attempt.all.map(\.action.rawValue))
  func everyRoleIsAllowedOrRefusedExactlyAsTheTableSays(_ raw: String) throws {
    let attempt = try #require(Attempt.all.first { $0.action.rawValue == raw })
    let allowed = Policy.table[attempt.action] ?? []
    for (role, login) in TeamFixture.roleLogins {
      let fixture = try TeamFixture()
      let subject = try attempt.prepare(fixture)
      let before = try fixture.db.auditLog().count
      do {
        try attempt.run(fixture, fixture[login], subject)
        #expect(allowed.contains(role), "\(login) (\(role)) was allowed to \(raw)")
      } catch let error as CallQAError where error.kind == .forbidden {
        #expect(!allowed.contains(role), "\(login) (\(role)) was refused \(raw): \(error.message)")
        // One line naming who, nothing written but the refusal's own audit row
        #expect(error.message.hasPrefix("\(login) (\(role.rawValue)) "), "\(error.message)")
        #expect(!error.message.contains("\n"))
        let after = try fixture.db.auditLog()
        #expect(after.count == before + 1 && after.last?.action == "refused" && after.last?.actor == login)
      }
    }
    // A deactivated user is refused everything
    let fixture = try TeamFixture()
    let subject = try attempt.prepare(fixture)
    #expect(throws: CallQAError.forbidden("old (manager) is deactivated")) { try attempt.run(fixture, fixture["old"], subject) }
    // And so is the single desk once the database has users
    #expect(throws: CallQAError.self) { try attempt.run(fixture, .singleDesk(osUser: "someone"), subject) }
  }

  @Test func anOSAccountWithNoUserIsRefusedAndTheSingleDeskEndsWithTheFirstUser() throws {
    let fixture = try TeamFixture()
    #expect(throws: CallQAError.self) { try fixture.db.actor(osUser: "nobody") }
    #expect(try fixture.db.actor(osUser: "os-qa1").login == "qa1")
    #expect(throws: CallQAError.forbidden("old (manager) is deactivated")) { try fixture.db.actor(osUser: "os-old") }
  }
}
