import CallQAKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TeamFixtures
import Testing

@testable import CallQAServer

@Suite("team server: the pages of every role, forms behind CSRF, hostile text shown as text")
struct PageTests {
  static let hostile = [#"<script>alert("x")</script>"#, #""><img src=x onerror=alert(1)>"#]

  /// True when `html` holds `text` only escaped.
  static func escapedOnly(_ text: String, in html: String) -> Bool {
    let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    return !html.contains(text) && html.contains(escaped)
  }

  @Test func anonymousPagesGoToSignInAndTheSignInFormNeedsItsToken() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let queue = try await client.send(.get, "/queue")
      #expect(queue.status == .seeOther)
      #expect(queue.headers[.location] == "/login?next=/queue")
      let form = try await client.send(.get, "/login?next=/queue")
      #expect(form.status == .ok)
      let token = try #require(form.cookie("callqa_signin"))
      #expect(form.text.contains(#"value="\#(token)""#))
      // Without the form's token (a page elsewhere posting the form): refused, no session.
      let forged = try await client.send(.post, "/login", body: "login=qa1&password=password-qa1&next=/queue")
      #expect(forged.status == .forbidden)
      #expect(forged.cookie("callqa_session") == nil)
      let wrong = try await client.send(
        .post, "/login", body: "_csrf=\(token)&login=qa1&password=nope-nope", headers: [.cookie: "callqa_signin=\(token)"])
      #expect(wrong.status == .unauthorized)
      #expect(wrong.text.contains("wrong login or password"))
      // Issue 17: the server's own failures read in the page's language; the JSON API's stay English.
      let chinese: HTTPFields = [.acceptLanguage: "zh-CN,zh;q=0.9"]
      let forgedZh = try await client.send(.post, "/login", body: "login=qa1&password=password-qa1", headers: chinese)
      #expect(forgedZh.status == .forbidden && forgedZh.text.contains("登录表单已过期或并非来自本服务器：请刷新页面"), "\(forgedZh.text)")
      var wrongHeaders = chinese
      wrongHeaders[.cookie] = "callqa_signin=\(token)"
      let wrongZh = try await client.send(.post, "/login", body: "_csrf=\(token)&login=qa1&password=nope-nope", headers: wrongHeaders)
      #expect(wrongZh.status == .unauthorized && wrongZh.text.contains("账号或密码错误"), "\(wrongZh.text)")
      let api = try await client.send(.post, "/api/session", json: #"{"login":"qa1","password":"nope-nope"}"#, headers: chinese)
      #expect(try api.object()["message"] as? String == "wrong login or password")
      let signed = try await client.send(
        .post, "/login", body: "_csrf=\(token)&login=qa1&password=password-qa1&next=%2Fqueue", headers: [.cookie: "callqa_signin=\(token)"])
      #expect(signed.status == .seeOther)
      #expect(signed.headers[.location] == "/queue")
      #expect(signed.cookie("callqa_session") != nil)
      // `next` never leaves the site.
      let away = try await client.send(
        .post, "/login", body: "_csrf=\(token)&login=qa1&password=password-qa1&next=%2F%2Fevil.example", headers: [.cookie: "callqa_signin=\(token)"])
      #expect(away.headers[.location] == "/queue")
    }
  }

  @Test func everyRoleLandsOnItsHomePage() async throws {
    let harness = try ServerHarness()
    try harness.fixture.scored(call: "C-home")
    let homes: [String: (String, String)] = [
      "adm": ("/admin/users", "Users and roles"), "mgr": ("/dashboard", "Dashboard"), "sup": ("/dashboard", "Dashboard"),
      "trn": ("/cases", "Case library"), "qa1": ("/queue", "My queue"), "a1": ("/my", "My evaluations"),
    ]
    try await harness.test { client in
      for (login, (home, heading)) in homes {
        let session = try await client.signIn(login)
        let root = try await client.send(.get, "/", as: session)
        #expect(root.headers[.location] == home, "\(login)")
        let page = try await client.send(.get, home, as: session, headers: [.acceptLanguage: "en-GB,en;q=0.9"])
        #expect(page.status == .ok, "\(login) \(home): \(page.text.prefix(300))")
        #expect(page.text.contains("<h1>\(heading)"), "\(login) \(home)")
        #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
      }
    }
  }

  @Test func theQueueListsTheCallsAssignedToTheInspector() async throws {
    let harness = try ServerHarness()
    try harness.db.addCall(CallInput(externalId: "C-ASSIGNED", startedAt: TeamFixture.callTime, duration: 120), agentCode: "A1", actor: harness.fixture["mgr"])
    let week = try ReportPeriod.parse(PageRoutes.currentWeek())
    try harness.db.assign(AssignRequest(sample: SampleRequest(week: week, perAgent: 1), inspectors: ["QA1"]), actor: harness.fixture["mgr"])
    #expect(try harness.db.queue(inspector: "QA1").map(\.call) == ["C-ASSIGNED"])
    try await harness.test { client in
      let page = try await client.send(.get, "/queue", as: try await client.signIn("qa1"))
      #expect(page.text.contains(#"<table class="list" id="assigned">"#))
      #expect(page.text.contains("/queue?call=C-ASSIGNED&amp;agent=A1"))
      let other = try await client.send(.get, "/queue", as: try await client.signIn("qa2"))
      #expect(!other.text.contains("id=\"assigned\""))
    }
  }

  @Test func chineseByAcceptLanguageOrChoice() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let qa1 = try await client.signIn("qa1")
      let zh = try await client.send(.get, "/queue", as: qa1, headers: [.acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8"])
      #expect(zh.text.contains("<h1>我的质检队列"))
      #expect(zh.text.contains(#"<html lang="zh">"#))
      let en = try await client.send(.get, "/queue?lang=en", as: qa1, headers: [.acceptLanguage: "zh-CN"])
      #expect(en.text.contains("<h1>My queue"))
      #expect(en.cookie("callqa_lang") == "en")
    }
  }

  @Test func pagesTheRoleMayNotSeeAre403Pages() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let a1 = try await client.signIn("a1")
      for path in ["/admin/users", "/cases", "/dashboard"] {
        let response = try await client.send(.get, path, as: a1)
        #expect(response.status == .forbidden || response.status == .ok, "\(path)")
        if path != "/dashboard" { #expect(response.status == .forbidden, "\(path)") }
      }
      let trn = try await client.signIn("trn")
      #expect(try await client.send(.get, "/admin/users", as: trn).status == .forbidden)
    }
  }

  @Test func scoringThroughTheFormStoresDraftAnswersThenSubmits() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let qa1 = try await client.signIn("qa1")
      guard case .session(_, let csrf, _) = qa1 else { return }
      let start = try await client.send(.post, "/drafts", as: qa1, body: "_csrf=\(csrf)&call=C-form&agent=A1&scorecard=calib-test")
      #expect(start.status == .seeOther)
      let location = try #require(start.headers[.location])
      let id = try #require(Int64(location.replacingOccurrences(of: "/drafts/", with: "")))
      let page = try await client.send(.get, location, as: qa1)
      #expect(page.status == .ok)
      #expect(page.text.contains(#"name="a.greet""#))
      let saved = try await client.send(
        .post, location, as: qa1, body: "_csrf=\(csrf)&a.greet=yes&a.tone=10&n.tone=%E8%AF%AD%E6%B0%94%E4%B8%80%E8%88%AC&do=save")
      #expect(saved.status == .seeOther)
      #expect(try harness.db.draft(id: id).answers["tone"] == .level(10))
      #expect(try harness.db.draft(id: id).notes["tone"] == "语气一般")
      let incomplete = try await client.send(.post, location, as: qa1, body: "_csrf=\(csrf)&do=submit")
      #expect(incomplete.status == .badRequest)
      #expect(incomplete.text.contains("is not complete"))
      let done = try await client.send(.post, location, as: qa1, body: "_csrf=\(csrf)&a.hold=na&a.slang=1&do=submit")
      #expect(done.headers[.location] == "/evaluations/\(id)")
      #expect(try harness.db.evaluation(id: id).status == .submitted)
      // Someone else's draft is refused by the library, through the page too.
      let other = try harness.fixture.draft(call: "C-other")
      let qa2 = try await client.signIn("qa2")
      guard case .session(_, let csrf2, _) = qa2 else { return }
      #expect(try await client.send(.post, "/drafts/\(other)", as: qa2, body: "_csrf=\(csrf2)&a.greet=no&do=save").status == .forbidden)
      #expect(try await client.send(.post, "/drafts/\(other)", as: qa2.withoutCSRF(), body: "a.greet=no&do=save").status == .forbidden)
    }
  }

  @Test func theScoringPageLeavesOutItemsTheirConditionSkips() async throws {
    let harness = try ServerHarness()
    let yaml = """
      key: gated
      version: 1
      title: Gated
      pass_score: 80
      exemplary_score: 95
      causes:
        - {key: process, label: {en: Process unfamiliar, zh: 流程不熟}}
        - {key: system, label: {en: System issue, zh: 系统原因}}
      sections:
        - key: opening
          title: Opening
          items:
            - {key: verified, title: Caller verified, type: yesno, points: 10, cause_required: true}
        - key: account
          title: Account
          when: {item: verified, is: yes}
          items:
            - {key: balance-read, title: Balance read back, type: yesno, points: 10}
      """
    try harness.db.importScorecard(try ScorecardLoader.load(text: yaml, file: "gated.yaml"), actor: harness.fixture["adm"])
    try await harness.test { client in
      let qa1 = try await client.signIn("qa1")
      guard case .session(_, let csrf, _) = qa1 else { return }
      let start = try await client.send(.post, "/drafts", as: qa1, body: "_csrf=\(csrf)&call=C-gated&agent=A1&scorecard=gated")
      let location = try #require(start.headers[.location])
      #expect(try await client.send(.get, location, as: qa1).text.contains(#"name="a.balance-read""#))  // undecided: shown
      // verified = no (and a stale balance-read in the same form): the page stores verified,
      // skips balance-read, and no longer shows it; the draft is complete and submits.
      let saved = try await client.send(.post, location, as: qa1, body: "_csrf=\(csrf)&a.verified=no&a.balance-read=yes&do=save")
      #expect(saved.status == .seeOther)
      let page = try await client.send(.get, location, as: qa1).text
      #expect(!page.contains(#"name="a.balance-read""#) && page.contains(#"name="a.verified""#))
      #expect(page.contains(#"name="c.verified" value="process""#))
      // verified lost points and needs a cause: refused without one, stored with one.
      #expect(try await client.send(.post, location, as: qa1, body: "_csrf=\(csrf)&do=submit").status == .badRequest)
      let withCause = try await client.send(.post, location, as: qa1, body: "_csrf=\(csrf)&cs.verified=1&c.verified=process&c.verified=system&do=save")
      #expect(withCause.status == .seeOther)
      let id = try #require(Int64(location.replacingOccurrences(of: "/drafts/", with: "")))
      #expect(try harness.db.draft(id: id).causes == ["verified": ["process", "system"]])
      let done = try await client.send(.post, location, as: qa1, body: "_csrf=\(csrf)&do=submit")
      #expect(done.status == .seeOther)
      #expect(try harness.db.evaluation(id: id).items.first { $0.key == "verified" }?.causes == ["process", "system"])
    }
  }

  @Test func hostileNotesAreTextOnEveryPageThatShowsThem() async throws {
    let harness = try ServerHarness()
    let (script, image) = (Self.hostile[0], Self.hostile[1])
    var sheet = TeamFixture.sheet(greet: false)
    sheet.notes = ["greet": script, "tone": image]
    sheet.comment = image
    let evaluation = try harness.fixture.scored(call: "C-xss", sheet: sheet)
    try harness.db.tagCase(evaluationId: evaluation, title: script, kind: .cautionary, note: image, force: true, actor: harness.fixture["trn"])
    try harness.db.openDispute(evaluation: evaluation, by: nil, reason: script + image, actor: harness.fixture["a1"])
    let draft = try harness.fixture.draft(call: "C-xss-draft")
    try harness.db.recordDraftNote(draft: draft, item: "greet", note: image, actor: harness.fixture["qa1"])
    let period = Attempt.period
    let pages: [(String, String)] = [
      ("mgr", "/evaluations/\(evaluation)"), ("a1", "/evaluations/\(evaluation)"), ("sup", "/evaluations/\(evaluation)"),
      ("mgr", "/disputes"), ("a1", "/disputes"), ("mgr", "/dashboard?period=\(period)"), ("trn", "/cases"), ("qa1", "/drafts/\(draft)"),
    ]
    try await harness.test { client in
      for (login, path) in pages {
        let page = try await client.send(.get, path, as: try await client.signIn(login))
        #expect(page.status == .ok, "\(login) \(path)")
        let shown = Self.hostile.filter { page.text.contains(PageTests.escape($0)) }
        #expect(!shown.isEmpty, "\(login) \(path): the note is not on the page")
        for text in Self.hostile { #expect(!page.text.contains(text), "\(login) \(path) has raw \(text)") }
        #expect(!page.text.contains("<script>alert"), "\(login) \(path)")
        #expect(!page.text.contains("<img src=x"), "\(login) \(path)")
      }
    }
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
      .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
  }

  /// Issue 16: the admin users page changes a role and sets a password, as `user set-role`
  /// and `user passwd` do, through the same library calls and policy.
  @Test func theAdminChangesARoleAndSetsAPasswordFromTheUsersPage() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let adm = try await client.signIn("adm")
      guard case .session(_, let csrf, _) = adm else { return }
      let page = try await client.send(.get, "/admin/users", as: adm)
      #expect(page.text.contains(#"action="/admin/users/qa2/role""#) && page.text.contains(#"action="/admin/users/a2/password""#))
      #expect(page.text.contains(#"<option value="inspector" selected>inspector</option>"#))
      // When qa2 becomes a supervisor of T1
      let changed = try await client.send(.post, "/admin/users/qa2/role", as: adm, body: "_csrf=\(csrf)&role=supervisor&teams=T1&inspector=&agent=")
      #expect(changed.status == .seeOther)
      #expect(try harness.db.users().first { $0.login == "qa2" }?.role == .supervisor)
      // A change the role cannot take is refused with its reason and changes nothing
      let bad = try await client.send(.post, "/admin/users/qa2/role", as: adm, body: "_csrf=\(csrf)&role=agent")
      #expect(bad.status.code >= 400 && bad.status.code < 500, "\(bad.status)")
      #expect(try harness.db.users().first { $0.login == "qa2" }?.role == .supervisor)
      // Without the CSRF token, and by a supervisor, it is refused
      #expect(try await client.send(.post, "/admin/users/qa2/role", as: adm.withoutCSRF(), body: "role=manager").status == .forbidden)
      let sup = try await client.signIn("sup")
      guard case .session(_, let supCSRF, _) = sup else { return }
      #expect(try await client.send(.post, "/admin/users/qa2/role", as: sup, body: "_csrf=\(supCSRF)&role=admin").status == .forbidden)
      #expect(try await client.send(.post, "/admin/users/a2/password", as: sup, body: "_csrf=\(supCSRF)&password=x").status == .forbidden)
      #expect(try harness.db.users().first { $0.login == "qa2" }?.role == .supervisor)
      // When the admin sets a2's password, a2 signs in with the new one and not the old one
      let reset = try await client.send(.post, "/admin/users/a2/password", as: adm, body: "_csrf=\(csrf)&password=n3w-Passw0rd")
      #expect(reset.status == .seeOther)
      _ = try await client.signIn("a2", password: "n3w-Passw0rd")
      await #expect(throws: HarnessError.self) { try await client.signIn("a2") }
    }
  }

  @Test func theScorecardUploadShowsTheValidatorsPosition() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let adm = try await client.signIn("adm")
      guard case .session(_, let csrf, _) = adm else { return }
      let yaml = "key: broken\nversion: 1\ntitle: X\npass_score: 200\nsections: []\n"
      let encoded = yaml.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
      let response = try await client.send(.post, "/admin/scorecards", as: adm, body: "_csrf=\(csrf)&yaml=\(encoded)")
      #expect(response.status == .unprocessableContent)
      #expect(response.text.range(of: #"upload\.yaml:\d+:\d+: "#, options: .regularExpression) != nil, "\(response.text.prefix(2000))")
      #expect(response.text.contains("pass_score: 200"))
    }
  }
}
