/// The scorecards a report names things from: item and section titles, pass and exemplary lines.
///
/// Titles come from the newest version of each scorecard key; thresholds are per stored version.
struct ReportCatalog {
  struct Thresholds {
    var pass: Double
    var exemplary: Double
  }

  /// Scorecard row id → key.
  var keys: [Int64: String] = [:]
  /// Scorecard row id → pass and exemplary scores.
  var thresholds: [Int64: Thresholds] = [:]
  /// Scorecard row id → its definition.
  var definitions: [Int64: Scorecard] = [:]
  /// Newest definition per key.
  var newest: [String: Scorecard] = [:]
  let language: String

  init(_ session: any SQLSession, language: String) throws {
    self.language = language
    for record in try session.fetchAll(ScorecardRecord.self, "SELECT * FROM scorecards ORDER BY key, version") {
      guard let id = record.id else { continue }
      let scorecard = try record.scorecard()
      keys[id] = record.key
      definitions[id] = scorecard
      thresholds[id] = Thresholds(pass: scorecard.passScore, exemplary: scorecard.exemplaryScore)
      newest[record.key] = scorecard
    }
  }

  /// The title of item `item` on scorecard `key`, or the key when unknown.
  func itemTitle(_ key: String, _ item: String) -> String {
    newest[key]?.item(item)?.title.resolve(language) ?? item
  }

  /// The title of section `section` on scorecard `key`, or the key when unknown.
  func sectionTitle(_ key: String, _ section: String) -> String {
    newest[key]?.sections.first { $0.key == section }?.title.resolve(language) ?? section
  }

  /// The position of an item (or section) on its scorecard, for stable ordering of ties.
  func position(_ key: String, _ entry: String) -> Int {
    guard let scorecard = newest[key] else { return Int.max }
    if let index = scorecard.allItems.firstIndex(where: { $0.item.key == entry }) { return index }
    return scorecard.sections.firstIndex { $0.key == entry } ?? Int.max
  }
}
