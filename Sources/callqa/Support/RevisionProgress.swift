import CallQAKit
import Foundation

/// A dispute revision in progress, kept as an answers file (JSON) beside the database after
/// every change, so Ctrl-C, a closed terminal or `d` lose nothing: the next
/// `dispute resolve ID --revise` continues from it, and `--answers FILE` accepts it as is.
/// It is removed when the revision is submitted or discarded.
struct RevisionProgress {
  let path: String

  /// `dispute-<id>-revision.json` in the database's folder.
  init(database: String, dispute: Int64) {
    let folder = (database as NSString).deletingLastPathComponent
    path = (folder.isEmpty ? "." : folder) + "/dispute-\(dispute)-revision.json"
  }

  var exists: Bool { FileManager.default.fileExists(atPath: path) }

  /// The kept sheet, if any; a file that no longer reads is one error naming it and the way out.
  func load(scorecard: Scorecard) throws -> AnswerSheet? {
    guard exists else { return nil }
    do {
      return try AnswerSheet.load(path: path, scorecard: scorecard)
    } catch {
      throw CallQAError(.errRevisionKeptMend, MessageArgument.describing(error), path)
    }
  }

  /// Replaces the file with `sheet` in one rename.
  func save(_ sheet: AnswerSheet) throws {
    do {
      try Data(try sheet.jsonText().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw CallQAError(.errCannotKeepRevision, path, error.localizedDescription)
    }
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}
