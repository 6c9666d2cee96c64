import CallQAKit
import Foundation
import Hummingbird

/// A call as the scoring page needs it (`call show --format json`: its facts, recording and
/// transcript), and the recording itself for the page's audio player.
struct CallController {
  let backend: Backend
  let options: ServerOptions

  func register(_ routes: Routes) {
    routes.get("/api/calls/{call}") { request, context in
      let actor = try context.requireIdentity().actor
      let call = context.parameters.text("call")
      let query = try Query(request, allowed: ["offset", "limit"])
      let offset = try query.int("offset") ?? 0, limit = try query.int("limit") ?? 200
      let media = CallMedia(baseDirectory: options.mediaRoot)
      return try Reply.json(
        try await backend.run { db in
          try db.requireReadsEverything(actor, what: .phrase(.whatCalls))
          try Self.requireCall(db, call)
          return try db.callDetail(call, media: media, transcriptOffset: offset, transcriptLimit: limit)
        })
    }
    routes.get("/api/calls/{call}/recording") { request, context in
      let actor = try context.requireIdentity().actor
      let call = context.parameters.text("call")
      let media = CallMedia(baseDirectory: options.mediaRoot)
      return try await backend.run { db in try Self.recording(db, call: call, media: media, actor: actor) }
    }
  }

  /// A 404 for a call the log does not have (the library's read says it as bad input).
  static func requireCall(_ db: QADatabase, _ call: String) throws {
    guard try db.agentOfCall(call) != nil else { throw ServerError.notFound("no call '\(call)'") }
  }

  /// The call's stored recording. The URL names a call, never a path: the file is the one the
  /// call log stored, so no request can reach another file on the server.
  static func recording(_ db: QADatabase, call: String, media: CallMedia, actor: Actor) throws -> Response {
    try db.requireReadsEverything(actor, what: .phrase(.whatRecordings))
    try requireCall(db, call)
    guard let recording = try db.callDetail(call, media: media, transcriptLimit: 1).recording else {
      throw ServerError.notFound("call \(call) has no recording")
    }
    guard recording.exists, let data = FileManager.default.contents(atPath: recording.path) else {
      throw ServerError.notFound("call \(call): the recording \(recording.stored) is not on the server")
    }
    let type = recording.path.lowercased().hasSuffix(".mp3") ? "audio/mpeg" : recording.path.lowercased().hasSuffix(".ogg") ? "audio/ogg" : "audio/wav"
    return Response(status: .ok, headers: [.contentType: type, .acceptRanges: "none"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }
}
