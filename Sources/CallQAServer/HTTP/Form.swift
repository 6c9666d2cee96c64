import CallQAKit
import Foundation
import Hummingbird

/// A URL-encoded form body (`application/x-www-form-urlencoded`), read once and kept on the
/// request so the CSRF check and the handler see the same fields.
struct Form: Sendable {
  private var fields: [String: [String]] = [:]

  init(_ text: String) {
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = Form.decode(parts[0])
      let value = parts.count > 1 ? Form.decode(parts[1]) : ""
      fields[name, default: []].append(value)
    }
  }

  /// The first value of `name`; nil when absent.
  subscript(_ name: String) -> String? { fields[name]?.first }

  /// The first value of `name`, trimmed; nil when absent or blank.
  func text(_ name: String) -> String? {
    guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
    return value
  }

  /// The comma-separated items of `name` (`T1, T2` → `["T1", "T2"]`), trimmed, blanks left out.
  func commaList(_ name: String) -> [String] {
    (text(name) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The role chosen in `role`; a missing or unknown one is a 400.
  func role() throws -> Role {
    guard let role = text("role").flatMap(Role.init) else { throw ServerError.badRequest(LocalizedMessage(.srvChooseRole, [])) }
    return role
  }

  /// Every value of `name` (checkboxes).
  func all(_ name: String) -> [String] { fields[name] ?? [] }

  /// Every field name.
  var names: [String] { Array(fields.keys) }

  /// Reads the body of `request` (up to the body limit: 413 beyond it) as a form.
  static func read(_ request: inout Request, context: ServerContext) async throws -> Form {
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    return Form(String(buffer: buffer))
  }

  private static func decode(_ part: Substring) -> String {
    let spaced = part.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}
