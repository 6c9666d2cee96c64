import CallQAKit
import Foundation
import Hummingbird

/// The training-case library: list, show, tag, untag and export as a zip (`case list|show|tag|untag|export`).
struct CaseController {
  let backend: Backend
  let options: ServerOptions

  struct NewCase: Decodable {
    var evaluation: Int64
    var title: String
    var kind: CaseKind?
    var level: CaseLevel?
    var skills: [String]?
    /// `START-END` within the recording, e.g. `00:45-03:10`.
    var clip: String?
    var note: String?
    var force: Bool?
  }

  /// The tag form of the evaluation and case-library pages.
  static func newCase(evaluation: Int64, form: Form) -> NewCase {
    NewCase(
      evaluation: evaluation, title: form.text("title") ?? "", kind: form.text("kind").flatMap(CaseKind.init), level: nil, skills: nil,
      clip: nil, note: form.text("note"), force: form["force"] == "1")
  }

  static let filterParameters: Set<String> = ["skill", "level", "kind", "scorecard", "from", "to"]

  func register(_ routes: Routes) {
    routes.get("/api/cases") { request, context in
      let actor = try context.requireIdentity().actor
      let filter = try Self.filter(Query(request, allowed: Self.filterParameters))
      return try Reply.json(
        try await backend.run { db in
          try Policy.requireCaseReader(actor)
          return try db.trainingCases(filter)
        })
    }
    routes.get("/api/cases/export") { request, context in
      let actor = try context.requireIdentity().actor
      let query = try Query(request, allowed: Self.filterParameters.union(["anonymise", "lang"]))
      let filter = try Self.filter(query)
      let anonymise = try query.bool("anonymise")
      let language = query["lang"] ?? context.language.rawValue
      let options = self.options
      return try await backend.run { db in
        try Self.export(db, filter: filter, anonymise: anonymise, language: language, options: options, actor: actor)
      }
    }
    routes.get("/api/cases/{id}") { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      return try Reply.json(
        try await backend.run { db in
          try Policy.requireCaseReader(actor)
          return try db.trainingCase(id: id)
        })
    }
    routes.post("/api/cases") { request, context in
      let actor = try context.requireIdentity().actor
      let body = try await request.json(NewCase.self, context: context)
      let tagged = try await backend.run { db in try Self.tag(db, body, actor) }
      return try Reply.json(tagged, status: .created, headers: [.location: "/api/cases/\(tagged.id)"])
    }
    routes.delete("/api/cases/{id}") { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      return try Reply.json(try await backend.run { db in try db.untagCase(id: id, actor: actor) })
    }
  }

  static func filter(_ query: Query) throws -> CaseFilter {
    for name in ["from", "to"] {
      if let day = query[name], Timestamp.parseDay(day) == nil { throw ServerError.badRequest("\(name) must be a date YYYY-MM-DD, not '\(day)'") }
    }
    return CaseFilter(
      skill: query["skill"], level: try query.choice("level", CaseLevel.self), kind: try query.choice("kind", CaseKind.self),
      scorecard: query["scorecard"], from: query["from"], to: query["to"])
  }

  /// `case tag EVALUATION --title …`.
  static func tag(_ db: QADatabase, _ body: NewCase, _ actor: Actor) throws -> TrainingCase {
    let range = try body.clip.map(ClipRange.parse)
    return try db.tagCase(
      evaluationId: body.evaluation, title: body.title, kind: body.kind ?? .exemplary, level: body.level, skills: body.skills,
      clip: range, note: body.note, force: body.force ?? false, actor: actor)
  }

  /// `case export --format zip`: built in a private folder under the work folder, sent, removed.
  static func export(
    _ db: QADatabase, filter: CaseFilter, anonymise: Bool, language: String, options: ServerOptions, actor: Actor
  ) throws -> Response {
    let folder = URL(fileURLWithPath: options.workFolder).appendingPathComponent("callqa-cases-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let archive = folder.appendingPathComponent("cases.zip")
    let media = URL(fileURLWithPath: options.mediaRoot ?? FileManager.default.currentDirectoryPath)
    let summary = try CaseLibraryExporter.export(
      from: db,
      options: CaseExportOptions(
        output: archive, format: .zip, filter: filter, anonymise: anonymise, language: language, mediaRoot: media, tools: .detect()),
      actor: actor)
    guard let data = FileManager.default.contents(atPath: summary.output.path) else {
      throw CallQAError(.errCaseLibraryArchive, kind: .storage(.other))
    }
    return Reply.download(data, type: "application/zip", filename: "cases.zip")
  }
}
