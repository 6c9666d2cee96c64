import CallQAKit
import Foundation
import Hummingbird

/// Responses the controllers send: JSON as the CLI prints it, downloads, pages, redirects.
enum Reply {
  /// `value` as the CLI's `--format json` prints it (sorted keys, Chinese readable).
  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
    var fields = headers
    fields[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: try JSONText.pretty(value) + "\n")))
  }

  /// An empty answer (204).
  static func noContent(headers: HTTPFields = [:]) -> Response { Response(status: .noContent, headers: headers) }

  /// A file to save: `filename` in ASCII for old clients and UTF-8 (RFC 6266) for the rest.
  static func download(_ data: Data, type: String, filename: String) -> Response {
    let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
    let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
    return Response(
      status: .ok,
      headers: [
        .contentType: type, .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
      ],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// An HTML page.
  static func html(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = "text/html; charset=utf-8"
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  /// 303 See Other: after a form post, the browser loads `location` with GET.
  static func redirect(_ location: String, headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.location] = location
    return Response(status: .seeOther, headers: fields)
  }
}
