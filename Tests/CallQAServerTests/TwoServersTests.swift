import CallQAKit
import Foundation
import TeamFixtures
import TestOracles
import Testing

/// Issue 21's "done when": two `callqa serve` processes on one PostgreSQL database, inspectors
/// submitting at once through both — nothing lost, nothing counted twice — and a server
/// killed mid-request loses nothing it accepted and leaves nothing half-written.
@Suite(
  .serialized, .enabled(if: PostgresServer.available, "\(PostgresServer.needed)"),
  .enabled(if: Python.executable != nil, "needs python3"))
struct TwoServersTests {
  /// Concurrent HTTP clients: `python3 - PORTS TOKENS JOBS [KILL_PID AFTER]`, where a job is
  /// `server-index token-index call`; prints one JSON line per job: the call, the inspector's
  /// token index, the HTTP status (0 when the connection broke) and the id given.
  static let client = #"""
    import http.client, json, os, signal, sys, threading, time
    from concurrent.futures import ThreadPoolExecutor
    ports, tokens, jobs = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
    kill_pid, kill_after = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) > 5 else (0, 0)
    answered, lock = [0], threading.Lock()
    def submit(job):
        server, token, call, started = job
        payload = json.dumps({"scorecard": "calib-test", "agent": "A1", "call": call, "call_started_at": started,
                              "answers": {"greet": "yes", "tone": 20, "hold": "yes", "slang": 0}})
        # A 503 (the database busy past its retries, under a loaded machine) is sent again,
        # as a client honouring Retry-After would; it was refused, not accepted.
        for attempt in range(8):
            try:
                c = http.client.HTTPConnection("127.0.0.1", ports[server], timeout=60)
                c.request("POST", "/api/evaluations", payload, {"Authorization": "Bearer " + tokens[token], "Content-Type": "application/json"})
                r = c.getresponse()
                reply = json.loads(r.read() or b"{}")
                result = {"call": call, "token": token, "status": r.status, "id": reply.get("id")}
            except Exception as error:
                result = {"call": call, "token": token, "status": 0, "id": None}
            if result["status"] != 503:
                break
            time.sleep(0.2 * (attempt + 1))
        with lock:
            answered[0] += 1
            if kill_pid and answered[0] == kill_after:
                os.kill(kill_pid, signal.SIGKILL)
        return result
    with ThreadPoolExecutor(max_workers=12) as pool:
        for result in pool.map(submit, jobs):
            print(json.dumps(result))
    """#

  struct Reply: Decodable {
    var call: String
    var token: Int
    var status: Int
    var id: Int64?
  }

  /// Runs the client; its replies.
  static func submit(ports: [Int], tokens: [String], jobs: [(server: Int, token: Int, call: String)], kill: (pid: Int32, after: Int)? = nil)
    throws -> [Reply]
  {
    func json(_ value: Any) throws -> String { String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self) }
    var arguments = [
      try json(ports), try json(tokens), try json(jobs.map { [$0.server, $0.token, $0.call, TeamFixture.callTime] as [Any] }),
    ]
    if let kill { arguments += [String(kill.pid), String(kill.after)] }
    let run = try Python.run(client, arguments: arguments)
    guard run.status == 0 else { throw OracleError("the client failed: \(run.output)") }
    return try run.output.split(separator: "\n").filter { $0.hasPrefix("{") }.map {
      try JSONDecoder().decode(Reply.self, from: Data($0.utf8))
    }
  }

  /// A PostgreSQL database with the team fixture, tokens for qa1 and qa2, and two servers on it.
  final class TwoServers {
    let url: String
    let db: QADatabase
    let tokens: [String]
    let folder: URL
    var servers: [Process] = []
    var ports: [Int] = []

    init() async throws {
      url = try PostgresServer.freshDatabase()
      folder = try ServeEndToEndTests.folder()
      let fixture = try TeamFixture(database: try QADatabase(location: try DatabaseLocation(url)))
      db = fixture.db
      tokens = try ["qa1", "qa2"].map { try fixture.db.createAPIToken(login: $0, actor: fixture["adm"]).token }
      for index in 0..<2 { try await start(index) }
    }

    /// Starts (or restarts) server `index`.
    func start(_ index: Int) async throws {
      let log = folder.appendingPathComponent("serve-\(index)-\(UUID().uuidString).log")
      let server = try ServeEndToEndTests.start(["serve", "--db", url, "--port", "0", "--pool", "6"], log: log)
      let port = try await ServeEndToEndTests.port(in: log)
      if index < servers.count {
        servers[index] = server
        ports[index] = port
      } else {
        servers.append(server)
        ports.append(port)
      }
    }

    func stop() {
      for server in servers where server.isRunning { server.terminate() }
      try? FileManager.default.removeItem(at: folder)
    }

    /// The counted (first-opinion, submitted) evaluations per call, and by whom.
    func counted() throws -> [String: [String]] {
      var byCall: [String: [String]] = [:]
      for evaluation in try db.evaluations(EvaluationFilter(agent: "A1")) {
        byCall[evaluation.call, default: []].append(evaluation.inspector)
      }
      return byCall
    }
  }

  @Test func inspectorsRacingThroughTwoServersLoseNothingAndCountNothingTwice() async throws {
    let team = try await TwoServers()
    defer { team.stop() }
    // Each of 40 calls submitted at the same moment by qa1 through one server and qa2 through the other…
    let race = (0..<40).flatMap { [(server: 0, token: 0, call: "C-RACE-\($0)"), (server: 1, token: 1, call: "C-RACE-\($0)")] }
    // …and 60 calls submitted once each, alternately through both.
    let distinct = (0..<60).map { (server: $0 % 2, token: ($0 / 2) % 2, call: "C-ONE-\($0)") }
    let replies = try Self.submit(ports: team.ports, tokens: team.tokens, jobs: race + distinct)
    #expect(replies.count == race.count + distinct.count)
    let byCall = Dictionary(grouping: replies, by: \.call)
    for index in 0..<40 {
      let statuses = (byCall["C-RACE-\(index)"] ?? []).map(\.status).sorted()
      #expect(statuses == [201, 409], "C-RACE-\(index): \(statuses)")
    }
    for index in 0..<60 {
      #expect(byCall["C-ONE-\(index)"]?.map(\.status) == [201], "C-ONE-\(index)")
    }
    // What was accepted is stored, once, by the inspector it was accepted from.
    let counted = try team.counted()
    #expect(counted.count == 100)
    #expect(counted.values.allSatisfy { $0.count == 1 })
    for reply in replies where reply.status == 201 {
      #expect(counted[reply.call] == [reply.token == 0 ? "QA1" : "QA2"], "\(reply.call)")
    }
    let report = try team.db.doctor()
    #expect(report.healthy, "\(report.findings.map(\.message))")
  }

  @Test func aServerKilledMidRequestLosesNothingItAcceptedAndTheOtherCarriesOn() async throws {
    let team = try await TwoServers()
    defer { team.stop() }
    let calls = (0..<60).map { "C-KILL-\($0)" }
    let victim = team.servers[0]
    // All 60 through server 0, twelve at a time; it is killed (SIGKILL) after the 15th answer.
    let replies = try Self.submit(
      ports: team.ports, tokens: team.tokens, jobs: calls.map { (server: 0, token: 0, call: $0) },
      kill: (victim.processIdentifier, 15))
    victim.waitUntilExit()
    let accepted = replies.filter { $0.status == 201 }
    let broken = replies.filter { $0.status == 0 }
    #expect(accepted.count >= 15 && !broken.isEmpty, "accepted \(accepted.count), broken \(broken.count)")
    #expect(accepted.count + broken.count == calls.count, "\(replies.map(\.status))")
    // Every accepted evaluation is stored; nothing is half-written.
    var counted = try team.db.evaluations(EvaluationFilter(agent: "A1"))
    let stored = Set(counted.map(\.id))
    for reply in accepted { #expect(reply.id.map(stored.contains) == true, "\(reply.call) #\(reply.id ?? 0)") }
    #expect(try team.db.doctor().healthy)
    // The inspector sends again, through the other server, what got no answer: each is stored
    // now (201) or was stored before the kill (409), never twice.
    let again = try Self.submit(ports: team.ports, tokens: team.tokens, jobs: broken.map { (server: 1, token: 0, call: $0.call) })
    #expect(again.allSatisfy { [201, 409].contains($0.status) }, "\(again.map(\.status))")
    counted = try team.db.evaluations(EvaluationFilter(agent: "A1"))
    #expect(Set(counted.map(\.call)) == Set(calls))
    #expect(counted.count == calls.count)
    // A restarted server carries on.
    try await team.start(0)
    let after = try Self.submit(ports: team.ports, tokens: team.tokens, jobs: [(server: 0, token: 1, call: "C-AFTER")])
    #expect(after.map(\.status) == [201])
    #expect(try team.db.doctor().healthy)
  }
}
