/// The fixed words of an exported library, in English or Chinese (`--lang`).
public struct CaseLabels: Sendable {
  public let language: String

  public init(language: String) { self.language = language == "zh" ? "zh" : "en" }

  private static let table: [String: (en: String, zh: String)] = [
    "library": ("Training-case library", "培训案例库"),
    "generated": ("Generated", "生成时间"),
    "cases": ("cases", "个案例"),
    "bySkill": ("By skill", "按技能"),
    "byLevel": ("By level", "按级别"),
    "allCases": ("All cases", "全部案例"),
    "case": ("Case", "案例"),
    "problems": ("Notes on this export", "导出说明"),
    "agent": ("Agent", "坐席"),
    "inspector": ("Inspector", "质检员"),
    "call": ("Call", "通话"),
    "date": ("Date", "日期"),
    "scorecard": ("Scorecard", "评分表"),
    "score": ("Score", "得分"),
    "kind": ("Kind", "类型"),
    "level": ("Level", "级别"),
    "skills": ("Skills", "技能"),
    "why": ("Why it is a case", "入选理由"),
    "breakdown": ("Score breakdown", "评分明细"),
    "section": ("Section", "环节"),
    "item": ("Item", "评分项"),
    "answer": ("Answer", "答案"),
    "earned": ("Earned", "得分"),
    "points": ("Points", "分值"),
    "lost": ("Lost", "失分"),
    "note": ("Inspector's note", "质检备注"),
    "comment": ("Inspector's comment", "质检评语"),
    "clip": ("Clip", "录音片段"),
    "transcript": ("Transcript", "通话文本"),
    "transcriptWhole": ("(whole transcript: it carries no timestamps)", "（完整文本：无时间戳，未截取）"),
    "noRecording": ("No recording for this call.", "该通话无录音。"),
    "missing": ("Recording missing", "录音缺失"),
    "wholeCall": ("whole call", "整通录音"),
    "back": ("Back to the index", "返回目录"),
    "final": ("final", "最终"),
    "raw": ("raw", "原始"),
    "pass": ("pass", "合格"),
    "fail": ("fail", "不合格"),
    "critical": ("critical failure", "致命错误"),
    "exemplary": ("exemplary", "正面案例"),
    "cautionary": ("cautionary", "反面案例"),
    "beginner": ("beginner", "初级"),
    "intermediate": ("intermediate", "中级"),
    "advanced": ("advanced", "高级"),
    "unspecified": ("any level", "不限级别"),
    "ruleExemplary": ("Final score %@ reaches the scorecard's exemplary score %@.", "最终得分 %@，达到评分表的优秀案例分 %@。"),
    "ruleExemplaryBelow": ("Tagged as a model call (final score %@).", "标记为示范通话（最终得分 %@）。"),
    "ruleCritical": ("Critical failure on: %@.", "致命项未通过：%@。"),
    "ruleLost": ("Most points lost on: %@.", "失分最多：%@。"),
    "ruleFull": ("Full marks on: %@.", "满分项：%@。"),
    "na": ("N/A", "不适用"),
  ]

  /// The label for `key` (the key itself if unknown).
  public subscript(_ key: String) -> String {
    guard let entry = CaseLabels.table[key] else { return key }
    return language == "zh" ? entry.zh : entry.en
  }

  /// The label for `key` with each `%@` replaced by the next argument.
  public func format(_ key: String, _ arguments: String...) -> String {
    var text = self[key]
    for argument in arguments {
      guard let range = text.range(of: "%@") else { break }
      text.replaceSubrange(range, with: argument)
    }
    return text
  }

  /// `exemplary`/`cautionary` in this language.
  public func kind(_ kind: CaseKind) -> String { self[kind.rawValue] }

  /// A level in this language (`any level` for nil).
  public func level(_ level: CaseLevel?) -> String { self[level?.rawValue ?? "unspecified"] }

  /// The separator of lists inside a sentence.
  public var listSeparator: String { language == "zh" ? "、" : ", " }
}
