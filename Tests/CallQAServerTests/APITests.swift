import CallQAKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TeamFixtures
import TestOracles
import Testing

@testable import CallQAServer

@Suite("team server: the JSON API reads as the CLI prints, and refuses as the library does")
struct APITests {
  @Test func scoringReturnsTheEvaluationJSONOfTheCLI() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let qa1 = try await client.signIn("qa1")
      let created = try await client.send(.post, "/api/evaluations", as: qa1, json: evaluationBody(call: "C-201", notes: #"{"greet":"问候完整"}"#))
      #expect(created.status == .created)
      let body = try created.object()
      let id = try #require(body["id"] as? Int)
      #expect(created.headers[.location] == "/api/evaluations/\(id)")
      #expect(body["inspector"] as? String == "QA1")
      #expect(body["final_score"] as? Double == 100)
      // GET returns exactly what the library's JSON (the CLI's `evaluation show --format json`) is.
      let shown = try await client.send(.get, "/api/evaluations/\(id)", as: qa1)
      #expect(shown.status == .ok)
      #expect(shown.text == (try JSONText.pretty(harness.db.evaluation(id: Int64(id)))) + "\n")
    }
  }

  @Test func badAnswerIs400NamingTheItemAndNothingIsStored() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let qa1 = try await client.signIn("qa1")
      let bad = try await client.send(
        .post, "/api/evaluations", as: qa1, json: evaluationBody(call: "C-bad", answers: #"{"greet":"yes","tone":15,"hold":"yes","slang":0}"#))
      #expect(bad.status == .badRequest)
      #expect(try bad.object()["message"] as? String == "item 'tone': 15 is not a level score (allowed: 20, 10, 0)")
      let unknown = try await client.send(
        .post, "/api/evaluations", as: qa1, json: evaluationBody(call: "C-bad", answers: #"{"greet":"yes","tone":20,"hold":"yes","slang":0,"smile":"yes"}"#))
      #expect(unknown.status == .badRequest)
      #expect((try unknown.object()["message"] as? String)?.contains("unknown item 'smile'") == true)
      let missing = try await client.send(.post, "/api/evaluations", as: qa1, json: evaluationBody(call: "C-bad", answers: #"{"greet":"yes"}"#))
      #expect(missing.status == .badRequest)
      let shape = try await client.send(.post, "/api/evaluations", as: qa1, json: #"{"scorecard":"calib-test"}"#)
      #expect(shape.status == .badRequest)
      #expect(shape.errorCode == "bad_request")
      #expect(try harness.db.evaluations(EvaluationFilter()).isEmpty)
    }
  }

  @Test func aCallAlreadyScoredIs409() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let qa1 = try await client.signIn("qa1")
      #expect(try await client.send(.post, "/api/evaluations", as: qa1, json: evaluationBody(call: "C-twice")).status == .created)
      let again = try await client.send(.post, "/api/evaluations", as: qa1, json: evaluationBody(call: "C-twice"))
      #expect(again.status == .conflict)
      #expect(again.errorCode == "conflict")
    }
  }

  @Test func notFoundIs404ForEveryKindOfRecord() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let mgr = try await client.signIn("mgr")
      for path in [
        "/api/evaluations/999999", "/api/drafts/999999", "/api/disputes/999999", "/api/cases/999999", "/api/reports/no-such-report",
        "/api/evaluations/abc", "/api/no-such-route", "/api/calls/NO-CALL",
      ] {
        let response = try await client.send(.get, path, as: mgr)
        #expect(response.status == .notFound, "\(path): \(response.text)")
        #expect(response.errorCode == "not_found", "\(path)")
      }
      let qa1 = try await client.signIn("qa1")
      #expect(try await client.send(.post, "/api/evaluations/999999/ack", as: try await client.signIn("a1")).status == .notFound)
      #expect(try await client.send(.put, "/api/drafts/999999/answers/greet", as: qa1, json: #"{"answer":"yes"}"#).status == .notFound)
    }
  }

  @Test func anAgentsTokenCannotReadAnotherAgentsEvaluation() async throws {
    let harness = try ServerHarness()
    let theirs = try harness.fixture.scored(call: "C-a2", agent: "A2")
    let mine = try harness.fixture.scored(call: "C-a1", agent: "A1")
    let token = try harness.db.createAPIToken(login: "a1", actor: harness.fixture["a1"]).token
    try await harness.test { client in
      let refused = try await client.send(.get, "/api/evaluations/\(theirs)", as: .token(token))
      #expect(refused.status == .forbidden)
      #expect(!refused.text.contains("C-a2"))
      #expect(try await client.send(.get, "/api/evaluations/\(mine)", as: .token(token)).status == .ok)
      let list = try await client.send(.get, "/api/evaluations", as: .token(token))
      #expect(try list.array().map { $0["id"] as? Int } == [Int(mine)])
      #expect(try await client.send(.get, "/api/evaluations?agent=A2", as: .token(token)).status == .forbidden)
      #expect(try await client.send(.get, "/api/reports/quality?period=2026-11", as: .token(token)).status == .forbidden)
    }
  }

  @Test func readsAreScopedLikeTheCLIsPerRole() async throws {
    let harness = try ServerHarness()
    let t1 = try harness.fixture.scored(call: "C-t1", agent: "A1")
    let t2 = try harness.fixture.scored(call: "C-t2", agent: "A2")
    // Who reads which evaluation (README "Who may do what": read scopes).
    let expected: [String: (HTTPResponse.Status, HTTPResponse.Status)] = [
      "adm": (.ok, .ok), "mgr": (.ok, .ok), "qa1": (.ok, .ok), "sup": (.ok, .forbidden), "trn": (.forbidden, .forbidden),
      "a1": (.ok, .forbidden), "a2": (.forbidden, .ok),
    ]
    try await harness.test { client in
      for (login, (first, second)) in expected {
        let session = try await client.signIn(login)
        #expect(try await client.send(.get, "/api/evaluations/\(t1)", as: session).status == first, "\(login) reads T1")
        #expect(try await client.send(.get, "/api/evaluations/\(t2)", as: session).status == second, "\(login) reads T2")
      }
      let trainer = try await client.signIn("trn")
      #expect(try await client.send(.get, "/api/evaluations", as: trainer).status == .forbidden)
      #expect(try await client.send(.get, "/api/cases", as: trainer).status == .ok)
      #expect(try await client.send(.get, "/api/cases", as: try await client.signIn("a1")).status == .forbidden)
      #expect(try await client.send(.get, "/api/users", as: try await client.signIn("mgr")).status == .forbidden)
      #expect(try await client.send(.get, "/api/users", as: try await client.signIn("adm")).status == .ok)
    }
  }

  @Test func listsRefuseUnknownParametersAndBadValues() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let mgr = try await client.signIn("mgr")
      for path in [
        "/api/evaluations?agnet=A1", "/api/evaluations?from=2026-13-01", "/api/evaluations?status=lost", "/api/evaluations?limit=0",
        "/api/evaluations?limit=5000", "/api/reports/weak-areas?period=2026-1", "/api/reports/quality", "/api/reports/trend?format=pdf",
        "/api/reports/weak-areas?team=T1&agent=A1", "/api/disputes?status=closed", "/api/cases?kind=great",
      ] {
        let response = try await client.send(.get, path, as: mgr)
        #expect(response.status == .badRequest, "\(path): \(response.text)")
      }
    }
  }

  @Test func reportsAreTheCLIsJSONAndDownloads() async throws {
    let harness = try ServerHarness()
    try harness.fixture.scored(call: "C-r1", sheet: TeamFixture.sheet(greet: false))
    let period = Attempt.period
    try await harness.test { client in
      let mgr = try await client.signIn("mgr")
      let json = try await client.send(.get, "/api/reports/weak-areas?period=\(period)&lang=en", as: mgr)
      #expect(json.status == .ok)
      let report = try harness.db.weakAreas(ReportFilter(period: period), language: "en")
      #expect(json.text == (try JSONText.pretty(report)) + "\n")
      let csv = try await client.send(.get, "/api/reports/weak-areas?period=\(period)&format=csv", as: mgr)
      #expect(csv.status == .ok)
      #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
      #expect(csv.headers[.contentDisposition]?.contains("weak-areas.csv") == true)
      #expect(csv.text == CSVWriter.csv(try #require(report.document(.en).tables.first)))
      let xlsx = try await client.send(.get, "/api/reports/quality?period=\(period)&format=xlsx", as: mgr)
      #expect(xlsx.status == .ok)
      #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])  // a zip: PK
      for name in ["trend", "agents", "leaderboard", "performance", "inspectors"] {
        let query = name == "inspectors" || name == "trend" || name == "agents" ? "" : "?period=\(period)"
        #expect(try await client.send(.get, "/api/reports/\(name)\(query)", as: mgr).status == .ok, "\(name)")
      }
      #expect(try await client.send(.get, "/api/reports/coverage?week=2026-W47", as: mgr).status == .ok)
      let html = try await client.send(.get, "/api/reports/trend?format=html", as: mgr)
      #expect(html.headers[.contentType]?.hasPrefix("text/html") == true)
      // A supervisor reads their own team only; an agent their own weak areas only.
      let sup = try await client.signIn("sup")
      #expect(try await client.send(.get, "/api/reports/weak-areas?period=\(period)", as: sup).status == .ok)
      #expect(try await client.send(.get, "/api/reports/weak-areas?period=\(period)&team=T2", as: sup).status == .forbidden)
      #expect(try await client.send(.get, "/api/reports/inspectors", as: sup).status == .forbidden)
    }
  }

  @Test func aScorecardFailingValidationIs422WithFileLineColumn() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let mgr = try await client.signIn("mgr")
      let yaml = TeamFixture.scorecardYAML.replacingOccurrences(of: "version: 1", with: "version: 2")
        .replacingOccurrences(of: "{score: 10, label: Partial}", with: "{score: 30, label: Partial}")
      let response = try await client.send(.post, "/api/scorecards", as: mgr, body: yaml, contentType: "application/yaml")
      #expect(response.status == .unprocessableContent)
      let message = try #require(try response.object()["message"] as? String)
      #expect(message.range(of: #"^upload\.yaml:\d+:\d+: "#, options: .regularExpression) != nil, "\(message)")
      let same = try await client.send(.post, "/api/scorecards", as: mgr, body: TeamFixture.scorecardYAML, contentType: "application/yaml")
      #expect(same.status == .ok)
      #expect(try same.object()["outcome"] as? String == "unchanged")
    }
  }

  @Test func oversizedBodiesAre413() async throws {
    let harness = try ServerHarness(options: ServerOptions(maxBodyBytes: 4096))
    try await harness.test { client in
      let qa1 = try await client.signIn("qa1")
      let big = evaluationBody(call: "C-big", notes: #"{"greet":"\#(String(repeating: "长", count: 3000))"}"#)
      let response = try await client.send(.post, "/api/evaluations", as: qa1, json: big)
      #expect(response.status == .contentTooLarge)
      #expect(response.errorCode == "payload_too_large")
      let form = try await client.send(.post, "/drafts", as: qa1, body: "_csrf=x&call=" + String(repeating: "9", count: 9000))
      #expect(form.status == .contentTooLarge)
    }
  }

  @Test func downloadsNameRecordsNeverPaths() async throws {
    let harness = try ServerHarness()
    let secret = NSTemporaryDirectory() + "callqa-secret-\(UUID().uuidString).txt"
    try "top secret".write(toFile: secret, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: secret) }
    try await harness.test { client in
      let mgr = try await client.signIn("mgr")
      for path in [
        "/static/..%2F..%2F..%2Fetc%2Fpasswd", "/static/../../etc/passwd", "/static/%2e%2e/openapi.yaml", "/static/templates",
        "/static/..", "/api/reports/..%2F..%2Fetc%2Fpasswd", "/api/calls/..%2F..%2Fetc%2Fpasswd/recording",
        "/api/calls/\(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")/recording",
      ] {
        let response = try await client.send(.get, path, as: mgr)
        #expect(response.status == .notFound, "\(path): \(response.status)")
        #expect(!response.text.contains("root:") && !response.text.contains("top secret"), "\(path)")
      }
      #expect(try await client.send(.get, "/static/style.css").status == .ok)
      #expect(try await client.send(.get, "/static/app.js").status == .ok)
    }
  }

  @Test func theRecordingIsTheCallsStoredFileForThoseWhoReadCalls() async throws {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("callqa-media-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let wav = BrowserEndToEndTests.tone(seconds: 1)
    try wav.write(to: folder.appendingPathComponent("rec 1.wav"))
    let harness = try ServerHarness(options: ServerOptions(mediaRoot: folder.path))
    try harness.db.addCall(
      CallInput(externalId: "通话-1", startedAt: TeamFixture.callTime, recording: "rec 1.wav"), agentCode: "A1", actor: harness.fixture["mgr"])
    try harness.db.addCall(
      CallInput(externalId: "C-gone", startedAt: TeamFixture.callTime, recording: "missing.wav"), agentCode: "A1", actor: harness.fixture["mgr"])
    try await harness.test { client in
      let path = "/api/calls/\("通话-1".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")/recording"
      let response = try await client.send(.get, path, as: try await client.signIn("qa1"))
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "audio/wav")
      #expect(Data(response.body.readableBytesView) == wav)
      #expect(try await client.send(.get, path, as: try await client.signIn("a1")).status == .forbidden)
      #expect(try await client.send(.get, "/api/calls/C-gone/recording", as: try await client.signIn("mgr")).status == .notFound)
      let detail = try await client.send(.get, "/api/calls/C-gone", as: try await client.signIn("mgr"))
      #expect(try detail.object()["call"] as? String == "C-gone")
    }
  }

  @Test func errorsAreOneJSONLineNeverATrace() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let response = try await client.send(.post, "/api/evaluations", as: try await client.signIn("qa1"), json: "{not json")
      #expect(response.status == .badRequest)
      let body = try response.object()
      #expect(Set(body.keys) == ["error", "message"])
      #expect(!(body["message"] as? String ?? "").contains("\n"))
    }
  }
}
