/// A migration step's PostgreSQL text as single statements: PostgresNIO sends each through
/// the extended protocol, which takes one statement at a time.
enum PostgresScript {
  /// `script` split at each `;` outside quotes, `--` comments and `$$` bodies; empty
  /// statements (blank lines, a trailing comment) are dropped.
  static func statements(_ script: String) -> [String] {
    var statements: [String] = []
    var current = ""
    var quote: Character?
    var dollarBody = false
    var lineComment = false
    var previous: Character?
    for character in script {
      defer { previous = character }
      current.append(character)
      if lineComment {
        if character == "\n" { lineComment = false }
        continue
      }
      if dollarBody {
        if character == "$", previous == "$" { dollarBody = false }
        continue
      }
      if let open = quote {
        if character == open { quote = nil }
        continue
      }
      switch character {
      case "'", "\"": quote = character
      case "-" where previous == "-": lineComment = true
      case "$" where previous == "$": dollarBody = true
      case ";":
        current.removeLast()
        statements.append(current)
        current = ""
      default: break
      }
    }
    statements.append(current)
    return statements.filter { statement in
      statement.split(separator: "\n").contains { line in
        let text = line.trimmingCharacters(in: .whitespaces)
        return !text.isEmpty && !text.hasPrefix("--")
      }
    }
  }
}
