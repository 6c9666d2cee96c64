import Foundation

/// The PostgreSQL server the engine tests run against: `$CALLQA_TEST_POSTGRES_URL` (the admin
/// URL `.ci/run` exports after starting a throwaway cluster with
/// `scripts/postgres-test-cluster.sh`), else a cluster this test process starts itself with
/// that script when a PostgreSQL server is installed, else none (the tests that need one are
/// skipped with a message, which fails CI).
public enum PostgresServer {
  /// The admin URL (`postgresql://user@host:port/postgres`), nil when no server can be had.
  public static let adminURL: String? = {
    if let url = ProcessInfo.processInfo.environment["CALLQA_TEST_POSTGRES_URL"], !url.isEmpty { return url }
    return startOwnCluster()
  }()

  /// True when a server is there.
  public static var available: Bool { adminURL != nil }

  /// The message of a skipped test.
  public static let needed = "needs PostgreSQL (apt-get install postgresql; .ci/run starts a throwaway cluster)"

  /// A new empty database on the server, and its URL.
  public static func freshDatabase(_ prefix: String = "callqa_t") throws -> String {
    guard let adminURL else { throw OracleError("no PostgreSQL server: \(needed)") }
    let name = prefix + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    try psql("CREATE DATABASE \(name)")
    return url(adminURL, database: name)
  }

  /// Runs `sql` through `psql` on `database` (the admin database by default), as the cluster's
  /// owner or as `user`; returns what psql printed (unaligned, tuples only).
  @discardableResult
  public static func psql(_ sql: String, database: String = "postgres", user: String? = nil) throws -> String {
    guard let adminURL, var components = URLComponents(string: adminURL) else {
      throw OracleError("no PostgreSQL server: \(needed)")
    }
    components.path = "/" + database
    if let user { components.user = user }
    guard let psql = Tools.which("psql") else { throw OracleError("psql is missing") }
    let (status, output) = try Tools.run(
      psql, [components.string ?? adminURL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
    guard status == 0 else { throw OracleError("psql failed (\(status)): \(output)") }
    return output
  }

  /// `adminURL` naming another database.
  public static func url(_ adminURL: String, database: String, user: String? = nil) -> String {
    guard var components = URLComponents(string: adminURL) else { return adminURL }
    components.path = "/" + database
    if let user { components.user = user }
    return components.string ?? adminURL
  }

  private static func startOwnCluster() -> String? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/postgres-test-cluster.sh").path
    guard FileManager.default.fileExists(atPath: script), Tools.which("psql") != nil else { return nil }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-pg-\(getpid())").path
    let port = 40000 + Int(getpid() % 20000)
    // posix_spawn and waitpid, not Foundation's Process: this runs inside a static
    // initializer during test discovery, where Process never saw its child exit.
    let output = folder + ".url"
    guard shell("bash '\(script)' start '\(folder)' \(port) > '\(output)' 2>&1") == 0,
      let url = try? String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").last.map(String.init)
    else { return nil }
    OwnCluster.stop = "bash '\(script)' stop '\(folder)' > /dev/null 2>&1; rm -rf '\(folder)' '\(output)'"
    atexit { _ = shell(OwnCluster.stop) }
    return url
  }
}

/// Runs `command` through `/bin/sh -c` and returns its exit status.
private func shell(_ command: String) -> Int32 {
  var pid: pid_t = 0
  let arguments = ["/bin/sh", "-c", command]
  var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { return -1 }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
  return (status >> 8) & 0xff
}

/// The cluster to stop when the test process exits (a C `atexit` handler cannot capture).
private enum OwnCluster {
  nonisolated(unsafe) static var stop = ""
}
