import Foundation

/// Reads evaluation import records from JSON Lines: one JSON object per line, blank lines
/// skipped. Keys starting with `_` are ignored (rejects files carry `_rejected`).
public struct JSONLRecordSource: ImportRecordSource {
  private var lines: LineReader
  private let decoder = JSONDecoder()

  public init(path: String) throws {
    lines = try LineReader(path: path)
  }

  public var bytesRead: Int { lines.bytesRead }
  public var rejectsHeader: String? { nil }

  public mutating func next() throws -> ImportItem? {
    while let (line, bytes) = lines.next() {
      guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
      let raw = String(decoding: bytes, as: UTF8.self)
      let record: Result<EvaluationImportRecord, CallQAError>
      do {
        record = .success(try decoder.decode(JSONImportRecord.self, from: Data(bytes)).record)
      } catch let error as DecodingError {
        record = .failure(CallQAError(JSONLRecordSource.describe(error)))
      } catch let error as CallQAError {
        record = .failure(error)
      } catch {
        record = .failure(CallQAError("not a JSON object: \(error)"))
      }
      return ImportItem(line: line, record: record, raw: raw)
    }
    return nil
  }

  public func rejectLine(raw: String, reason: String) -> String {
    let reasonJSON = JSONText.encode(reason)
    let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" })
    if trimmed.hasPrefix("{") {
      let rest = trimmed.dropFirst().drop(while: { $0 == " " })
      return "{\"_rejected\":\(reasonJSON)" + (rest.hasPrefix("}") ? "" : ",") + rest
    }
    return "{\"_rejected\":\(reasonJSON),\"_raw\":\(JSONText.encode(raw))}"
  }

  /// A one-line reason for a JSON decoding failure, naming the field.
  static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let prefix = path(context)
      return "missing field '\(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)'"
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      let expected = type == String.self ? "a string" : type == Double.self ? "a number" : "\(type)"
      return "field '\(path(context))': expected \(expected)"
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty { return "not valid JSON" }
      return "field '\(path(context))': \(context.debugDescription)"
    @unknown default:
      return "not a valid record"
    }
  }
}

/// A dynamic JSON key.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// The JSON form of a record (see Schemas/evaluation-import.schema.json).
struct JSONImportRecord: Decodable {
  var record: EvaluationImportRecord

  static let fields: Set<String> = [
    "external_id", "scorecard", "kind", "agent", "inspector", "call", "answers", "notes", "comment", "submitted_at",
  ]
  static let callFields: Set<String> = ["id", "started_at", "duration_s", "direction", "recording", "transcript"]

  init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: AnyKey.self)
    try JSONImportRecord.rejectUnknown(c.allKeys, allowed: JSONImportRecord.fields, what: "field")
    func string(_ key: String) throws -> String {
      let value = try c.decode(String.self, forKey: AnyKey(stringValue: key)).trimmingCharacters(in: .whitespaces)
      guard !value.isEmpty else { throw CallQAError("field '\(key)' is empty") }
      return value
    }
    let call = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(stringValue: "call"))
    try JSONImportRecord.rejectUnknown(call.allKeys, allowed: JSONImportRecord.callFields, what: "call field")
    func callString(_ key: String) throws -> String? {
      try call.decodeIfPresent(String.self, forKey: AnyKey(stringValue: key)).flatMap { $0.isEmpty ? nil : $0 }
    }
    let callInput = CallInput(
      externalId: try call.decode(String.self, forKey: AnyKey(stringValue: "id")),
      startedAt: try callString("started_at"),
      duration: try call.decodeIfPresent(Double.self, forKey: AnyKey(stringValue: "duration_s")),
      direction: try callString("direction"), recording: try callString("recording"),
      transcript: try callString("transcript"))
    let answerContainer = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(stringValue: "answers"))
    var answers: [(key: String, value: RawAnswer)] = []
    for key in answerContainer.allKeys {
      answers.append((key.stringValue, try answerContainer.decode(JSONRawAnswer.self, forKey: key).raw))
    }
    var notes: [(key: String, value: String)] = []
    if c.contains(AnyKey(stringValue: "notes")), try !c.decodeNil(forKey: AnyKey(stringValue: "notes")) {
      let noteContainer = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(stringValue: "notes"))
      for key in noteContainer.allKeys {
        if let note = try noteContainer.decodeIfPresent(String.self, forKey: key), !note.isEmpty {
          notes.append((key.stringValue, note))
        }
      }
    }
    record = EvaluationImportRecord(
      externalId: try string("external_id"), scorecard: try string("scorecard"), kind: try string("kind"),
      agent: try string("agent"), inspector: try string("inspector"), call: callInput, answers: answers,
      notes: notes, comment: try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "comment")),
      submittedAt: try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "submitted_at")))
  }

  static func rejectUnknown(_ keys: [AnyKey], allowed: Set<String>, what: String) throws {
    if let unknown = keys.first(where: { !allowed.contains($0.stringValue) && !$0.stringValue.hasPrefix("_") }) {
      throw CallQAError("unknown \(what) '\(unknown.stringValue)' (expected: \(allowed.sorted().joined(separator: ", ")))")
    }
  }
}

/// An answer as JSON gives it: true/false, a number or a string.
struct JSONRawAnswer: Decodable {
  var raw: RawAnswer
  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let value = try? c.decode(Bool.self) {
      raw = .bool(value)
    } else if let value = try? c.decode(Double.self) {
      raw = .number(value)
    } else if let value = try? c.decode(String.self) {
      raw = RawAnswer(parsing: value)
    } else {
      throw CallQAError("answer '\(decoder.codingPath.last?.stringValue ?? "?")': expected yes/no, a number or a string")
    }
  }
}
