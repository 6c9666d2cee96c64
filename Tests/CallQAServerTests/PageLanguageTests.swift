import CallQAKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TeamFixtures
import Testing

@testable import CallQAServer

/// Issue 17: the pages speak the catalogue's language. Asked in Chinese (`Accept-Language`),
/// no page of any role shows an English message of the catalogue or a catalogue key; asked
/// in English, no Chinese message shows.
@Suite("team server: every page in the language asked for")
struct PageLanguageTests {
  static let pages: [String: [String]] = [
    "adm": ["/admin/users", "/admin/scorecards"], "mgr": ["/dashboard?period=\(Attempt.period)", "/disputes", "/cases"],
    "sup": ["/dashboard?period=\(Attempt.period)"], "trn": ["/cases"], "qa1": ["/queue", "/disputes"], "a1": ["/my"],
  ]

  /// The text a person reads: tags, scripts and styles removed.
  static func visible(_ html: String) -> String {
    var text = html
    for pattern in ["<script[\\s\\S]*?</script>", "<style[\\s\\S]*?</style>", "<[^>]+>"] {
      text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
    }
    return text
  }

  /// The messages of `language` that only it has (not the same in the other language), of two
  /// words or more, without placeholders.
  static func ownMessages(_ language: Language) -> [(MessageKey, String)] {
    let other: Language = language == .zh ? .en : .zh
    return MessageKey.allCases.compactMap { key in
      let text = Messages(language)[key], theirs = Messages(other)[key]
      guard text != theirs, !text.contains("{"), text.split(separator: " ").count >= (language == .en ? 2 : 1), text.count >= 2 else { return nil }
      return (key, text.trimmingCharacters(in: .whitespaces))
    }
  }

  @Test(arguments: Language.allCases) func noPageShowsTheOtherLanguage(_ language: Language) async throws {
    let harness = try ServerHarness()
    try harness.fixture.scored(call: "C-lang")
    let foreign = Self.ownMessages(language == .zh ? .en : .zh)
    let keys = MessageKey.allCases.map(\.rawValue).filter { $0.contains(where: \.isUppercase) }
    try await harness.test { client in
      for (login, paths) in Self.pages {
        let session = try await client.signIn(login)
        for path in paths {
          let page = try await client.send(.get, path, as: session, headers: [.acceptLanguage: language == .zh ? "zh-CN,zh;q=0.9" : "en-GB,en"])
          #expect(page.status == .ok, "\(login) \(path)")
          let text = Self.visible(page.text)
          let shown = foreign.filter { text.contains($0.1) }.map { "\($0.0.rawValue): \($0.1)" }
          #expect(shown.isEmpty, "\(language) \(login) \(path) shows \(shown)")
          let leaked = keys.filter { text.contains(" \($0) ") }
          #expect(leaked.isEmpty, "\(login) \(path): catalogue keys \(leaked)")
        }
      }
    }
  }
}
