/// One row of the scorecard list: the JSON contract of `scorecard list --format json` and of
/// the server's `GET /api/scorecards`, built in one place for both.
public struct ScorecardListing: Hashable, Sendable, Encodable {
  public let key: String
  public let version: Int
  public let title: String
  public let items: Int
  public let passScore: Double
  public let fingerprint: String

  /// The row of `stored`, its title in `language`.
  public init(_ stored: StoredScorecard, language: String) {
    key = stored.scorecard.key
    version = stored.scorecard.version
    title = stored.scorecard.title.resolve(language)
    items = stored.scorecard.allItems.count
    passScore = stored.scorecard.passScore
    fingerprint = stored.fingerprint
  }

  enum CodingKeys: String, CodingKey {
    case key, version, title, items, fingerprint
    case passScore = "pass_score"
  }
}
