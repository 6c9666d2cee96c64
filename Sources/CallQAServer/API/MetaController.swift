import CallQAKit
import Foundation
import Hummingbird

/// `/healthz` (the process answers and the database reads), `/openapi.yaml` (the API
/// described), `/static/NAME` (the stylesheet and the script: a fixed list, nothing else
/// on disk is reachable).
struct MetaController {
  let backend: Backend
  let assets: Assets

  struct Health: Encodable, Sendable {
    var status: String
    var database: String
    var version: String
  }

  func register(_ routes: Routes) {
    routes.get("/healthz") { _, _ in
      try await backend.run { db in _ = try db.isSingleDesk() }
      return try Reply.json(Health(status: "ok", database: "ok", version: CallQAKitVersion.string))
    }
    routes.get("/openapi.yaml") { _, _ in
      Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: assets.openAPI)))
    }
    routes.get("/static/{name}", api: false) { _, context in
      let name = context.parameters.text("name")
      guard let asset = assets.files[name] else { throw ServerError.notFound("no file '\(name)'") }
      return Response(
        status: .ok, headers: [.contentType: asset.type, .cacheControl: "public, max-age=300"], body: .init(byteBuffer: ByteBuffer(bytes: asset.data)))
    }
  }
}

/// The files shipped as resources of the server: templates, the stylesheet, the script and
/// the OpenAPI document, read once at start.
struct Assets: Sendable {
  struct File: Sendable {
    var data: Data
    var type: String
  }

  let files: [String: File]
  let openAPI: Data
  let templates: [String: String]

  static func load() throws -> Assets {
    let root = Bundle.module.bundleURL.appendingPathComponent("Resources")
    guard FileManager.default.fileExists(atPath: root.path) else {
      throw CallQAError(.errServerSResources, kind: .storage(.other))
    }
    func read(_ path: String) throws -> Data {
      guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
        throw CallQAError(.errServerResourceMissing, path, kind: .storage(.other))
      }
      return data
    }
    let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]
    var files: [String: File] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("static").path) {
      guard let type = types[(name as NSString).pathExtension] else { continue }
      files[name] = File(data: try read("static/\(name)"), type: type)
    }
    var templates: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("templates").path)
    where name.hasSuffix(".mustache") {
      templates[String(name.dropLast(".mustache".count))] = String(decoding: try read("templates/\(name)"), as: UTF8.self)
    }
    return Assets(files: files, openAPI: try read("openapi.yaml"), templates: templates)
  }
}
