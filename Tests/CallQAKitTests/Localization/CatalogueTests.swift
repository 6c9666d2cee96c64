import Testing

@testable import CallQAKit

/// The message catalogue: both languages hold every key, with the same placeholders, and the
/// language is chosen as documented.
@Suite struct CatalogueTests {
  @Test(arguments: Language.allCases) func everyKeyHasAMessage(_ language: Language) {
    let table = Messages.table(language)
    let missing = MessageKey.allCases.filter { (table[$0] ?? "").isEmpty }
    #expect(missing.isEmpty, "\(language): no message for \(missing.map(\.rawValue))")
    #expect(table.count == MessageKey.allCases.count)
  }

  @Test func bothLanguagesUseTheSamePlaceholders() {
    for key in MessageKey.allCases {
      let en = Messages.placeholders(MessageTable.en[key] ?? ""), zh = Messages.placeholders(MessageTable.zh[key] ?? "")
      #expect(en == zh, "\(key.rawValue): en uses \(en.sorted()), zh \(zh.sorted())")
    }
  }

  @Test func pluralFormsAreEnglishOnly() {
    // A plural form is `{N:one|other}`; a bare `|` (`csv|xlsx|html` in a help text) is not one.
    let plural = MessageKey.allCases.filter { (MessageTable.zh[$0] ?? "").range(of: #"\{[0-9]+:[^}]*\|"#, options: .regularExpression) != nil }
    #expect(plural.isEmpty, "Chinese messages with plural forms: \(plural.map(\.rawValue))")
  }

  @Test func chineseSentencesUseFullWidthPunctuation() {
    for key in MessageKey.allCases {
      let zh = MessageTable.zh[key] ?? ""
      guard zh.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else { continue }
      // A comma or semicolon after a Chinese word is full width (，；); ASCII stays in code and formulas.
      let scalars = Array(zh.unicodeScalars)
      let ascii = scalars.indices.dropFirst().filter { i in
        [",", ";", ":"].contains(scalars[i]) && (0x4E00...0x9FFF).contains(scalars[i - 1].value)
      }.map { String(scalars[$0]) }
      #expect(ascii.isEmpty, "\(key.rawValue): ASCII punctuation \(ascii) in '\(zh)'")
    }
  }

  @Test func placeholdersAndPluralsAreFilledIn() {
    #expect(Messages.format("{0} of {1}", ["3", "46"]) == "3 of 46")
    #expect(Messages.format("{0} evaluation{0:|s}", ["1"]) == "1 evaluation")
    #expect(Messages.format("{0} evaluation{0:|s}", ["2"]) == "2 evaluations")
    #expect(Messages.format("{0} {0:item|items}", ["0"]) == "0 items")
    #expect(Messages.format("{2} stays", ["a"]) == "{2} stays")
  }

  @Test func chineseDatesReadAsYearAndMonth() {
    let zh = Messages(.zh), en = Messages(.en)
    #expect(zh.month("2026-11") == "2026年11月")
    #expect(zh.date("2026-11-05") == "2026年11月5日")
    #expect(en.month("2026-11") == "2026-11")
  }

  @Test func theLanguageComesFromTheFlagThenTheEnvironment() {
    #expect(Language.resolve(flag: "zh", environment: ["CALLQA_LANG": "en"]) == .zh)
    #expect(Language.resolve(flag: nil, environment: ["CALLQA_LANG": "zh-Hans", "LANG": "en_US.UTF-8"]) == .zh)
    #expect(Language.resolve(flag: nil, environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
    #expect(Language.resolve(flag: nil, environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]) == .en)
    #expect(Language.resolve(flag: nil, environment: ["LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US"]) == .zh)
    #expect(Language.resolve(flag: nil, environment: ["LC_ALL": "", "LANG": "zh_CN"]) == .zh)
    #expect(Language.resolve(flag: nil, environment: [:]) == .en)
    #expect(Language.fromAcceptLanguage("fr;q=1, zh-CN;q=0.8, en;q=0.9") == .en)
    #expect(Language.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8") == .zh)
  }

  @Test func theScoringSessionAsksInItsLanguage() throws {
    let card = try #require(try ShippedScorecards.all().first { $0.key == "inbound-service" })
    var zh = ScoringSession(scorecard: card, language: "zh")
    let opening = zh.start()
    #expect(opening.lines.first?.contains("输入 ? 查看帮助") == true)
    #expect(opening.prompt?.hasPrefix("[1/") == true)
    #expect(zh.handle("maybe").lines.first?.contains("请重新输入") == true)
    var en = ScoringSession(scorecard: card, language: "en")
    #expect(en.start().lines.first?.contains("Type ? for help.") == true)
    // No message of the session is written in the library: every line comes from the catalogue.
    #expect(!Messages(.zh)[.sessionMenu].contains("submit"))
  }
}
