import CallQAKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import TeamFixtures
import Testing

@testable import CallQAServer

/// A team fixture behind an in-process server: every user has the password `password-<login>`
/// (bcrypt cost 4, to keep tests fast), and `app` is the same router `callqa serve` runs.
struct ServerHarness: @unchecked Sendable {
  let fixture: TeamFixture
  let server: TeamServer
  let options: ServerOptions

  static let logins = ["adm", "mgr", "sup", "trn", "qa1", "qa2", "a1", "a2"]

  init(options: ServerOptions = ServerOptions(), path: String? = nil, database: QADatabase? = nil) throws {
    fixture = try database.map { try TeamFixture(database: $0) } ?? TeamFixture(path: path)
    for login in Self.logins {
      try fixture.db.setPassword(login: login, password: Self.password(login), actor: fixture["adm"], cost: 4)
    }
    self.options = options
    var logger = Logger(label: "callqa-test")
    logger.logLevel = .warning
    server = try buildRouter(database: fixture.db, options: options, logger: logger)
  }

  static func password(_ login: String) -> String { "password-\(login)" }

  var app: some ApplicationProtocol { Application(router: server.router) }

  var db: QADatabase { fixture.db }

  /// Runs `body` with a client of the in-process router.
  func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
    try await app.test(.router) { client in try await body(client) }
  }
}

/// How a request proves who sends it.
enum Credential: Sendable {
  case none
  /// A signed-in browser: the session cookie, and the CSRF token sent on writes unless `csrf` is false.
  case session(cookie: String, csrf: String, sendCSRF: Bool = true)
  case token(String)

  func withoutCSRF() -> Credential {
    if case .session(let cookie, let csrf, _) = self { return .session(cookie: cookie, csrf: csrf, sendCSRF: false) }
    return self
  }
}

extension TestClientProtocol {
  /// One request as `credential`, with a JSON (or other) body.
  @discardableResult
  func send(
    _ method: HTTPRequest.Method, _ uri: String, as credential: Credential = .none, json: String? = nil, body: String? = nil,
    contentType: String? = nil, headers extra: HTTPFields = [:]
  ) async throws -> TestResponse {
    var headers = extra
    switch credential {
    case .none: break
    case .session(let cookie, let csrf, let sendCSRF):
      headers[.cookie] = "callqa_session=\(cookie)"
      if sendCSRF, method != .get { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
    case .token(let token): headers[.authorization] = "Bearer \(token)"
    }
    var buffer: ByteBuffer?
    if let json {
      headers[.contentType] = contentType ?? "application/json"
      buffer = ByteBuffer(string: json)
    } else if let body {
      headers[.contentType] = contentType ?? "application/x-www-form-urlencoded"
      buffer = ByteBuffer(string: body)
    }
    return try await execute(uri: uri, method: method, headers: headers, body: buffer)
  }

  /// Signs `login` in through `POST /api/session`; the session's cookie and CSRF token.
  func signIn(_ login: String, password: String? = nil, address: String? = nil) async throws -> Credential {
    var headers: HTTPFields = [:]
    if let address { headers[HTTPField.Name("X-Forwarded-For")!] = address }
    let response = try await send(
      .post, "/api/session", json: #"{"login":"\#(login)","password":"\#(password ?? ServerHarness.password(login))"}"#, headers: headers)
    guard response.status == .ok, let cookie = response.cookie("callqa_session") else {
      throw HarnessError("sign-in of \(login) answered \(response.status.code): \(response.text)")
    }
    let csrf = try response.object()["csrf_token"] as? String ?? ""
    return .session(cookie: cookie, csrf: csrf)
  }
}

struct HarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension TestResponse {
  var text: String { String(buffer: body) }

  /// The body as a JSON object.
  func object() throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
      throw HarnessError("not a JSON object: \(text.prefix(200))")
    }
    return object
  }

  /// The body as a JSON array of objects.
  func array() throws -> [[String: Any]] {
    guard let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
      throw HarnessError("not a JSON array: \(text.prefix(200))")
    }
    return array
  }

  /// The `error` code of a JSON error body.
  var errorCode: String? { (try? object())?["error"] as? String }

  /// Every `Set-Cookie` header.
  var setCookies: [String] { headers[values: .setCookie] }

  /// The value a `Set-Cookie` gives cookie `name`.
  func cookie(_ name: String) -> String? {
    for header in setCookies where header.hasPrefix("\(name)=") {
      return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
    }
    return nil
  }
}

/// A complete answers object for calib-test, as JSON.
let goodAnswers = #"{"greet":"yes","tone":20,"hold":"yes","slang":0}"#

/// A `POST /api/evaluations` body for a call of agent A1.
func evaluationBody(call: String, answers: String = goodAnswers, notes: String = "{}") -> String {
  #"{"scorecard":"calib-test","agent":"A1","call":"\#(call)","call_started_at":"\#(TeamFixture.callTime)","answers":\#(answers),"notes":\#(notes)}"#
}
