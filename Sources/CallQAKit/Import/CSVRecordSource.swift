import Foundation

/// Reads evaluation import records from CSV: one row per evaluation, a header naming
/// the columns (documented in the README and Schemas/evaluation-import.schema.json):
///
/// `external_id, scorecard, kind, agent, inspector, call.id, call.started_at,
/// call.duration_s, call.direction, call.recording, call.transcript, comment,
/// submitted_at`, then `item.<key>` for each answer, `note.<key>` for notes and
/// `cause.<key>` for root causes (cause keys separated by `;`).
/// An empty `item.` cell means the item is not on that row's scorecard; columns
/// starting with `_` are ignored.
public struct CSVRecordSource: ImportRecordSource {
  static let required = ["external_id", "scorecard", "kind", "agent", "inspector", "call.id"]
  static let optional = [
    "call.started_at", "call.duration_s", "call.direction", "call.recording", "call.transcript", "comment",
    "submitted_at",
  ]

  private var reader: CSVReader
  private let file: String
  private let header: [String]
  private let headerLine: String
  private var index: [String: Int] = [:]
  private var items: [(key: String, column: Int)] = []
  private var notes: [(key: String, column: Int)] = []
  private var causes: [(key: String, column: Int)] = []

  public init(path: String) throws {
    file = (path as NSString).lastPathComponent
    reader = try CSVReader(path: path)
    guard let first = reader.next() else {
      if let error = reader.error { throw error }
      // An empty file has no records, like a file with only a header.
      header = []
      headerLine = ""
      return
    }
    header = first.fields.map { $0.trimmedWhitespace }
    headerLine = CSVWriter.line(first.fields)
    let known = Set(CSVRecordSource.required + CSVRecordSource.optional)
    for (column, name) in header.enumerated() {
      guard index[name] == nil else {
        throw LocatedError(SourceLocation(file: file, line: 1, column: column + 1), .errColumnAppearsTwice, name)
      }
      index[name] = column
      if name.hasPrefix("item.") {
        items.append((String(name.dropFirst(5)), column))
      } else if name.hasPrefix("note.") {
        notes.append((String(name.dropFirst(5)), column))
      } else if name.hasPrefix("cause.") {
        causes.append((String(name.dropFirst(6)), column))
      } else if !known.contains(name) && !name.hasPrefix("_") {
        throw LocatedError(
          SourceLocation(file: file, line: 1, column: column + 1), .errUnknownColumnExpected, name, MessageArgument.list(CSVRecordSource.required))
      }
    }
    if let missing = CSVRecordSource.required.first(where: { index[$0] == nil }) {
      throw LocatedError(SourceLocation(file: file, line: 1), .errMissingColumn, missing)
    }
    guard !items.isEmpty else {
      throw LocatedError(SourceLocation(file: file, line: 1), .errNoItemKey)
    }
  }

  public var bytesRead: Int { reader.bytesConsumed }
  public var rejectsHeader: String? { headerLine + ",_rejected" }

  public mutating func next() throws -> ImportItem? {
    guard !header.isEmpty, let row = reader.next() else {
      if let error = reader.error { throw error }
      return nil
    }
    let raw = CSVWriter.line(row.fields)
    guard row.fields.count == header.count else {
      return ImportItem(
        line: row.line, record: .failure(CallQAError(.errExpectedFieldsFound, header.count, row.fields.count)),
        raw: raw)
    }
    do {
      return ImportItem(line: row.line, record: .success(try record(row.fields)), raw: raw)
    } catch {
      return ImportItem(line: row.line, record: .failure(error), raw: raw)
    }
  }

  private func record(_ fields: [String]) throws(CallQAError) -> EvaluationImportRecord {
    func value(_ name: String) -> String? {
      guard let column = index[name] else { return nil }
      let text = fields[column].trimmedWhitespace
      return text.isEmpty ? nil : text
    }
    func required(_ name: String) throws(CallQAError) -> String {
      guard let text = value(name) else { throw CallQAError(.errColumnEmpty, name) }
      return text
    }
    var duration: Double?
    if let text = value("call.duration_s") {
      guard let seconds = Double(text) else { throw CallQAError(.errCallDurationSMust, text) }
      duration = seconds
    }
    let call = CallInput(
      externalId: try required("call.id"), startedAt: value("call.started_at"), duration: duration,
      direction: value("call.direction"), recording: value("call.recording"), transcript: value("call.transcript"))
    var answers: [(key: String, value: RawAnswer)] = []
    for (key, column) in items {
      let text = fields[column].trimmedWhitespace
      if !text.isEmpty { answers.append((key, RawAnswer(parsing: text))) }
    }
    var noteValues: [(key: String, value: String)] = []
    for (key, column) in notes where !fields[column].isEmpty {
      noteValues.append((key, fields[column]))
    }
    var record = EvaluationImportRecord(
      externalId: try required("external_id"), scorecard: try required("scorecard"), kind: try required("kind"),
      agent: try required("agent"), inspector: try required("inspector"), call: call, answers: answers,
      notes: noteValues, comment: index["comment"].map { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 },
      submittedAt: value("submitted_at"))
    for (key, column) in causes {
      let keys = fields[column].split(separator: ";").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
      if !keys.isEmpty { record.causes.append((key, keys)) }
    }
    return record
  }

  public func rejectLine(raw: String, reason: String) -> String {
    raw + "," + CSVWriter.field(reason)
  }
}
