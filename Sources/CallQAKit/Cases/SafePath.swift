import Foundation

/// File names made from user text (titles, recording names) and the check that every file
/// an export writes stays inside its folder.
public enum SafePath {
  /// A file-name-safe slug: letters (any script) and digits kept, everything else collapsed to
  /// single hyphens, lower-cased, at most `limit` characters; never empty, never `.`/`..`.
  public static func slug(_ text: String, limit: Int = 48) -> String {
    var slug = ""
    var pendingHyphen = false
    for char in text.lowercased() {
      let allowed =
        char.unicodeScalars.allSatisfy { scalar in
          scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        } && !char.unicodeScalars.contains { $0.properties.generalCategory == .control }
      if allowed {
        if pendingHyphen, !slug.isEmpty { slug.append("-") }
        pendingHyphen = false
        slug.append(char)
        if slug.count >= limit { break }
      } else {
        pendingHyphen = true
      }
    }
    return slug.isEmpty ? "untitled" : slug
  }

  /// A short extension taken from a recording's name: `[a-z0-9]{1,5}` or `bin`.
  public static func fileExtension(of name: String) -> String {
    let ext = (name as NSString).pathExtension.lowercased()
    guard (1...5).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return "bin" }
    return ext
  }

  /// `relative` resolved under `root`, refusing anything that would land outside it
  /// (absolute paths, `..`, empty components).
  public static func file(_ relative: String, in root: URL) throws -> URL {
    let components = relative.split(separator: "/", omittingEmptySubsequences: false)
    guard !relative.hasPrefix("/"), !components.isEmpty,
      components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") })
    else { throw CallQAError(.errRefusingWritePlain, relative) }
    let url = components.reduce(root) { $0.appendingPathComponent(String($1)) }
    let rootPath = root.standardizedFileURL.path
    guard url.standardizedFileURL.path.hasPrefix(rootPath + "/") else {
      throw CallQAError(.errRefusingWriteOutside, relative)
    }
    return url
  }
}
