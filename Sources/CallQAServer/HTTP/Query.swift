import CallQAKit
import Foundation
import Hummingbird

/// The query string of a request, read strictly: a parameter the route does not know is a
/// 400 naming it (a typo never silently widens a report), and a value of the wrong shape too.
struct Query: Sendable {
  private let values: [String: String]

  init(_ request: Request, allowed: Set<String>) throws {
    var values: [String: String] = [:]
    for (name, value) in request.uri.queryParameters {
      let key = String(name)
      guard allowed.contains(key) else {
        throw ServerError.badRequest("unknown parameter '\(key)' (this route takes: \(allowed.sorted().joined(separator: ", ")))")
      }
      guard values[key] == nil else { throw ServerError.badRequest("parameter '\(key)' is given twice") }
      values[key] = String(value)
    }
    self.values = values
  }

  /// The text of `name`; nil when absent or empty.
  subscript(_ name: String) -> String? {
    guard let value = values[name], !value.isEmpty else { return nil }
    return value
  }

  func int(_ name: String) throws -> Int? {
    guard let text = self[name] else { return nil }
    guard let value = Int(text) else { throw ServerError.badRequest("\(name) must be a whole number, not '\(text)'") }
    return value
  }

  func double(_ name: String) throws -> Double? {
    guard let text = self[name] else { return nil }
    guard let value = Double(text), value.isFinite else { throw ServerError.badRequest("\(name) must be a number, not '\(text)'") }
    return value
  }

  func bool(_ name: String) throws -> Bool {
    guard let text = self[name] else { return false }
    switch text {
    case "1", "true", "yes": return true
    case "0", "false", "no": return false
    default: throw ServerError.badRequest("\(name) must be true or false, not '\(text)'")
    }
  }

  /// A value of a closed set (a status, a kind), refused with the allowed values listed.
  func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
    guard let text = self[name] else { return nil }
    guard let value = T(rawValue: text) else {
      throw ServerError.badRequest("\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
    }
    return value
  }
}

extension Parameters {
  /// A text path parameter, percent-decoded (the router leaves `%2D`, `%E5…` as sent).
  func text(_ name: String) -> String {
    let raw = self.get(name) ?? ""
    return raw.removingPercentEncoding ?? raw
  }

  /// A numeric path id, or a 404 (a path that names no record).
  func id(_ name: String = "id") throws -> Int64 {
    guard let text = self.get(name), let value = Int64(text), value > 0 else {
      throw ServerError.notFound("no such record: '\(self.get(name) ?? "")' is not an id")
    }
    return value
  }
}
