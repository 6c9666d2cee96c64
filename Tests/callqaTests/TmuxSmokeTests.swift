import Foundation
import Testing

/// Drives `callqa score` in a real terminal (tmux): prompts, answers typed with send-keys,
/// colours on a TTY, Ctrl-C keeping the draft. Skipped with a message when tmux is missing.
@Suite("callqa score in a real terminal (tmux)")
struct TmuxSmokeTests {
  static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].contains {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// One private tmux server (its own socket in the test's folder), killed at the end.
  struct Server {
    let tmux: String
    let socket: String

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
      let process = Process()
      // Through python3, which closes every descriptor above 2 and unblocks all signals before
      // exec'ing tmux: Foundation's Process watches its child with an inherited socket (the
      // tmux server would keep it open and waitUntilExit would never return), and children
      // inherit the test runner's blocked signals (Ctrl-C and kill-server would not get through).
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments =
        [
          "python3", "-c",
          "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.closerange(3, 65536); os.execv(sys.argv[1], sys.argv[1:])",
          tmux, "-S", socket,
        ] + arguments
      // Output goes to a file, not a pipe: the tmux server forked by new-session would keep
      // a pipe open and a read to its end would never return.
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-tmux-\(UUID().uuidString).out")
      _ = FileManager.default.createFile(atPath: file.path, contents: nil)
      defer { try? FileManager.default.removeItem(at: file) }
      let handle = try FileHandle(forWritingTo: file)
      process.standardOutput = handle
      process.standardError = FileHandle.nullDevice
      process.standardInput = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      try handle.close()
      return String(decoding: try Data(contentsOf: file), as: UTF8.self)
    }

    /// The pane's text (with history); `escapes` keeps the colour codes.
    func screen(escapes: Bool = false, _ target: String = "smoke") throws -> String {
      try run(["capture-pane", "-p", "-J", "-S", "-300", "-t", target] + (escapes ? ["-e"] : []))
    }

    /// Waits up to 20 s for `text` on the screen.
    func waitFor(_ text: String, _ target: String = "smoke") throws -> Bool {
      let deadline = Date().addingTimeInterval(20)
      while Date() < deadline {
        if try screen(target).contains(text) { return true }
        Thread.sleep(forTimeInterval: 0.1)
      }
      return false
    }

    func type(_ line: String) throws { try run(["send-keys", "-t", "smoke", "-l", line]); try run(["send-keys", "-t", "smoke", "Enter"]) }
  }

  @Test(.enabled(if: tmux != nil && python, "tmux or python3 is not installed: the TTY smoke test of `callqa score` is skipped"))
  func scoreTypeAndInterruptInATerminal() throws {
    let cli = try InteractiveScoringTests.prepared()
    defer { cli.cleanUp() }
    let server = Server(tmux: try #require(Self.tmux), socket: cli.directory.appendingPathComponent("tmux.sock").path)
    defer { _ = try? server.run(["kill-server"]) }
    let command = """
      cd '\(cli.directory.path)' && env -u NO_COLOR TERM=xterm-256color LANG=C.UTF-8 '\(CLIHarness.executable.path)' \
      score --db qa.sqlite --scorecard inbound-service --agent A001 --call C-TTY --inspector QA1 --lang zh; \
      echo "EXIT=$?"; read _
      """
    try server.run(["new-session", "-d", "-s", "smoke", "-x", "120", "-y", "40", command])
    // The first item is asked with its Chinese title and guidance
    #expect(try server.waitFor("[1/17] three-rings（y/n） > "), "\((try? server.screen()) ?? "")")
    #expect(try server.screen().contains("三声铃响内接听"))
    // colours on a TTY: the prompt is bold
    #expect(try server.screen(escapes: true).contains("\u{1B}["))
    #expect(try !server.screen().contains("\u{1B}["))
    try server.type("y")
    #expect(try server.waitFor("[2/17] greeting"))
    try server.type("7")
    // the refusal reads in the session's language (issue 17), the codes as they are
    #expect(try server.waitFor("✗ 7 不是档位分（可选：10、5、0）；请重新输入"))
    try server.type("2")
    #expect(try server.waitFor("[3/17] enunciation"))
    // the terminal echoes what was typed once (callqa echoes only when stdin is not a TTY)
    let lines = try server.screen().split(separator: "\n").map(String.init)
    #expect(lines.contains("[1/17] three-rings（y/n） > y"))
    #expect(!lines.contains("y"))
    // Ctrl-C leaves the draft and exits with 130
    try server.run(["send-keys", "-t", "smoke", "C-c"])
    #expect(try server.waitFor("EXIT=130"), "\((try? server.screen()) ?? "")")
    #expect(try server.screen().contains("已中断：草稿 #1 已保留；用 `callqa score --resume 1` 继续"))
    let drafts = try cli.ok(["evaluation", "list", "--status", "draft"])
    #expect(drafts.contains("C-TTY"))
    // NO_COLOR on a terminal: the resumed session shows no colour codes
    let plain = """
      cd '\(cli.directory.path)' && env NO_COLOR=1 TERM=xterm-256color LANG=C.UTF-8 '\(CLIHarness.executable.path)' \
      score --db qa.sqlite --resume 1 --lang en; echo "EXIT=$?"; read _
      """
    try server.run(["new-session", "-d", "-s", "plain", "-x", "120", "-y", "40", plain])
    #expect(try server.waitFor("[3/17] enunciation", "plain"), "\((try? server.screen("plain")) ?? "")")
    #expect(try !server.screen(escapes: true, "plain").contains("\u{1B}["))
    try server.run(["send-keys", "-t", "plain", "C-c"])
    #expect(try server.waitFor("EXIT=130", "plain"))
  }

  /// Issue #18's terminal test: listening (`p`, `s`), reading (`t`) and the overall comment,
  /// typed in a real terminal, with a stand-in ffplay first on PATH recording how it was run.
  @Test(.enabled(if: tmux != nil && python, "tmux or python3 is not installed: the TTY test of listening while scoring is skipped"))
  func listenReadAndCommentInATerminal() throws {
    let cli = try ListeningWhileScoringTests.prepared()
    defer { cli.cleanUp() }
    let bin = try ListeningWhileScoringTests.player(cli, "ffplay")
    let server = Server(tmux: try #require(Self.tmux), socket: cli.directory.appendingPathComponent("tmux.sock").path)
    defer { _ = try? server.run(["kill-server"]) }
    let command = """
      cd '\(cli.directory.path)' && env PATH='\(bin)':/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1 \
      '\(CLIHarness.executable.path)' score --db qa.sqlite --scorecard inbound-service --agent A001 --call C-1 \
      --inspector QA1 --lang en; echo "EXIT=$?"; read _
      """
    try server.run(["new-session", "-d", "-s", "smoke", "-x", "160", "-y", "50", command])
    #expect(try server.waitFor("[1/17] three-rings (y/n) [auto: yes] > "), "\((try? server.screen()) ?? "")")
    #expect(try server.screen().contains("p plays from 00:00.2 (the evidence is at 00:03.2, line 1)"))
    try server.type("p")
    #expect(try server.waitFor("▶ playing from 00:00.2 with ffplay (s stops)"), "\((try? server.screen()) ?? "")")
    try server.type("t")
    #expect(try server.waitFor("utterances 1–7 of 7; t: from the start"))
    #expect(try server.screen().contains("▸1  [00:03.2] 坐席: 您好，很高兴为您服务"))
    try server.type("s")
    #expect(try server.waitFor("■ stopped"))
    for line in ScoringScript.inbound.lines { try server.type(line) }
    #expect(try server.waitFor("overall comment (Enter: none, - removes it) > "), "\((try? server.screen()) ?? "")")
    try server.type("开头语不完整，其余规范")
    #expect(try server.waitFor("s submit · e edit an item · c comment"))
    try server.type("s")
    #expect(try server.waitFor("EXIT=0"), "\((try? server.screen()) ?? "")")
    #expect(try server.screen().contains("evaluation #1 submitted"))
    // The player was run with the evidence's lead-in and the recording, and stopped by s
    let recording = cli.directory.appendingPathComponent("C-1.wav").standardizedFileURL.path
    let plays = try ListeningWhileScoringTests.plays(cli)
    #expect(plays == ["start", "-nodisp", "-autoexit", "-ss", "0.2", recording, "stopped"], "\(plays)")
    // The comment is stored with the evaluation and shown
    #expect(try cli.ok(["evaluation", "show", "1"]).contains("comment: 开头语不完整，其余规范"))
  }
}
