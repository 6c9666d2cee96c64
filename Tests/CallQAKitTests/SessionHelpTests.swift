@testable import CallQAKit
import Foundation
import Testing

@Suite("in-session help: answer keys and their descriptions in two aligned columns")
struct SessionHelpTests {
  @Test(arguments: ["inbound-service", "outbound-sales", "complaint-handling"])
  func everyHelpLineStartsItsDescriptionInTheSameColumn(_ key: String) throws {
    let card = try #require(try ShippedScorecards.all().first { $0.key == key })
    let session = ScoringSession(scorecard: card, language: "en")
    for (_, item) in card.allItems {
      let lines = session.help(for: item).compactMap { output -> String? in
        guard case .line(let text, _) = output else { return nil }
        return text
      }
      #expect(lines.first == "answer keys:")
      // the description starts after the key column: find where two spaces end the key
      let columns = Set(
        lines.dropFirst().map { line -> Int in
          let scalars = Array(line.dropFirst(2))
          var index = 0
          var width = 2
          while index < scalars.count {
            if index + 1 < scalars.count, scalars[index] == " ", scalars[index + 1] == " ", !(index + 2 < scalars.count && scalars[index + 2] == " ") {
              return width + 2
            }
            width += DisplayWidth.of(String(scalars[index]))
            index += 1
          }
          return -1
        })
      #expect(columns.count == 1, "\(item.key): \(lines)")
    }
  }
}
