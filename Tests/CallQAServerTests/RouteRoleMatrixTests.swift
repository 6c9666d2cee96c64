import CallQAKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TeamFixtures
import Testing

@testable import CallQAServer

/// One write route tried by someone: what it needs set up (by people who may), the request,
/// and the library action whose roles (``Policy/table``) decide the answer.
struct RouteAttempt: Sendable, CustomStringConvertible {
  var action: Action
  var method: HTTPRequest.Method
  /// The path, with `ID` for the prepared subject.
  var path: String
  var body: String?
  var contentType: String? = nil
  /// False for a write the library does not audit (a draft's answers are work in progress).
  var audited = true
  /// The status of an allowed attempt.
  var success: HTTPResponse.Status
  var prepare: @Sendable (TeamFixture) throws -> Int64? = { _ in nil }

  var description: String { "\(method.rawValue) \(path)" }

  /// Every write route of the API. Subjects belong to the acting users where a subject rule
  /// applies: evaluations of agent A1 (team T1) written by QA2, drafts of QA1.
  static let all: [RouteAttempt] = [
    RouteAttempt(action: .scoreCall, method: .post, path: "/api/evaluations", body: evaluationBody(call: "C-new"), success: .created),
    RouteAttempt(
      action: .scoreCall, method: .post, path: "/api/drafts",
      body: #"{"scorecard":"calib-test","agent":"A1","call":"C-web","call_started_at":"\#(TeamFixture.callTime)"}"#, success: .created),
    RouteAttempt(
      action: .scoreCall, method: .put, path: "/api/drafts/ID/answers/greet", body: #"{"answer":"yes","note":"问候完整"}"#, audited: false,
      success: .ok, prepare: { f in try f.draft() }),
    RouteAttempt(
      action: .scoreCall, method: .post, path: "/api/drafts/ID/submit", body: nil, success: .ok,
      prepare: { f in
        let id = try f.draft()
        for (item, answer) in TeamFixture.sheet().answers { try f.db.recordDraftAnswer(draft: id, item: item, answer: answer, actor: f["qa1"]) }
        return id
      }),
    RouteAttempt(action: .discardDraft, method: .delete, path: "/api/drafts/ID", body: nil, success: .noContent, prepare: { f in try f.draft() }),
    RouteAttempt(
      action: .releaseEvaluation, method: .post, path: "/api/evaluations/ID/release", body: #"{"on":"2026-12-20"}"#, success: .ok,
      prepare: { f in try f.scored(call: "C-held") }),
    RouteAttempt(
      action: .acknowledgeEvaluation, method: .post, path: "/api/evaluations/ID/ack", body: nil, success: .ok,
      prepare: { f in try f.scored(call: "C-seen") }),
    RouteAttempt(
      action: .openDispute, method: .post, path: "/api/disputes", body: #"{"evaluation":ID,"reason":"我有问候"}"#, success: .created,
      prepare: { f in try f.scored(call: "C-appeal") }),
    RouteAttempt(
      action: .resolveDispute, method: .post, path: "/api/disputes/ID/resolve", body: #"{"decision":"uphold","note":"复听确认"}"#, success: .ok,
      prepare: { f in try f.openDispute() }),
    RouteAttempt(
      action: .tagCase, method: .post, path: "/api/cases", body: #"{"evaluation":ID,"title":"标准开场","force":true}"#, success: .created,
      prepare: { f in try f.scored(call: "C-case") }),
    RouteAttempt(
      action: .untagCase, method: .delete, path: "/api/cases/ID", body: nil, success: .ok,
      prepare: { f in try f.db.tagCase(evaluationId: try f.scored(call: "C-case"), title: "标准开场", force: true, actor: f["trn"]).id }),
    RouteAttempt(
      action: .importScorecard, method: .post, path: "/api/scorecards",
      body: TeamFixture.scorecardYAML.replacingOccurrences(of: "version: 1", with: "version: 2"), contentType: "application/yaml",
      success: .created),
    RouteAttempt(
      action: .manageUsers, method: .post, path: "/api/users", body: #"{"login":"new-user","name":"New","role":"trainer"}"#, success: .created),
    RouteAttempt(
      action: .manageUsers, method: .put, path: "/api/users/trn/role", body: #"{"role":"manager"}"#, success: .ok),
    RouteAttempt(action: .manageUsers, method: .post, path: "/api/users/a2/deactivate", body: nil, success: .ok),
  ]
}

@Suite("team server: every write route × every role, as the library's policy says")
struct RouteRoleMatrixTests {
  static let roles: [Role] = Role.allCases

  @Test(arguments: RouteAttempt.all)
  func everyRoleGetsWhatThePolicyTableSays(_ attempt: RouteAttempt) async throws {
    for role in Self.roles {
      let harness = try ServerHarness()
      let subject = try attempt.prepare(harness.fixture)
      let path = attempt.path.replacingOccurrences(of: "ID", with: subject.map(String.init) ?? "")
      let body = attempt.body?.replacingOccurrences(of: "ID", with: subject.map(String.init) ?? "")
      let login = TeamFixture.roleLogins[role]!
      let allowed = Policy.table[attempt.action, default: []].contains(role)
      let before = try harness.db.auditLog().count
      try await harness.test { client in
        let session = try await client.signIn(login)
        let response: TestResponse
        if attempt.contentType == nil {
          response = try await client.send(attempt.method, path, as: session, json: body)
        } else {
          response = try await client.send(attempt.method, path, as: session, body: body, contentType: attempt.contentType)
        }
        let expected: HTTPResponse.Status = allowed ? attempt.success : .forbidden
        #expect(response.status == expected, "\(attempt) as \(login): \(response.text.prefix(300))")
        if !allowed { #expect(response.errorCode == "forbidden", "\(attempt) as \(login)") }
      }
      // The refusal went through the library's guarded write: one `refused` row, nothing else.
      let written = try harness.db.auditLog().dropFirst(before)
      if !allowed {
        #expect(written.map(\.action) == ["refused"], "\(attempt) as \(login): \(written.map(\.action))")
        #expect(written.first?.actor == login)
      } else {
        #expect(written.isEmpty != attempt.audited && !written.contains { $0.action == "refused" }, "\(attempt) as \(login)")
      }
    }
  }

  @Test(arguments: RouteAttempt.all)
  func anonymousIs401AndACookieWithoutCSRFIs403(_ attempt: RouteAttempt) async throws {
    let harness = try ServerHarness()
    let subject = try attempt.prepare(harness.fixture)
    let path = attempt.path.replacingOccurrences(of: "ID", with: subject.map(String.init) ?? "")
    let body = attempt.body?.replacingOccurrences(of: "ID", with: subject.map(String.init) ?? "")
    let login = TeamFixture.roleLogins[Policy.table[attempt.action, default: []].first ?? .admin]!
    let before = try harness.db.auditCount()
    try await harness.test { client in
      let anonymous = try await client.send(attempt.method, path, json: body, contentType: attempt.contentType)
      #expect(anonymous.status == .unauthorized, "\(attempt)")
      #expect(anonymous.errorCode == "unauthorized")
      let session = try await client.signIn(login)
      let forged = try await client.send(attempt.method, path, as: session.withoutCSRF(), json: body, contentType: attempt.contentType)
      #expect(forged.status == .forbidden, "\(attempt)")
      #expect(forged.errorCode == "csrf")
    }
    // Nothing was written by either: no audit row beyond the setup's.
    #expect(try harness.db.auditCount() == before)
  }
}

extension QADatabase {
  /// Rows of the audit trail (every write leaves one).
  func auditCount() throws -> Int { try auditLog().count }
}
