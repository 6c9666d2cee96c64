import Foundation

/// Reads evaluation import records from JSON Lines: one JSON object per line, blank lines
/// skipped. Keys starting with `_` are ignored (rejects files carry `_rejected`). A line that
/// is not UTF-8 stops the import (the file's encoding is wrong, not one record).
public struct JSONLRecordSource: ImportRecordSource {
  private var lines: LineReader
  private let file: String

  public init(path: String) throws {
    lines = try LineReader(path: path)
    file = (path as NSString).lastPathComponent
  }

  public var bytesRead: Int { lines.bytesRead }
  public var rejectsHeader: String? { nil }

  public mutating func next() throws -> ImportItem? {
    while let (line, bytes) = lines.next() {
      guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
      guard let raw = String(validating: bytes, as: UTF8.self) else {
        throw TextEncoding.error(file: file, firstLine: line, bytes: Array(bytes), advice: .importFile)
      }
      let record: Result<EvaluationImportRecord, CallQAError>
      do {
        let value = try bytes.withUnsafeBufferPointer { buffer throws(CallQAError) in try ImportJSON.parse(buffer) }
        record = .success(try JSONImportRecord.record(value))
      } catch {
        record = .failure(error)
      }
      return ImportItem(line: line, record: record, raw: raw)
    }
    return nil
  }

  public func rejectLine(raw: String, reason: String) -> String {
    let reasonJSON = JSONText.quoted(reason)
    let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" })
    if trimmed.hasPrefix("{") {
      let rest = trimmed.dropFirst().drop(while: { $0 == " " })
      return "{\"_rejected\":\(reasonJSON)" + (rest.hasPrefix("}") ? "" : ",") + rest
    }
    return "{\"_rejected\":\(reasonJSON),\"_raw\":\(JSONText.quoted(raw))}"
  }
}

/// The JSON form of a record (see Schemas/evaluation-import.schema.json).
enum JSONImportRecord {
  static let fields: Set<String> = [
    "external_id", "scorecard", "kind", "agent", "inspector", "call", "answers", "notes", "comment", "submitted_at", "causes",
  ]
  static let callFields: Set<String> = ["id", "started_at", "duration_s", "direction", "recording", "transcript"]

  /// The members of an object, checked against `allowed` (keys starting with `_` are skipped).
  static func members(
    _ value: ImportJSON, allowed: Set<String>?, what: MessageArgument
  ) throws(CallQAError) -> [(key: String, value: ImportJSON)] {
    guard case .object(let members) = value else { throw CallQAError(.errExpectedObject, what, value.typeName) }
    var seen: Set<String> = []
    var result: [(key: String, value: ImportJSON)] = []
    for (key, value) in members where !key.hasPrefix("_") {
      if let allowed, !allowed.contains(key) {
        if what == .phrase(.whatRecord) { throw CallQAError(.errUnknownFieldExpected, key, MessageArgument.list(allowed.sorted())) }
        throw CallQAError(.errUnknownNamedFieldExpected, what, key, MessageArgument.list(allowed.sorted()))
      }
      guard seen.insert(key).inserted else { throw CallQAError(.errAppearsTwice, what, key) }
      result.append((key, value))
    }
    return result
  }

  static func text(_ value: ImportJSON?, _ name: String, required: Bool) throws(CallQAError) -> String? {
    switch value {
    case .none, .some(.null):
      if required { throw CallQAError(.errMissingField, name) }
      return nil
    case .some(.string(let text)):
      let trimmed = text.trimmedWhitespace
      if trimmed.isEmpty {
        if required { throw CallQAError(.errFieldEmpty, name) }
        return nil
      }
      return trimmed
    case .some(let other):
      throw CallQAError(.errFieldExpectedString, name, other.typeName)
    }
  }

  static func record(_ value: ImportJSON) throws(CallQAError) -> EvaluationImportRecord {
    var fields: [String: ImportJSON] = [:]
    for (key, value) in try members(value, allowed: JSONImportRecord.fields, what: .phrase(.whatRecord)) { fields[key] = value }
    guard let callValue = fields["call"] else { throw CallQAError(.errMissingFieldCall) }
    var call: [String: ImportJSON] = [:]
    for (key, value) in try members(callValue, allowed: JSONImportRecord.callFields, what: .text("call")) { call[key] = value }
    var duration: Double?
    switch call["duration_s"] {
    case .none, .some(.null): break
    case .some(.number(let seconds)): duration = seconds
    case .some(let other): throw CallQAError(.errFieldCallDuration, other.typeName)
    }
    let callInput = CallInput(
      externalId: try text(call["id"], "call.id", required: true) ?? "",
      startedAt: try text(call["started_at"], "call.started_at", required: false), duration: duration,
      direction: try text(call["direction"], "call.direction", required: false),
      recording: try text(call["recording"], "call.recording", required: false),
      transcript: try text(call["transcript"], "call.transcript", required: false))
    guard let answersValue = fields["answers"] else { throw CallQAError(.errMissingFieldAnswers) }
    var answers: [(key: String, value: RawAnswer)] = []
    for (key, value) in try members(answersValue, allowed: nil, what: .text("answers")) {
      switch value {
      case .bool(let flag): answers.append((key, .bool(flag)))
      case .number(let number): answers.append((key, .number(number)))
      case .string(let text): answers.append((key, RawAnswer(parsing: text)))
      default: throw CallQAError(.errAnswerExpectedYes, key, value.typeName)
      }
    }
    var notes: [(key: String, value: String)] = []
    switch fields["notes"] {
    case .none, .some(.null): break
    case .some(let notesValue):
      for (key, value) in try members(notesValue, allowed: nil, what: .text("notes")) {
        if let note = try text(value, "notes.\(key)", required: false) { notes.append((key, note)) }
      }
    }
    var comment: String?
    switch fields["comment"] {
    case .none, .some(.null): break
    case .some(.string(let text)): comment = text.isEmpty ? nil : text
    case .some(let other): throw CallQAError(.errFieldCommentExpected, other.typeName)
    }
    var causes: [(key: String, value: [String])] = []
    switch fields["causes"] {
    case .none, .some(.null): break
    case .some(let causesValue):
      for (key, value) in try members(causesValue, allowed: nil, what: .text("causes")) {
        switch value {
        case .string(let cause): causes.append((key, [cause]))
        case .array(let list):
          var keys: [String] = []
          for element in list {
            guard case .string(let cause) = element else {
              throw CallQAError(.errCausesExpectedCause, key, element.typeName)
            }
            keys.append(cause)
          }
          causes.append((key, keys))
        default: throw CallQAError(.errCausesExpectedCauseKey, key, value.typeName)
        }
      }
    }
    var record = EvaluationImportRecord(
      externalId: try text(fields["external_id"], "external_id", required: true) ?? "",
      scorecard: try text(fields["scorecard"], "scorecard", required: true) ?? "",
      kind: try text(fields["kind"], "kind", required: true) ?? "",
      agent: try text(fields["agent"], "agent", required: true) ?? "",
      inspector: try text(fields["inspector"], "inspector", required: true) ?? "", call: callInput,
      answers: answers, notes: notes, comment: comment,
      submittedAt: try text(fields["submitted_at"], "submitted_at", required: false))
    record.causes = causes
    return record
  }
}
