import ArgumentParser
import CallQAKit
import CallQAServer
import Dispatch
import Foundation

extension CallQA {
  /// `callqa serve`: the team server over one database file.
  struct Serve: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the team server: the web pages and the JSON API over this database.",
      discussion: """
        One server process owns the database; the CLI keeps working on the same file while it \
        runs. People sign in with their callqa user and password (`callqa user passwd`); scripts \
        send `Authorization: Bearer TOKEN` (`callqa user token`). SIGTERM or Ctrl-C stops \
        accepting, lets requests in flight finish, then closes the database. For HTTPS, either \
        give --tls-cert and --tls-key (PEM files; the session cookie is then Secure), or run it \
        behind a reverse proxy and pass --secure-cookies (and --trust-proxy when the proxy sets \
        X-Forwarded-For). The API is described at /openapi.yaml.
        """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port, printed).") var port = 8080
    @Option(help: "PEM certificate chain for HTTPS (with --tls-key).") var tlsCert: String?
    @Option(help: "PEM private key of --tls-cert.") var tlsKey: String?
    @Flag(help: "Mark the session cookie Secure (behind an HTTPS reverse proxy).") var secureCookies = false
    @Flag(help: "Take the client address from X-Forwarded-For (only behind a proxy that sets it).") var trustProxy = false
    @Option(help: "Largest request body accepted, in bytes.") var maxBody = 1 << 20
    @Option(help: "Folder relative recording and transcript paths are resolved against (default: the database's folder).")
    var media: String?
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
      guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes") }
      guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("HTTPS needs both --tls-cert and --tls-key") }
    }

    func execute() throws {
      let db = try database.open()
      if try db.isSingleDesk() {
        throw CallQAError(
          "this database has no users, so nobody could sign in: add an admin first (`callqa user add LOGIN --name NAME --role admin`, then `callqa user passwd LOGIN`)"
        )
      }
      let folder = URL(fileURLWithPath: database.path).deletingLastPathComponent().path
      let tls = tlsCert.map { ServerTLS(certificateChain: $0, privateKey: tlsKey ?? "") }
      let options = ServerOptions(
        host: host, port: port, tls: tls, secureCookies: secureCookies, trustProxy: trustProxy, maxBodyBytes: maxBody,
        mediaRoot: media ?? folder)
      let outcome = Outcome()
      let done = DispatchSemaphore(value: 0)
      Task {
        do {
          try await TeamServerRunner.run(database: db, options: options) { port in
            Console.err(
              "callqa serve: listening on \(tls == nil ? "http" : "https")://\(host):\(port) (database \(database.path)); Ctrl-C or SIGTERM stops")
          }
        } catch {
          outcome.error = error
        }
        done.signal()
      }
      done.wait()
      if let error = outcome.error { throw error }
      try db.close()
      Console.err("callqa serve: stopped; database closed")
    }

    /// The server task's failure, handed back to the waiting thread.
    final class Outcome: @unchecked Sendable {
      private let lock = NSLock()
      private var stored: (any Error)?
      var error: (any Error)? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
      }
    }
  }
}

extension CallQA.UserCommand {
  /// `callqa user token LOGIN`: an API token for scripts, printed once.
  struct Token: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Make an API token for the team server (printed once; only its SHA-256 is kept), or --revoke them all.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Login name.") var login: String
    @Option(help: "What the token is for (shown in the audit trail).") var label = ""
    @Flag(help: "Revoke every token of this user instead.") var revoke = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let actor = try db.terminalActor()
      if revoke {
        let count = try db.revokeAPITokens(login: login, actor: actor)
        return Console.out("revoked \(count) token\(count == 1 ? "" : "s") of \(login)")
      }
      let token = try db.createAPIToken(login: login, label: label, actor: actor)
      if output.format == .json { return try printJSON(token) }
      Console.out(token.token)
      Console.err("token \(token.id) for \(login): send it as `Authorization: Bearer TOKEN`; it is shown only now")
    }
  }
}
