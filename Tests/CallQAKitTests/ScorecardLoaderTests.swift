import Foundation
import TestOracles
import Testing

@testable import CallQAKit

/// Paths into the repository, found from this file's location.
enum Repo {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = root.appendingPathComponent("Tests/CallQAKitTests/Fixtures")
  static let schemas = root.appendingPathComponent("Schemas")
  static let scorecards = root.appendingPathComponent("scorecards")

  static func badScorecards() throws -> [URL] {
    let folder = fixtures.appendingPathComponent("scorecards/bad")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
      .map { folder.appendingPathComponent($0) }
  }

  /// The `# key: value` header comments of a fixture.
  static func header(_ url: URL, _ key: String) throws -> String? {
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").first { $0.hasPrefix("# \(key): ") }.map { String($0.dropFirst(key.count + 4)) }
  }
}

@Suite("Scorecard loading and validation")
struct ScorecardLoaderTests {
  @Test func shippedScorecardsLoad() throws {
    let cards = try ShippedScorecards.all()
    #expect(cards.map(\.key) == ["complaint-handling", "inbound-service", "outbound-sales"])
    for card in cards {
      let sectionKeys = Set(card.sections.map(\.key))
      #expect(sectionKeys.isSuperset(of: ["courtesy", "knowledge", "call-control", "escalation", "compliance"]))
      #expect(card.allItems.contains { $0.item.critical == .evaluation }, "\(card.key) has critical items")
      #expect(card.allItems.allSatisfy { $0.item.guidance != nil }, "every item has guidance")
      #expect(card.allItems.allSatisfy { $0.item.title.values["zh"] != nil && $0.item.title.values["en"] != nil })
    }
  }

  @Test func theNewestShippedVersionOfEachScorecardIsVersionTwo() throws {
    let newest = try ShippedScorecards.newest()
    #expect(newest.map(\.key) == (try ShippedScorecards.all().map(\.key)))
    #expect(newest.allSatisfy { $0.version == 2 && !($0.causes ?? []).isEmpty })
  }

  @Test("version 2 of every shipped scorecard ships beside version 1: causes, a group on every item, v1's items unchanged")
  func laterVersionsLoad() throws {
    let paths = try ShippedScorecards.laterVersionPaths()
    #expect(paths.map { ($0 as NSString).lastPathComponent } == ["complaint-handling.yaml", "inbound-service.yaml", "outbound-sales.yaml"])
    let firsts = Dictionary(uniqueKeysWithValues: try ShippedScorecards.all().map { ($0.key, $0) })
    for path in paths {
      let card = try ScorecardLoader.load(path: path)
      #expect(card.version == 2)
      #expect(card.causes?.map(\.key) == ["knowledge", "process", "attitude", "system"])
      #expect(card.allItems.allSatisfy { $0.item.group != nil || $0.item.isBonus }, "\(card.key)")
      #expect(card.allItems.filter { $0.item.critical != .none }.allSatisfy { $0.item.requiresCause }, "\(card.key)")
      // Version 1's items keep their meaning in version 2.
      for (_, item) in try #require(firsts[card.key]).allItems {
        var same = try #require(card.item(item.key))
        same.group = nil
        same.causes = nil
        same.causeRequired = nil
        #expect(same == item, "\(card.key)/\(item.key)")
      }
    }
    let inbound = try ScorecardLoader.load(path: try #require(paths.first { $0.hasSuffix("/inbound-service.yaml") }))
    #expect(inbound.allItems.filter { $0.item.isBonus }.map(\.item.key) == ["outstanding-save"])
    #expect(inbound.sections.first { $0.key == "account" }?.when == .equals(item: "identity-verified", value: "yes"))
  }

  @Test func goodFixtureLoads() throws {
    let card = try ScorecardLoader.load(path: Repo.fixtures.appendingPathComponent("scorecards/good.yaml").path)
    #expect(card.reference == "mini@1")
    #expect(card.title.resolve("zh") == "迷你" && card.title.resolve("fr") == "Mini")
    #expect(card.item("greeting")?.levels.map(\.score) == [10, 5, 0])
    #expect(card.item("three-rings")?.na == true)
    #expect(card.item("privacy")?.critical == .evaluation)
    #expect(card.item("forbidden")?.deduct == 2)
    #expect(!card.hasExplicitWeights)
  }

  @Test("every bad fixture fails with its file:line:column message", arguments: try Repo.badScorecards())
  func badFixture(url: URL) throws {
    let expected = try #require(try Repo.header(url, "expect"))
    do {
      _ = try ScorecardLoader.load(path: url.path)
      Issue.record("\(url.lastPathComponent) was accepted")
    } catch let error as LocatedError {
      if expected.hasPrefix("invalid YAML") {
        #expect(error.message.hasPrefix("invalid YAML"))
      } else {
        #expect(error.description == expected)
      }
      #expect(error.location.file == url.lastPathComponent)
    }
  }

  @Test("the JSON Schema accepts every shipped scorecard and agrees with the validator on the bad fixtures")
  func schemaAgreement() throws {
    let script = """
      import json, sys, yaml, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      for path in sys.argv[2:]:
          try:
              jsonschema.validate(yaml.safe_load(open(path, encoding='utf-8')), schema, cls=jsonschema.Draft202012Validator)
              print(path, 'accepts')
          except Exception:
              print(path, 'rejects')
      """
    // Later shipped versions and the rich fixture use every key of the format (conditions,
    // bonus, causes, groups).
    let shipped =
      try ShippedScorecards.paths() + ShippedScorecards.laterVersionPaths() + [Repo.fixtures.appendingPathComponent("scorecards/rich.yaml").path]
    let bad = try Repo.badScorecards()
    let output = try Python.output(
      script, arguments: [Repo.schemas.appendingPathComponent("scorecard.schema.json").path] + shipped + bad.map(\.path))
    var verdicts: [String: String] = [:]
    for line in output.split(separator: "\n") {
      let parts = line.split(separator: " ")
      verdicts[String(parts[0])] = String(parts[1])
    }
    for path in shipped { #expect(verdicts[path] == "accepts", "\(path)") }
    for url in bad {
      // Each fixture says whether the schema can see its fault; the rest are rules a schema
      // cannot express (listed in the schema's description) and only the validator catches.
      #expect(verdicts[url.path] == (try Repo.header(url, "schema")), "\(url.lastPathComponent)")
    }
    #expect(bad.filter { (try? Repo.header($0, "schema")) == "rejects" }.count >= 12)
  }

  @Test("fingerprint ignores formatting and comments but not meaning")
  func fingerprint() throws {
    let path = Repo.fixtures.appendingPathComponent("scorecards/good.yaml").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let original = try ScorecardLoader.load(text: text, file: "a.yaml")
    let reformatted = try ScorecardLoader.load(
      text: "# a comment\n" + text.replacingOccurrences(of: "title: Courtesy", with: "title:   \"Courtesy\""), file: "b.yaml")
    #expect(try original.fingerprint == (try reformatted.fingerprint))
    let changed = try ScorecardLoader.load(text: text.replacingOccurrences(of: "deduct: 2", with: "deduct: 3"), file: "c.yaml")
    #expect(try original.fingerprint != (try changed.fingerprint))
    #expect(try original.fingerprint.count == 64)
    #expect(try Scorecard.fromCanonicalJSON(original.canonicalJSON()) == original)
  }

  @Test("SHA-256 matches the FIPS 180-4 vectors")
  func sha256Vectors() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}
