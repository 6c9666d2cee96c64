import Foundation

/// Escaping for text placed in Markdown (HTML uses ``HTMLEscape``), and links to files with any name.
enum MarkupText {
  /// Text safe in Markdown: markup characters backslash-escaped, `<`/`>` as entities,
  /// newlines folded when `inline` (table cells, headings).
  static func markdown(_ text: String, inline: Bool = true) -> String {
    var result = ""
    for char in inline ? text.replacingOccurrences(of: "\n", with: " ") : text {
      switch char {
      case "\\", "`", "*", "_", "[", "]", "#", "|", "!": result += "\\\(char)"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      default: result.append(char)
      }
    }
    return result
  }

  /// A relative path as a URL reference (each component percent-encoded).
  static func href(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).map { component in
      String(component).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#;"))) ?? ""
    }.joined(separator: "/")
  }

  /// A score to one decimal, or `N/A`.
  static func score(_ value: Double?, labels: CaseLabels) -> String {
    value.map { ScoreFormat.score($0) } ?? labels["na"]
  }

  /// `mm:ss–mm:ss` of a clip, or "whole call".
  static func clipTimes(_ clip: CaseLibrary.Clip, labels: CaseLabels) -> String {
    guard let start = clip.start, let end = clip.end else { return labels["wholeCall"] }
    return "\(ClipRange.format(start))–\(ClipRange.format(end))"
  }

  /// The page file of a case: `cases/case-0007-<slug of title>.EXT`.
  static func pagePath(_ entry: CaseLibrary.Entry, ext: String) -> String {
    String(format: "cases/case-%04d-", entry.id) + SafePath.slug(entry.title) + ".\(ext)"
  }
}
