import CallQAKit
import Hummingbird

/// A failure as the client sees it: an HTTP status, a stable error code and one line of
/// message. Every error a handler throws becomes one of these (``from(_:)``), so a client
/// never sees a stack trace, and library errors keep their own message.
///
/// The JSON API's bodies stay English (`message`: a client matches codes, and logs read the
/// same everywhere); a page shows the same failure in the page's language (``message(in:)``,
/// from the library error's catalogue message, ``text``).
///
/// Statuses: the library's invalid input is 400 (a bad answer names its item); an uploaded
/// document that is read but breaks a rule (a scorecard failing validation) is 422; not
/// found 404; conflict 409; forbidden 403 (and a missing CSRF token); a busy database 503;
/// any other storage failure 500.
struct ServerError: Error, Sendable {
  var status: HTTPResponse.Status
  var code: String
  var message: String
  var headers: HTTPFields = [:]
  /// The library's message behind `message`, for a page to render in its language.
  var text: LocalizedMessage? = nil

  /// The message in `language` (English when it is not one of the catalogue's).
  func message(in language: Language) -> String { text?.rendered(Messages(language)) ?? message }

  /// `self` with the catalogue message it came from.
  func with(_ text: LocalizedMessage) -> ServerError {
    var copy = self
    copy.text = text
    return copy
  }

  static func badRequest(_ message: String) -> ServerError { ServerError(status: .badRequest, code: "bad_request", message: message) }
  static func badRequest(_ text: LocalizedMessage) -> ServerError { ServerError(status: .badRequest, code: "bad_request", text) }
  static func unauthorized(_ message: String) -> ServerError {
    ServerError(status: .unauthorized, code: "unauthorized", message: message, headers: [.wwwAuthenticate: "Bearer"])
  }
  static func unauthorized(_ text: LocalizedMessage) -> ServerError {
    ServerError(status: .unauthorized, code: "unauthorized", text, headers: [.wwwAuthenticate: "Bearer"])
  }
  static func forbidden(_ message: String) -> ServerError { ServerError(status: .forbidden, code: "forbidden", message: message) }
  static func forbidden(_ text: LocalizedMessage) -> ServerError { ServerError(status: .forbidden, code: "forbidden", text) }
  static func notFound(_ message: String) -> ServerError { ServerError(status: .notFound, code: "not_found", message: message) }
  static func unprocessable(_ message: String) -> ServerError {
    ServerError(status: .unprocessableContent, code: "unprocessable", message: message)
  }
  static func tooManyRequests(retryAfter: Int) -> ServerError {
    ServerError(
      status: .tooManyRequests, code: "too_many_requests", LocalizedMessage(.srvTooManySignIns, [retryAfter]), headers: [.retryAfter: String(retryAfter)])
  }

  /// The client's view of any error.
  static func from(_ error: any Error, bodyLimit: Int) -> ServerError {
    switch error {
    case let error as ServerError: return error
    case let error as CallQAError: return from(error)
    case let error as LocatedError: return .badRequest(error.description).with(error.localized)
    case let error as AnswerError: return .badRequest(error.description).with(error.localized)
    case let error as HTTPError:
      return ServerError(status: error.status, code: code(error.status), message: error.body ?? error.status.reasonPhrase)
    case let error as any HTTPResponseError:
      if error.status == .contentTooLarge {
        return ServerError(status: .contentTooLarge, code: "payload_too_large", LocalizedMessage(.srvBodyTooLarge, [bodyLimit]))
      }
      return ServerError(status: error.status, code: code(error.status), message: error.status.reasonPhrase)
    case let error as DecodingError:
      return .badRequest("the body is not the JSON expected: \(error)".split(separator: "\n").first.map(String.init) ?? "bad JSON")
    default:
      return ServerError(status: .internalServerError, code: "internal", LocalizedMessage(.srvInternalError, []))
    }
  }

  /// The HTTP view of a library error (README "Running callqa for a team": errors).
  static func from(_ error: CallQAError) -> ServerError {
    plain(error).with(error.text)
  }

  private static func plain(_ error: CallQAError) -> ServerError {
    switch error.kind {
    case .invalidInput: return .badRequest(error.message)
    case .notFound: return .notFound(error.message)
    case .conflict: return ServerError(status: .conflict, code: "conflict", message: error.message)
    case .forbidden: return .forbidden(error.message)
    case .storage(.busy):
      return ServerError(status: .serviceUnavailable, code: "busy", message: error.message, headers: [.retryAfter: "1"])
    case .storage: return ServerError(status: .internalServerError, code: "storage", message: error.message)
    }
  }

  private static func code(_ status: HTTPResponse.Status) -> String {
    switch status.code {
    case 400: "bad_request"
    case 401: "unauthorized"
    case 403: "forbidden"
    case 404: "not_found"
    case 405: "method_not_allowed"
    case 409: "conflict"
    case 413: "payload_too_large"
    case 415: "unsupported_media_type"
    case 422: "unprocessable"
    case 429: "too_many_requests"
    case 503: "busy"
    default: status.code >= 500 ? "internal" : "error"
    }
  }
}

extension ServerError {
  /// `status` and `code` with a catalogue message: English in `message` (the JSON body), the
  /// page's language on a page. (In an extension, so the memberwise initialiser stays.)
  init(status: HTTPResponse.Status, code: String, _ text: LocalizedMessage, headers: HTTPFields = [:]) {
    self.init(status: status, code: code, message: text.description, headers: headers, text: text)
  }
}

/// The JSON body of every error: `{"error": CODE, "message": ONE LINE}`.
struct ErrorBody: Encodable {
  var error: String
  var message: String
}
