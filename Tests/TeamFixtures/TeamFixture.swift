import CallQAKit
import Foundation

/// A QA team on one database: the calib-test scorecard, agents A1 (team T1) and A2 (T2),
/// inspectors QA1, QA2 and LEAD, and one user per role — `adm`, `mgr`, `sup` (leads T1),
/// `trn`, `qa1` (QA1), `qa2` (QA2), `a1` (A1), `a2` (A2) — plus `old`, a deactivated manager.
/// Users are linked to the OS accounts `os-<login>`.
public struct TeamFixture {
  public let db: QADatabase
  public let path: String?
  private(set) var users: [String: Actor] = [:]

  /// The acting user of each role (the matrix rows).
  public static let roleLogins: [Role: String] = [
    .admin: "adm", .manager: "mgr", .supervisor: "sup", .trainer: "trn", .inspector: "qa1", .agent: "a1",
  ]

  public init(path: String? = nil) throws {
    try self.init(database: try path.map { try QADatabase(path: $0) } ?? QADatabase.inMemory(), path: path)
  }

  /// The team on `database` (a new, empty one: a file, or a PostgreSQL database).
  public init(database: QADatabase, path: String? = nil) throws {
    self.path = path
    db = database
    let desk = Actor.singleDesk(osUser: "setup")
    try db.importScorecard(try TeamFixture.scorecard(), actor: desk)
    try db.addAgent(AgentInput(code: "A1", name: "Agent One", team: "T1"), actor: desk)
    try db.addAgent(AgentInput(code: "A2", name: "Agent Two", team: "T2"), actor: desk)
    for code in ["QA1", "QA2", "LEAD"] { try db.addInspector(code: code, name: code, actor: desk) }
    let people: [NewUser] = [
      NewUser(login: "adm", displayName: "Admin", role: .admin, osUser: "os-adm"),
      NewUser(login: "mgr", displayName: "Manager", role: .manager, osUser: "os-mgr"),
      NewUser(login: "sup", displayName: "Supervisor", role: .supervisor, teams: ["T1"], osUser: "os-sup"),
      NewUser(login: "trn", displayName: "Trainer", role: .trainer, osUser: "os-trn"),
      NewUser(login: "qa1", displayName: "Inspector 1", role: .inspector, inspectorCode: "QA1", osUser: "os-qa1"),
      NewUser(login: "qa2", displayName: "Inspector 2", role: .inspector, inspectorCode: "QA2", osUser: "os-qa2"),
      NewUser(login: "a1", displayName: "Agent One", role: .agent, agentCode: "A1", osUser: "os-a1"),
      NewUser(login: "a2", displayName: "Agent Two", role: .agent, agentCode: "A2", osUser: "os-a2"),
      NewUser(login: "old", displayName: "Former manager", role: .manager, osUser: "os-old"),
    ]
    var admin = desk
    for person in people {
      try db.addUser(person, actor: admin)
      if person.login == "adm" { admin = try db.actor(osUser: "os-adm") }
    }
    for person in people where person.login != "old" { users[person.login] = try db.actor(osUser: person.osUser) }
    let former = try db.actor(osUser: "os-old")
    try db.deactivateUser(login: "old", actor: admin)
    users["old"] = Actor(user: try db.user(login: "old"), osUser: former.osUser)
  }

  public subscript(_ login: String) -> Actor { users[login]! }

  /// A counted monitoring evaluation of `agent`'s call `call`, scored by `inspector` (a login).
  @discardableResult
  public func scored(call: String, agent: String = "A1", by inspector: String = "qa2", sheet: AnswerSheet = TeamFixture.sheet())
    throws -> Int64
  {
    let actor = self[inspector]
    return try db.submit(
      EvaluationSubmission(
        scorecard: try db.scorecard(reference: "calib-test@1"), agentCode: agent,
        inspectorCode: actor.user?.inspectorCode ?? "", call: CallInput(externalId: call, startedAt: Self.callTime),
        kind: .monitoring, sheet: sheet, actor: actor))
  }

  /// A submission of a new call by `actor` as inspector QA1.
  public func submission(call: String, actor: Actor, secondOpinion: Bool = false) throws -> EvaluationSubmission {
    var submission = EvaluationSubmission(
      scorecard: try db.scorecard(reference: "calib-test@1"), agentCode: "A1", inspectorCode: "QA1",
      call: CallInput(externalId: call, startedAt: Self.callTime), kind: .monitoring, sheet: TeamFixture.sheet(), actor: actor)
    submission.secondOpinion = secondOpinion
    return submission
  }

  /// A draft of inspector QA1.
  public func draft(call: String = "C-draft") throws -> Int64 {
    try db.createDraft(
      DraftInput(
        scorecard: try db.scorecard(reference: "calib-test@1"), agentCode: "A1", inspectorCode: "QA1",
        call: CallInput(externalId: call, startedAt: Self.callTime), actor: self["qa1"]))
  }

  /// An open dispute by agent A1 about an evaluation QA2 wrote.
  public func openDispute() throws -> Int64 {
    let evaluation = try scored(call: "C-disputed")
    return try db.openDispute(evaluation: evaluation, by: nil, reason: "我有问候", actor: self["a1"]).id
  }

  /// Now, as a call time: every evaluation here is inside the dispute window.
  public static let callTime = Timestamp.nowLocal()

  /// Answers of calib-test: greet yes/no (10), tone 20/10/0, hold yes/no/na (10), slang count (5 each, cap 10).
  public static func sheet(greet: Bool = true, tone: Double = 20, hold: Bool? = true, slang: Int = 0) -> AnswerSheet {
    AnswerSheet(answers: [
      "greet": greet ? .yes : .no, "tone": .level(tone),
      "hold": hold.map { $0 ? .yes : .no } ?? .notApplicable, "slang": .count(slang),
    ])
  }

  /// The calib-test scorecard (the CallQAKitTests fixture of the same name).
  public static func scorecard() throws -> Scorecard { try ScorecardLoader.load(text: scorecardYAML, file: "calib-test.yaml") }

  public static let scorecardYAML = """
    # A small scorecard for calibration and dispute tests: 50 points, no weights,
    # so final = 100 · Σ earned / Σ points of the applicable items.
    key: calib-test
    version: 1
    title: {en: Calibration test, zh: 校准测试}
    pass_score: 80
    exemplary_score: 95
    sections:
      - key: s1
        title: Opening
        items:
          - key: greet
            title: Greets the customer
            type: yesno
            points: 10
          - key: tone
            title: Friendly tone
            type: scale
            points: 20
            levels:
              - {score: 20, label: Full}
              - {score: 10, label: Partial}
              - {score: 0, label: None}
      - key: s2
        title: Handling
        items:
          - key: hold
            title: Asks before holding
            type: yesno
            points: 10
            na: true
          - key: slang
            title: Slang
            type: deduction
            points: 10
            deduct: 5
    """
}
