/// The store writes SQL with SQLite's `?` placeholders; PostgreSQL numbers them (`$1`, `$2`).
enum PostgresPlaceholders {
  /// `sql` with each `?` outside quotes and comments replaced by `$1`, `$2`, … in order.
  static func numbered(_ sql: String) -> String {
    var result = ""
    result.reserveCapacity(sql.utf8.count + 16)
    var number = 0
    var quote: Character?
    var lineComment = false
    var previous: Character?
    for character in sql {
      defer { previous = character }
      if lineComment {
        if character == "\n" { lineComment = false }
        result.append(character)
        continue
      }
      if let open = quote {
        if character == open { quote = nil }
        result.append(character)
        continue
      }
      switch character {
      case "'", "\"":
        quote = character
        result.append(character)
      case "-" where previous == "-":
        lineComment = true
        result.append(character)
      case "?":
        number += 1
        result += "$\(number)"
      default:
        result.append(character)
      }
    }
    return result
  }
}
