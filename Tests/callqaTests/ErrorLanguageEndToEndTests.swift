import Foundation
import Testing

/// Issue 17: error lines and `--help` come from the catalogue, in the language the reports use
/// (`--lang`, `CALLQA_LANG`, `LC_ALL`/`LC_MESSAGES`/`LANG`), run through the built binary.
@Suite struct ErrorLanguageEndToEndTests {
  static let chinese = ["LANG": "zh_CN.UTF-8"]

  /// True when `text` holds a CJK ideograph.
  static func hasChinese(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
  }

  @Test func aLibraryErrorReadsInChineseUnderAChineseLocale() throws {
    // Given a database with the shipped scorecards
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    _ = try cli.ok(["init"])

    // When an evaluation that does not exist is asked for, in Chinese and in English
    let zh = try cli.run(["evaluation", "show", "99999", "--db", cli.database], environment: Self.chinese)
    let en = try cli.run(["evaluation", "show", "99999", "--db", cli.database])

    // Then the same failure reads in each language, with the same exit status
    #expect(zh.status == 1 && en.status == 1)
    #expect(zh.stderr == "错误：没有编号为 99999 的评分\n")
    #expect(en.stderr == "error: no evaluation with id 99999\n")
  }

  @Test func theLangFlagAndCallqaLangChooseTheErrorLanguage() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let missing = cli.directory.appendingPathComponent("none.sqlite").path
    // --lang beats the locale, CALLQA_LANG beats LANG.
    let flagged = try cli.run(["evaluation", "list", "--lang", "zh", "--db", missing])
    #expect(flagged.stderr.hasPrefix("错误：\(missing)：这里没有数据库（用 `callqa init --db \(missing)` 创建一个）"))
    let english = try cli.run(["evaluation", "list", "--lang", "en", "--db", missing], environment: Self.chinese)
    #expect(english.stderr.hasPrefix("error: \(missing): no database here"))
    let variable = try cli.run(["evaluation", "list", "--db", missing], environment: ["CALLQA_LANG": "zh", "LANG": "en_US.UTF-8"])
    #expect(variable.stderr.hasPrefix("错误："))
  }

  @Test func fileErrorsUsageErrorsAndNestedErrorsReadInChinese() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    _ = try cli.ok(["init"])

    // A located error: file:line:column stays, the message is Chinese.
    let empty = try cli.write("empty.yaml", "")
    let located = try cli.run(["scorecard", "validate", empty], environment: Self.chinese)
    #expect(located.status != 0)
    #expect(located.stderr.contains("empty.yaml:1:1：文件是空的"), "\(located.stderr)")

    // A usage error (ArgumentParser's `Error:` and usage lines around it): the flag stays as it is.
    let usage = try cli.run(["report", "weak-areas", "--period", "2026-13", "--db", cli.database], environment: Self.chinese)
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("--period 必须是 YYYY-MM 格式的月份，不能是“2026-13”"), "\(usage.stderr)")

    // An answer refused while scoring from a file: the item key and the value stay as they are.
    _ = try cli.ok(["agent", "add", "A1", "--name", "坐席一"])
    _ = try cli.ok(["inspector", "add", "QA1", "--name", "质检一"])
    let answers = try cli.write("answers.yaml", "answers:\n  greeting: perhaps\n")
    let refused = try cli.run(
      [
        "score", "--scorecard", "inbound-service", "--agent", "A1", "--call", "C1", "--inspector", "QA1", "--answers", answers,
        "--db", cli.database,
      ], environment: Self.chinese)
    #expect(refused.status != 0)
    #expect(refused.stderr.hasPrefix("错误："), "\(refused.stderr)")
    #expect(refused.stderr.contains("项目“greeting”"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("answer yes or no"), "\(refused.stderr)")
  }

  @Test func helpReadsInChineseUnderCallqaLang() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let root = try cli.run(["--help"], environment: ["CALLQA_LANG": "zh"])
    #expect(root.stdout.contains("呼叫中心质检评分：评分表、评分记录、报表。"), "\(root.stdout)")
    let score = try cli.run(["score", "--help"], environment: ["CALLQA_LANG": "zh"])
    #expect(score.stdout.contains("按评分表给一通电话评分"))
    #expect(score.stdout.contains("评分表 KEY 或 KEY@VERSION（交互式评分时会询问）。"))
    #expect(score.stdout.contains("--scorecard"))
    // The raw command line's --lang counts too (help is written before a command is parsed).
    let flagged = try cli.run(["score", "--help", "--lang", "zh"])
    #expect(flagged.stdout.contains("按评分表给一通电话评分"))
    let english = try cli.run(["score", "--help"])
    #expect(english.stdout.contains("Score a call against a scorecard, interactively or from an answers"))
    #expect(!Self.hasChinese(english.stdout.replacingOccurrences(of: "工号", with: "").replacingOccurrences(of: "良好", with: "")))
  }

  /// The long `discussion:` paragraph of `--help` comes from the catalogue too.
  @Test func helpDiscussionReadsInChinese() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let report = try cli.run(["report", "--help"], environment: ["CALLQA_LANG": "zh"])
    #expect(report.stdout.contains("只统计已提交（及被申诉）的监听质检和拨测评分"), "\(report.stdout)")
    #expect(report.stdout.contains("管理报表："), "\(report.stdout)")
    #expect(!report.stdout.contains("Only submitted"), "\(report.stdout)")
    let weak = try cli.run(["report", "weak-areas", "--help", "--lang", "zh"])
    #expect(weak.stdout.contains("平均失分 = Σ 失分 / 范围内的评分数（SPEC §3.4）"), "\(weak.stdout)")
    let english = try cli.run(["report", "--help"], environment: ["LANG": "C"])
    #expect(english.stdout.contains("Only submitted (and disputed) monitoring and test-call evaluations count"), "\(english.stdout)")
    #expect(!Self.hasChinese(english.stdout))
  }
}
