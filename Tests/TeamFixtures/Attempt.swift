import CallQAKit
import Foundation

/// One write action tried as someone: what it needs set up first and the library call.
public struct Attempt: Sendable {
  public let action: Action
  /// Sets up what the action is about (as people who may) and returns its id, if any.
  public let prepare: @Sendable (TeamFixture) throws -> Int64?
  /// The action itself, as `actor`, on the prepared subject.
  public let run: @Sendable (TeamFixture, Actor, Int64?) throws -> Void
  /// The same action as `callqa` arguments (without `--db`), on the prepared subject; `folder`
  /// holds `answers.yaml`, `calib-test.yaml`, `evaluations.jsonl` and `backup.sqlite`.
  public let arguments: @Sendable (Int64?, _ folder: String) -> [String]

  public init(
    _ action: Action, prepare: @escaping @Sendable (TeamFixture) throws -> Int64? = { _ in nil },
    cli arguments: @escaping @Sendable (Int64?, _ folder: String) -> [String],
    run: @escaping @Sendable (TeamFixture, Actor, Int64?) throws -> Void
  ) {
    self.action = action
    self.prepare = prepare
    self.arguments = arguments
    self.run = run
  }

  /// The import record of `evaluations.jsonl`: a call of agent A1 scored by QA1.
  public static let importRecord = #"""
    {"external_id":"EV-1","scorecard":"calib-test","kind":"monitoring","agent":"A1","inspector":"QA1","call":{"id":"C-imp","started_at":"2026-11-03T09:00:00+08:00"},"answers":{"greet":"yes","tone":20,"hold":"yes","slang":0}}
    """#

  /// The answers of ``TeamFixture/sheet(greet:tone:hold:slang:)`` as an answers file.
  public static let answersYAML = "answers:\n  greet: yes\n  tone: 20\n  hold: yes\n  slang: 0\n"

  public static var period: String { String(TeamFixture.callTime.prefix(7)) }

  /// The ISO week of ``TeamFixture/callTime`` (`2026-W49`).
  public static var week: String {
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone.current
    let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: Date())
    return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
  }

  /// Every write action, with a subject that belongs to the matrix's acting users where a
  /// subject rule applies (evaluations of agent A1 of team T1, written by QA2; drafts of QA1).
  public static let all: [Attempt] = [
    Attempt(.manageUsers, cli: { id, folder in ["user", "add", "new-user", "--name", "New", "--role", "trainer"] }) { f, actor, _ in
      try f.db.addUser(NewUser(login: "new-\(actor.login)", displayName: "New", role: .trainer), actor: actor)
    },
    Attempt(.changeSettings, cli: { id, folder in ["settings", "set", "dispute_window_days", "20"] }) { f, actor, _ in
      try f.db.setTeamRule(.disputeWindowDays, to: "20", actor: actor)
    },
    Attempt(.importScorecard, cli: { id, folder in ["scorecard", "import", folder + "/calib-test.yaml"] }) { f, actor, _ in
      try f.db.importScorecard(try TeamFixture.scorecard(), actor: actor)
    },
    Attempt(.managePeople, cli: { id, folder in ["agent", "add", "A9", "--name", "New", "--team", "T1"] }) { f, actor, _ in
      try f.db.addAgent(AgentInput(code: "A9", name: "New", team: "T1"), actor: actor)
    },
    Attempt(.importCallData, cli: { id, folder in ["complaint", "add", "--agent", "A1", "--date", "2026-11-05"] }) { f, actor, _ in
      try f.db.addComplaint(ComplaintInput(agent: "A1", date: "2026-11-05"), actor: actor)
    },
    Attempt(
      .scoreCall, cli: { id, folder in ["score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-new", "--answers", folder + "/answers.yaml"] }
    ) { f, actor, _ in try f.db.submit(try f.submission(call: "C-new", actor: actor)) },
    Attempt(
      .secondOpinion, prepare: { f in try f.scored(call: "C-twice") },
      cli: { id, folder in
        ["score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-twice", "--answers", folder + "/answers.yaml", "--second-opinion"]
      }
    ) { f, actor, _ in
      try f.db.submit(try f.submission(call: "C-twice", actor: actor, secondOpinion: true))
    },
    Attempt(.importEvaluations, cli: { id, folder in ["evaluation", "import", folder + "/evaluations.jsonl"] }) { f, actor, _ in
      let path = NSTemporaryDirectory() + "callqa-matrix-\(UUID().uuidString).jsonl"
      defer { try? FileManager.default.removeItem(atPath: path) }
      try (importRecord + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      _ = try f.db.importEvaluations(path: path, options: EvaluationImportOptions(actor: actor))
    },
    Attempt(.discardDraft, prepare: { f in try f.draft() }, cli: { id, folder in ["draft", "discard", String(id!)] }) { f, actor, id in
      try f.db.discardDraft(id!, actor: actor)
    },
    Attempt(.reassignDraft, prepare: { f in try f.draft() }, cli: { id, folder in ["draft", "reassign", String(id!), "--to", "QA2"] }) { f, actor, id in
      _ = try f.db.reassignDraft(id!, to: "QA2", actor: actor)
    },
    Attempt(
      .assignCalls,
      prepare: { f in
        try f.db.addCall(CallInput(externalId: "C-wait", startedAt: TeamFixture.callTime, duration: 120), agentCode: "A1", actor: f["mgr"]).id
      }, cli: { id, folder in ["assign", "--week", Attempt.week, "--team", "T1"] }
    ) { f, actor, _ in
      _ = try f.db.assign(AssignRequest(sample: SampleRequest(week: try ReportPeriod.parse(week), team: "T1")), actor: actor)
    },
    Attempt(
      .releaseEvaluation, prepare: { f in try f.scored(call: "C-held") }, cli: { id, folder in ["evaluation", "release", String(id!), "--on", "2026-11-20"] }
    ) { f, actor, id in
      try f.db.releaseEvaluation(id!, on: "2026-11-20", actor: actor)
    },
    Attempt(.acknowledgeEvaluation, prepare: { f in try f.scored(call: "C-seen") }, cli: { id, folder in ["evaluation", "ack", String(id!)] }) { f, actor, id in
      try f.db.acknowledgeEvaluation(id!, actor: actor)
    },
    Attempt(.openDispute, prepare: { f in try f.scored(call: "C-appeal") }, cli: { id, folder in ["dispute", "open", String(id!), "--reason", "我有问候"] }) {
      f, actor, id in
      _ = try f.db.openDispute(evaluation: id!, by: nil, reason: "我有问候", actor: actor)
    },
    Attempt(.resolveDispute, prepare: { f in try f.openDispute() }, cli: { id, folder in ["dispute", "resolve", String(id!), "--uphold", "--note", "复听确认"] }) {
      f, actor, id in
      _ = try f.db.upholdDispute(id: id!, reviewer: nil, note: "复听确认", actor: actor)
    },
    Attempt(
      .createCalibration, prepare: { f in try f.scored(call: "C-calib") },
      cli: { id, folder in ["calibration", "create", "--call", "C-calib", "--scorecard", "calib-test"] }
    ) { f, actor, _ in
      _ = try f.db.createCalibrationSession(call: "C-calib", scorecard: "calib-test", expert: nil, actor: actor)
    },
    Attempt(
      .scoreCalibration,
      prepare: { f in
        try f.scored(call: "C-calib")
        return try f.db.createCalibrationSession(call: "C-calib", scorecard: "calib-test", expert: nil, actor: f["mgr"]).id
      }, cli: { id, folder in ["score", "--calibration", String(id!), "--answers", folder + "/answers.yaml"] }
    ) { f, actor, id in _ = try f.db.scoreCalibration(session: id!, inspector: nil, sheet: TeamFixture.sheet(), actor: actor) },
    Attempt(.tagCase, prepare: { f in try f.scored(call: "C-case") }, cli: { id, folder in ["case", "tag", String(id!), "--title", "标准开场", "--force"] }) {
      f, actor, id in
      _ = try f.db.tagCase(evaluationId: id!, title: "标准开场", force: true, actor: actor)
    },
    Attempt(
      .untagCase,
      prepare: { f in try f.db.tagCase(evaluationId: try f.scored(call: "C-case"), title: "标准开场", force: true, actor: f["trn"]).id },
      cli: { id, folder in ["case", "untag", String(id!)] }
    ) { f, actor, id in _ = try f.db.untagCase(id: id!, actor: actor) },
    Attempt(
      .exportCases, prepare: { f in try f.db.tagCase(evaluationId: try f.scored(call: "C-case"), title: "标准开场", force: true, actor: f["trn"]).id },
      cli: { id, folder in ["case", "export", "--out", folder + "/library"] }
    ) {
      f, actor, _ in
      let out = URL(fileURLWithPath: NSTemporaryDirectory() + "callqa-matrix-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: out) }
      _ = try CaseLibraryExporter.export(
        from: f.db, options: CaseExportOptions(output: out, mediaRoot: out.deletingLastPathComponent(), tools: .none), actor: actor)
    },
    Attempt(
      .generateCoaching, prepare: { f in try f.scored(call: "C-coach", sheet: TeamFixture.sheet(greet: false, tone: 0)) },
      cli: { id, folder in ["coaching", "generate", "--period", Attempt.period, "--team", "T1", "--pass-line", "101"] }
    ) { f, actor, _ in
      _ = try f.db.generateCoaching(period: try ReportPeriod.parse(period), plan: .standard, passLine: 101, team: "T1", actor: actor)
    },
    Attempt(
      .completeCoaching,
      prepare: { f in
        // Three alike scores: an interval (of width 0) wholly below the line, so a task opens
        for call in ["C-coach-1", "C-coach-2", "C-coach-3"] { try f.scored(call: call, sheet: TeamFixture.sheet(greet: false, tone: 0)) }
        let generated = try f.db.generateCoaching(
          period: try ReportPeriod.parse(period), plan: .standard, passLine: 101, team: "T1", actor: f["mgr"])
        return generated.created.first?.id
      }, cli: { id, folder in ["coaching", "done", String(id!), "--note", "复盘问候语"] }
    ) { f, actor, id in _ = try f.db.completeCoaching(id: id!, note: "复盘问候语", actor: actor) },
    Attempt(.buildDemo, cli: { id, folder in ["demo", "--agents", "2", "--months", "1", "--force"] }) { f, actor, _ in
      _ = try f.db.buildDemo(DemoOptions(agents: 2, months: 1, seed: 1, lastMonth: .init(year: 2026, month: 10), actor: actor))
    },
    Attempt(.restoreDatabase, cli: { id, folder in ["restore", "--from", folder + "/backup.sqlite", "--force"] }) { f, actor, _ in
      let backup = NSTemporaryDirectory() + "callqa-matrix-\(UUID().uuidString).sqlite"
      defer { try? FileManager.default.removeItem(atPath: backup) }
      try f.db.backup(to: backup)
      try f.db.restore(from: backup, actor: actor)
    },
  ]
}
