import ArgumentParser
import CallQAKit
import CallQAServer
import Dispatch
import Foundation

extension CallQA {
  /// `callqa serve`: the team server over one database file.
  struct Serve: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractRunTeamServer),
      discussion: Terminal.help(.discussionServe))
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpAddressListen))) var host = "127.0.0.1"
    @Option(help: ArgumentHelp(Terminal.help(.helpPortListenAny))) var port = 8080
    @Option(help: ArgumentHelp(Terminal.help(.helpPemCertificateChain))) var tlsCert: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPemPrivateKey))) var tlsKey: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpMarkSessionCookie))) var secureCookies = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpTakeClientAddress))) var trustProxy = false
    @Option(help: ArgumentHelp(Terminal.help(.helpLargestRequestBody))) var maxBody = 1 << 20
    @Option(help: ArgumentHelp(Terminal.help(.helpPostgresPool))) var pool = 8
    @Option(help: ArgumentHelp(Terminal.help(.helpFolderRelativeRecording)))
    var media: String?
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard (0...65535).contains(port) else { throw ValidationError(Terminal.words(.errPortMustBetween)) }
      guard maxBody >= 1024 else { throw ValidationError(Terminal.words(.errMaxBodyMust)) }
      guard (1...200).contains(pool) else { throw ValidationError(Terminal.words(.errPoolMustBetween)) }
      guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError(Terminal.words(.errHttpsNeedsBoth)) }
    }

    func execute() throws {
      let db = try database.openForServer(poolSize: pool)
      if try db.isSingleDesk() {
        throw CallQAError(.errDatabaseHasNo)
      }
      let folder = database.folder
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
              "callqa serve: listening on \(tls == nil ? "http" : "https")://\(host):\(port) (database \(database.displayName)); Ctrl-C or SIGTERM stops")
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
      abstract: Terminal.help(.abstractMakeApiToken))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpLoginName))) var login: String
    @Option(help: ArgumentHelp(Terminal.help(.helpWhatTokenShown))) var label = ""
    @Flag(help: ArgumentHelp(Terminal.help(.helpRevokeEveryToken))) var revoke = false
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
