/// Everything an exported case library says, already redacted (and anonymised when asked):
/// the writers (Markdown, HTML, JSON, ZIP) only lay it out. Its JSON form is the manifest
/// described by `Schemas/case-library.schema.json`.
public struct CaseLibrary: Hashable, Sendable, Encodable {
  public var format = "callqa-case-library"
  public var version = 1
  public var generatedAt: String
  public var language: String
  public var anonymised: Bool
  public var cases: [Entry]
  /// Skill key → ids of the cases teaching it, skills in first-seen order.
  public var bySkill: [SkillGroup]
  /// Level (`beginner`, `intermediate`, `advanced`, `unspecified`) → case ids.
  public var byLevel: [LevelGroup]
  /// Things a trainer should know (missing recordings, whole files copied).
  public var problems: [String]
  /// The audit chain's last row when the library was made: a copy kept with the library
  /// witnesses the history its cases come from.
  @NullEncoded public var auditHead: AuditHead? = nil

  enum CodingKeys: String, CodingKey {
    case format, version, language, anonymised, cases, problems
    case auditHead = "audit_head"
    case generatedAt = "generated_at"
    case bySkill = "by_skill"
    case byLevel = "by_level"
  }

  /// A skill heading of the index.
  public struct SkillGroup: Hashable, Sendable, Encodable {
    public var skill: String
    public var title: String
    public var cases: [Int64]
  }

  /// A level heading of the index.
  public struct LevelGroup: Hashable, Sendable, Encodable {
    public var level: String
    public var cases: [Int64]
  }

  /// One case page.
  public struct Entry: Hashable, Sendable, Encodable {
    public var id: Int64
    public var title: String
    public var kind: CaseKind
    @NullEncoded public var level: CaseLevel?
    public var skills: [Skill]
    /// Agent code, or a label such as `Agent A` when anonymised.
    public var agent: String
    /// Nil when anonymised.
    @NullEncoded public var call: String?
    /// Nil when anonymised.
    @NullEncoded public var inspector: String?
    /// The call's local date, `YYYY-MM-DD`.
    @NullEncoded public var date: String?
    public var scorecard: ScorecardInfo
    public var score: Score
    public var sections: [Section]
    public var items: [Item]
    /// Why this call is a case: the rule that makes it one, then the tagger's notes.
    public var why: String
    @NullEncoded public var notes: String?
    @NullEncoded public var comment: String?
    public var clip: Clip
    @NullEncoded public var transcript: Transcript?
    /// The page's path inside the library (nil in a JSON-only export); set by the writer.
    @NullEncoded public var page: String?
    enum CodingKeys: String, CodingKey {
      case id, title, kind, level, skills, agent, call, inspector, date, scorecard, score, sections, items
      case why, notes, comment, clip, transcript, page
    }
  }

  public struct Skill: Hashable, Sendable, Encodable {
    public var key: String
    public var title: String
  }

  public struct ScorecardInfo: Hashable, Sendable, Encodable {
    public var key: String
    public var version: Int
    public var title: String
  }

  public struct Score: Hashable, Sendable, Encodable {
    public var raw: Double
    public var final: Double
    public var passed: Bool
    public var criticalFailed: Bool
    @NullEncoded public var band: String?
    enum CodingKeys: String, CodingKey {
      case raw, final, passed, band
      case criticalFailed = "critical_failed"
    }
  }

  public struct Section: Hashable, Sendable, Encodable {
    public var key: String
    public var title: String
    /// Nil when not applicable.
    @NullEncoded public var score: Double?
    enum CodingKeys: String, CodingKey { case key, title, score }
  }

  public struct Item: Hashable, Sendable, Encodable {
    public var key: String
    public var section: String
    public var title: String
    public var answer: String
    /// Nil for N/A.
    @NullEncoded public var earned: Double?
    public var points: Double
    /// Points of the total score lost on this item (impact).
    public var lost: Double
    public var critical: Bool
    @NullEncoded public var note: String?
    enum CodingKeys: String, CodingKey { case key, section, title, answer, earned, points, lost, critical, note }
  }

  public struct Clip: Hashable, Sendable, Encodable {
    /// Seconds from the start of the call; nil for the whole call.
    @NullEncoded public var start: Double?
    @NullEncoded public var end: Double?
    public var status: ClipStatus
    /// Path inside the library; nil when missing or no recording.
    @NullEncoded public var file: String?
    @NullEncoded public var message: String?
    enum CodingKeys: String, CodingKey { case start, end, status, file, message }
  }

  public struct Transcript: Hashable, Sendable, Encodable {
    public var text: String
    /// True when cut to the clip by its timestamps.
    public var cut: Bool
    /// Path inside the library.
    public var file: String?
  }
}
