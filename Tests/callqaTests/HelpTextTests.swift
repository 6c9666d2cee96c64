import ArgumentParser
import Foundation
import Testing

@testable import callqa

/// In-process parse tests of the command tree (`CallQA.parseAsRoot`), no binary needed.
@Suite("help text: every command group names its subcommands, every listed value is accepted")
struct HelpTextTests {
  /// Every command below `root` with the words of its path (`["report", "weak-areas"]`).
  static func commands(_ root: ParsableCommand.Type = CallQA.self, path: [String] = []) -> [([String], ParsableCommand.Type)] {
    root.configuration.subcommands.flatMap { sub -> [([String], ParsableCommand.Type)] in
      let name = sub.configuration.commandName ?? sub._commandName
      return [(path + [name], sub)] + commands(sub, path: path + [name])
    }
  }

  @Test func everyGroupsOverviewNamesAllItsSubcommands() {
    var missing: [String] = []
    for (path, command) in Self.commands() where !command.configuration.subcommands.isEmpty {
      let abstract = command.configuration.abstract.lowercased()
      for sub in command.configuration.subcommands {
        let name = sub.configuration.commandName ?? sub._commandName
        let words = name.replacingOccurrences(of: "-", with: " ")
        if !abstract.contains(name) && !abstract.contains(words) {
          missing.append("\(path.joined(separator: " ")): '\(command.configuration.abstract)' does not name '\(name)'")
        }
      }
    }
    #expect(missing == [])
  }

  /// Issue 17: the language is chosen the same way on every command.
  @Test func everyCommandTakesLang() {
    var without: [String] = []
    for (path, command) in Self.commands() where command.configuration.subcommands.isEmpty {
      if !CallQA.helpMessage(for: command, columns: 200).contains("--lang <lang>") { without.append(path.joined(separator: " ")) }
    }
    #expect(without == [])
    #expect(throws: (any Error).self) { try CallQA.parseAsRoot(["report", "trend", "--lang", "fr"]) }
  }

  @Test func noUsageLineIsABareOptionsPlaceholder() {
    var bare: [String] = []
    for (path, command) in Self.commands() where command.configuration.subcommands.isEmpty {
      let help = CallQA.helpMessage(for: command, columns: 200)
      if let usage = help.split(separator: "\n").first(where: { $0.hasPrefix("USAGE:") }), usage.hasSuffix(" <options>") {
        bare.append(path.joined(separator: " "))
      }
    }
    #expect(bare == [])
  }

  /// The `(values: a, b, c)` lists of a help text, by option flag.
  static func listedValues(_ help: String) -> [(flag: String, values: [String])] {
    // Join wrapped help lines so a list split over two lines reads as one.
    let text = help.replacingOccurrences(of: #"\n\s+"#, with: " ", options: .regularExpression)
    // A list belongs to the option it follows, never across the next option or section (the
    // usage line's last option is followed by ARGUMENTS, whose lists are the arguments').
    let pattern = try! NSRegularExpression(pattern: #"(--[a-z-]+) <[a-z-]+>(?:(?! --[a-z]| [A-Z]+:).)*?\(values: ([^;)]+)"#)
    let range = NSRange(text.startIndex..., in: text)
    return pattern.matches(in: text, range: range).compactMap { match in
      guard let flag = Range(match.range(at: 1), in: text), let list = Range(match.range(at: 2), in: text) else { return nil }
      return (String(text[flag]), text[list].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }
  }

  @Test func everyListedValueIsAccepted() throws {
    var refused: [String] = []
    var checked = 0
    for (path, command) in Self.commands() where command.configuration.subcommands.isEmpty {
      for (flag, values) in Self.listedValues(CallQA.helpMessage(for: command, columns: 200)) {
        for value in values {
          checked += 1
          do {
            // A format that writes a file needs the file: give one so only the value is judged.
            _ = try CallQA.parseAsRoot(path + [flag, value] + (flag == "--format" ? ["--output", "out.\(value)"] : []))
          } catch {
            // Other required arguments may be missing; what matters is that this value is not the complaint.
            let message = CallQA.message(for: error)
            if message.contains(flag) || message.contains("'\(value)'") {
              refused.append("callqa \(path.joined(separator: " ")) \(flag) \(value): \(message)")
            }
          }
        }
      }
    }
    #expect(refused == [])
    #expect(checked > 50)  // the lists were found: the check checked something
  }
}
