import CallQAKit
import Foundation
import Logging
import TestOracles
import Testing

@testable import CallQAServer

@Suite("team server: /openapi.yaml names every API route, and every route it names exists")
struct OpenAPITests {
  /// `METHOD /path` of every operation in the document (its `paths:` block, two-space YAML).
  static func documented(_ yaml: String) -> Set<String> {
    var operations: Set<String> = []
    var inPaths = false
    var path: String?
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "paths:" {
        inPaths = true
        continue
      }
      guard inPaths else { continue }
      if let match = line.firstMatch(of: /^  (\/[^:]*):$/) {
        path = String(match.1)
      } else if let match = line.firstMatch(of: /^    (get|post|put|delete|patch):/), let path {
        operations.insert("\(match.1.uppercased()) \(path)")
      } else if !line.hasPrefix(" "), !line.isEmpty {
        inPaths = false
      }
    }
    return operations
  }

  static func server() throws -> TeamServer {
    try buildRouter(database: try QADatabase.inMemory(), options: ServerOptions(), logger: Logger(label: "openapi-test"))
  }

  @Test func everyAPIRouteIsDocumentedAndViceVersa() throws {
    let server = try Self.server()
    let routes = Set(server.routes.filter(\.isAPI).map(\.description))
    let documented = Self.documented(server.openAPI)
    #expect(documented.count > 30)
    #expect(routes.subtracting(documented).sorted() == [], "routes missing from /openapi.yaml")
    #expect(documented.subtracting(routes).sorted() == [], "documented operations the server does not have")
    // Pages are not API routes: none of them sits under /api.
    #expect(server.routes.filter { !$0.isAPI && $0.path.hasPrefix("/api") } == [])
  }

  @Test(.enabled(if: Python.has("openapi_spec_validator") && Python.has("yaml"), "pip install openapi-spec-validator pyyaml"))
  func theDocumentIsValidOpenAPI() throws {
    let file = NSTemporaryDirectory() + "callqa-openapi-\(UUID().uuidString).yaml"
    defer { try? FileManager.default.removeItem(atPath: file) }
    try Self.server().openAPI.write(toFile: file, atomically: true, encoding: .utf8)
    let output = try Python.output(
      """
      import sys, yaml
      from openapi_spec_validator import validate
      validate(yaml.safe_load(open(sys.argv[1])))
      print("valid")
      """, arguments: [file])
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "valid")
  }
}
