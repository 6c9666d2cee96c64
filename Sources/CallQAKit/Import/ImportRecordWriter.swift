import Foundation

/// Writes evaluation import records as JSONL or CSV (the formats `evaluation import` reads),
/// buffered, for the benchmark generator and for exporting generated data.
public final class ImportRecordWriter {
  public enum Format: String, Sendable { case jsonl, csv }

  private let output: SafeFile.Output
  private let format: Format
  private var buffer: [UInt8] = []
  private let itemKeys: [String]
  private let itemIndex: [String: Int]

  /// Starts writing `path` (``SafeFile``: in place, replacing any file there, on ``close()``).
  /// For CSV, `itemKeys` are the `item.`/`note.` columns.
  public init(path: String, format: Format, itemKeys: [String]) throws {
    output = try SafeFile.Output(path: path)
    self.format = format
    self.itemKeys = itemKeys
    self.itemIndex = Dictionary(itemKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    if format == .csv {
      let header =
        [
          "external_id", "scorecard", "kind", "agent", "inspector", "call.id", "call.started_at", "call.duration_s",
          "call.direction", "call.recording", "call.transcript", "comment", "submitted_at",
        ] + itemKeys.map { "item." + $0 } + itemKeys.map { "note." + $0 }
      append(header.joined(separator: ",") + "\n")
    }
  }

  public func write(_ record: EvaluationImportRecord) throws {
    switch format {
    case .jsonl: append(jsonLine(record))
    case .csv: append(csvLine(record))
    }
    if buffer.count > 1 << 20 { try flush() }
  }

  /// Writes what is buffered and puts the file in place.
  public func close() throws {
    try flush()
    try output.commit()
  }

  private func flush() throws {
    try output.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }

  private func append(_ text: String) {
    buffer.append(contentsOf: text.utf8)
  }

  private func jsonLine(_ r: EvaluationImportRecord) -> String {
    var call = #"{"id":\#(json(r.call.externalId))"#
    if let started = r.call.startedAt { call += #","started_at":\#(json(started))"# }
    if let duration = r.call.duration { call += #","duration_s":\#(ScoreFormat.plain(duration))"# }
    if let direction = r.call.direction { call += #","direction":\#(json(direction))"# }
    if let recording = r.call.recording { call += #","recording":\#(json(recording))"# }
    if let transcript = r.call.transcript { call += #","transcript":\#(json(transcript))"# }
    call += "}"
    let answers = r.answers.map { json($0.key) + ":" + answerJSON($0.value) }.joined(separator: ",")
    var line =
      #"{"external_id":\#(json(r.externalId)),"scorecard":\#(json(r.scorecard)),"kind":\#(json(r.kind)),"#
      + #""agent":\#(json(r.agent)),"inspector":\#(json(r.inspector)),"call":\#(call),"answers":{\#(answers)}"#
    if !r.notes.isEmpty {
      line += #","notes":{"# + r.notes.map { json($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
    }
    if let comment = r.comment { line += #","comment":\#(json(comment))"# }
    if let submitted = r.submittedAt { line += #","submitted_at":\#(json(submitted))"# }
    return line + "}\n"
  }

  private func answerJSON(_ raw: RawAnswer) -> String {
    switch raw {
    case .text(let text): return json(text)
    case .number(let value): return ScoreFormat.plain(value)
    case .bool(let value): return value ? "true" : "false"
    }
  }

  private func csvLine(_ r: EvaluationImportRecord) -> String {
    var answers = [String](repeating: "", count: itemKeys.count)
    var notes = answers
    for (key, raw) in r.answers {
      guard let index = itemIndex[key] else { continue }
      switch raw {
      case .text(let text): answers[index] = text
      case .number(let value): answers[index] = ScoreFormat.plain(value)
      case .bool(let value): answers[index] = value ? "yes" : "no"
      }
    }
    for (key, note) in r.notes { if let index = itemIndex[key] { notes[index] = note } }
    let fields =
      [
        r.externalId, r.scorecard, r.kind, r.agent, r.inspector, r.call.externalId, r.call.startedAt ?? "",
        r.call.duration.map(ScoreFormat.plain) ?? "", r.call.direction ?? "", r.call.recording ?? "",
        r.call.transcript ?? "", r.comment ?? "", r.submittedAt ?? "",
      ] + answers + notes
    return CSVWriter.line(fields) + "\n"
  }

  private func json(_ text: String) -> String { JSONText.quoted(text) }
}
