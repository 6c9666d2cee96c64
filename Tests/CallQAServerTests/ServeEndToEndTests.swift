import CallQAKit
import Foundation
import TeamFixtures
import TestOracles
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `callqa serve` as a process: it listens, answers, lets the CLI use the same file, and on
/// SIGTERM finishes the request in flight before it closes the database and exits 0.
@Suite("callqa serve: the built binary, tokens from the CLI, graceful shutdown", .serialized)
struct ServeEndToEndTests {
  static let executable: URL = {
    let candidates =
      [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
      + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
    for folder in candidates where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("callqa").path) {
      return folder.appendingPathComponent("callqa")
    }
    preconditionFailure("the callqa binary of this build is not next to the tests: run them with `swift test`")
  }()

  /// The OS account running the tests (the CLI acts as the user linked to it).
  static var osUser: String {
    guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "root" }
    return String(cString: name)
  }

  @Test func refusesADatabaseWithoutUsers() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("desk.sqlite").path
    _ = try QADatabase(path: path)
    let result = try Tools.run(Self.executable.path, ["serve", "--db", path, "--port", "0"])
    #expect(result.status == 1)
    #expect(result.output.contains("this database has no users, so nobody could sign in"))
  }

  @Test(.enabled(if: Python.executable != nil, "needs python3"))
  func tokenFromTheCLIThenSIGTERMFinishesTheRequestInFlight() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("team.sqlite").path
    do {
      let fixture = try TeamFixture(path: path)
      try fixture.db.setOSUser(login: "qa1", to: Self.osUser, actor: fixture["adm"])
    }
    // The token is made by the CLI, acting as qa1 (the OS account is linked to them).
    let made = try Tools.run(Self.executable.path, ["user", "token", "qa1", "--label", "e2e", "--db", path])
    #expect(made.status == 0, "\(made.output)")
    let token = try #require(made.output.split(separator: "\n").first { $0.hasPrefix("cqa_") }.map(String.init))
    #expect(made.output.contains("it is shown only now"))

    let log = folder.appendingPathComponent("serve.log")
    let server = try Self.start(["serve", "--db", path, "--port", "0"], log: log)
    defer { if server.isRunning { server.terminate() } }
    let port = try await Self.port(in: log)

    // While the server runs, the CLI reads the same file.
    let users = try Tools.run(Self.executable.path, ["user", "list", "--db", path])
    #expect(users.status == 0 && users.output.contains("qa1"), "\(users.output)")

    // A request whose body is half sent when SIGTERM arrives is still answered, then the server stops.
    let body = #"{"scorecard":"calib-test","agent":"A1","call":"C-TERM","answers":{"greet":"yes","tone":20,"hold":"yes","slang":0}}"#
    let client = """
      import os, signal, socket, sys, time
      port, token, pid, body = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4].encode()
      s = socket.create_connection(("127.0.0.1", port))
      head = f"POST /api/evaluations HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer {token}\\r\\nContent-Type: application/json\\r\\nContent-Length: {len(body)}\\r\\n\\r\\n"
      s.sendall(head.encode() + body[:20])
      time.sleep(0.5)
      os.kill(pid, signal.SIGTERM)
      time.sleep(0.5)
      s.sendall(body[20:])
      s.settimeout(10)
      reply = b""
      while b"\\r\\n\\r\\n" not in reply:
          chunk = s.recv(65536)
          if not chunk: break
          reply += chunk
      print(reply.split(b"\\r\\n")[0].decode())
      """
    let reply = try Python.run(client, arguments: [String(port), token, String(server.processIdentifier), body])
    #expect(reply.output.hasPrefix("HTTP/1.1 201"), "\(reply.output)")
    let status = await Self.exit(of: server)
    let text = String(decoding: try Data(contentsOf: log), as: UTF8.self)
    #expect(status == 0, "\(text)")
    #expect(text.contains("stopped; database closed"), "\(text)")
    let logged = text.split(separator: "\n").first { $0.contains("path=/api/evaluations") }.map(String.init) ?? ""
    #expect(logged.contains("status=201") && logged.contains("user=qa1") && logged.contains("method=POST"), "the access log: \(text)")
    let wal = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
    #expect(wal.isEmpty, "the WAL was checkpointed into the file on close")
    let db = try QADatabase(path: path)
    let stored = try db.evaluations(EvaluationFilter(agent: "A1")).filter { $0.call == "C-TERM" }
    #expect(stored.map(\.inspector) == ["QA1"])
    #expect(try db.doctor().healthy)
  }

  /// Issue 16's direct HTTPS: `--tls-cert/--tls-key` serve over TLS with a Secure session
  /// cookie; a key that does not read is one line naming it, before anything listens.
  @Test(.enabled(if: Tools.which("openssl") != nil && Tools.which("curl") != nil, "needs openssl and curl"))
  func servesHTTPSWithTheGivenCertificate() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("team.sqlite").path
    do {
      let fixture = try TeamFixture(path: path)
      try fixture.db.setPassword(login: "qa1", password: "password-qa1", actor: fixture["adm"], cost: 4)
    }
    let cert = folder.appendingPathComponent("cert.pem").path
    let key = folder.appendingPathComponent("key.pem").path
    let made = try Tools.run(
      try #require(Tools.which("openssl")),
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"])
    #expect(made.status == 0, "\(made.output)")
    // A key file that is not a key is refused before the server listens
    let bad = folder.appendingPathComponent("bad.pem").path
    try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: bad))
    let refused = try Tools.run(Self.executable.path, ["serve", "--db", path, "--port", "0", "--tls-cert", cert, "--tls-key", bad])
    #expect(refused.status == 1)
    #expect(refused.output.contains("error: \(bad): cannot read a PEM private key"), "\(refused.output)")
    #expect(!refused.output.contains("listening"))
    let half = try Tools.run(Self.executable.path, ["serve", "--db", path, "--port", "0", "--tls-cert", cert])
    #expect(half.status == 64 && half.output.contains("HTTPS needs both --tls-cert and --tls-key"), "\(half.output)")

    let log = folder.appendingPathComponent("serve.log")
    let server = try Self.start(["serve", "--db", path, "--port", "0", "--tls-cert", cert, "--tls-key", key], log: log)
    defer { if server.isRunning { server.terminate() } }
    let port = try await Self.port(in: log, scheme: "https")
    let curl = try #require(Tools.which("curl"))
    // Over HTTPS (the self-signed certificate trusted with --cacert) the server answers
    let health = try Tools.run(curl, ["-s", "--cacert", cert, "--resolve", "localhost:\(port):127.0.0.1", "https://localhost:\(port)/healthz"])
    #expect(health.status == 0 && health.output.contains(#""status" : "ok""#), "\(health.output)")
    // The session cookie is Secure without --secure-cookies
    let signIn = try Tools.run(
      curl,
      [
        "-s", "-k", "-D", "-", "-o", "/dev/null", "-H", "Content-Type: application/json", "-d",
        #"{"login":"qa1","password":"password-qa1"}"#, "https://127.0.0.1:\(port)/api/session",
      ])
    let cookie = try #require(signIn.output.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: callqa_session=") })
    #expect(cookie.contains("Secure") && cookie.contains("HttpOnly"), "\(cookie)")
    // Plain HTTP to the same port gets no answer
    let plain = try Tools.run(curl, ["-s", "-m", "5", "http://127.0.0.1:\(port)/healthz"])
    #expect(plain.status != 0 || !plain.output.contains("status"), "\(plain.output)")
    server.terminate()
    #expect(await Self.exit(of: server) == 0)
  }

  /// `callqa ARGUMENTS` started in the background, its output going to `log`.
  static func start(_ arguments: [String], log: URL) throws -> Process {
    let server = Process()
    server.executableURL = executable
    server.arguments = arguments
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    server.standardOutput = handle
    server.standardError = handle
    server.standardInput = FileHandle.nullDevice
    try server.run()
    return server
  }

  static func folder() throws -> URL {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("callqa-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// The port `callqa serve --port 0` says it listens on.
  static func port(in log: URL, scheme: String = "http") async throws -> Int {
    for _ in 0..<200 {
      let text = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
      if let match = text.firstMatch(of: /listening on (https?):\/\/[^:]+:(\d+)/), match.1 == scheme, let port = Int(match.2) { return port }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw OracleError("callqa serve did not say where it listens: \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))")
  }

  static func exit(of process: Process) async -> Int32 {
    for _ in 0..<400 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
    return process.isRunning ? -1 : process.terminationStatus
  }
}
