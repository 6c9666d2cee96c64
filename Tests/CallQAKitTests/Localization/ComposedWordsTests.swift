import Testing

@testable import CallQAKit

/// Issue 17: the words the library composes into an error (a YAML value's place, what a
/// reader describes a value as, a read's subject, an action a role may not take) are catalogue
/// phrases: the Chinese error is Chinese apart from keys, codes and names, the English one
/// reads as it always did.
@Suite struct ComposedWordsTests {
  static let card = """
    key: words-test
    version: 1
    title: Words
    pass_score: 80
    exemplary_score: 95
    sections:
      - key: opening
        title: Opening
        items:
          - key: greeting
            title: Greets
            type: yesno
            points: many
    """

  /// The error of loading `text` in both languages.
  static func failure(_ text: String) throws -> (en: String, zh: String) {
    do {
      _ = try ScorecardLoader.load(text: text, file: "card.yaml")
    } catch let error as LocatedError {
      return (error.description(Messages(.en)), error.description(Messages(.zh)))
    }
    Issue.record("the scorecard loaded")
    return ("", "")
  }

  @Test func aScorecardItemsPlaceReadsInChinese() throws {
    let (en, zh) = try Self.failure(Self.card)
    #expect(en.hasSuffix("item 'greeting': points must be a number"), "\(en)")
    #expect(zh.contains("项目“greeting”：points 必须是数字"), "\(zh)")
    #expect(!zh.contains("item"), "\(zh)")
  }

  @Test func aSectionsPlaceAndADescribedValueReadInChinese() throws {
    let section = Self.card.replacingOccurrences(of: "title: Opening", with: "title: Opening\n    weight: heavy")
    let (en, zh) = try Self.failure(section)
    #expect(en.hasSuffix("section 'opening': weight must be a number"), "\(en)")
    #expect(zh.contains("环节“opening”：weight 必须是数字"), "\(zh)")
    let level = Self.card.replacingOccurrences(
      of: "type: yesno\n        points: many", with: "type: scale\n        points: 10\n        levels:\n          - {score: high, label: Full}")
    let (levelEn, levelZh) = try Self.failure(level)
    #expect(levelEn.hasSuffix("item 'greeting': level score must be a number"), "\(levelEn)")
    #expect(levelZh.contains("项目“greeting”：档位分 必须是数字"), "\(levelZh)")
    let notMapping = try Self.failure("- just\n- a list\n")
    #expect(notMapping.en.contains("expected a scorecard mapping (key, version, title, sections, …)"), "\(notMapping.en)")
    #expect(notMapping.zh.contains("应为评分表映射（key、version、title、sections 等）"), "\(notMapping.zh)")
  }

  @Test func aRefusedActionAndAReadsSubjectReadInChinese() throws {
    let supervisor = Actor(user: User(id: 1, login: "sup", displayName: "Sup", role: .supervisor, teams: ["T1"]))
    do {
      try Policy.requireOwnTeam(supervisor, "T2", what: .phrase(.whatAssignCalls))
      Issue.record("the supervisor was let through")
    } catch let error as CallQAError {
      #expect(error.message(Messages(.en)).hasSuffix("may assign calls only for one of their teams (T1)"), "\(error.message(Messages(.en)))")
      #expect(error.message(Messages(.zh)).contains("只能为其负责的班组之一分配通话（T1）"), "\(error.message(Messages(.zh)))")
    }
    let subject = LocalizedMessage(.errMayReadTeam, [MessageArgument.phrase(.whatWeakAreas), "T2"])
    #expect(subject.rendered(Messages(.en)) == "may not read weak areas of team T2: not one of theirs")
    #expect(subject.rendered(Messages(.zh)) == "不能查看班组 T2 的薄弱环节：不是其负责的班组")
  }
}
