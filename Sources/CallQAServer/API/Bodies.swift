import CallQAKit
import Hummingbird

/// Answers as a JSON body sends them (`"greet": "yes"`, `"tone": 20`, `"hold": "na"`, `true`),
/// read as the answers file reads its scalars: numbers stay numbers, the rest is text.
enum JSONAnswers {
  static func raw(_ values: [String: JSONValue]) throws -> [String: RawAnswer] {
    var raw: [String: RawAnswer] = [:]
    for (key, value) in values { raw[key] = try answer(value, item: key) }
    return raw
  }

  static func answer(_ value: JSONValue, item: String) throws -> RawAnswer {
    switch value {
    case .string(let text): return .text(text)
    case .number(let number): return .number(number)
    case .bool(let flag): return .bool(flag)
    case .null, .array, .object:
      throw ServerError.badRequest("item '\(item)': expected an answer (yes/no, a level score, a count or na)")
    }
  }

  /// A whole answer sheet for `scorecard`, checked by the library (each bad answer names its item).
  static func sheet(_ answers: [String: JSONValue], notes: [String: String]?, comment: String?, scorecard: Scorecard) throws -> AnswerSheet {
    try AnswerSheet.make(answers: raw(answers), notes: notes ?? [:], comment: comment, scorecard: scorecard)
  }
}

/// Which call is scored on which scorecard, and as whom: the head of a scoring or a draft request.
struct ScoringTarget: Decodable, Sendable {
  var scorecard: String
  var agent: String
  /// The call id; an unknown call is created for the agent.
  var call: String
  var callStartedAt: String?
  var kind: EvaluationKind?
  var inspector: String?

  enum CodingKeys: String, CodingKey {
    case scorecard, agent, call, kind, inspector
    case callStartedAt = "call_started_at"
  }

  /// The inspector code scored as: the one named, else the signed-in user's own (the library
  /// refuses another, and anyone who is not an inspector).
  func inspectorCode(for actor: Actor) -> String { inspector ?? actor.user?.inspectorCode ?? "" }

  var callInput: CallInput { CallInput(externalId: call, startedAt: callStartedAt) }
}

extension Request {
  /// The JSON body as `T` (400 for JSON of another shape, 413 beyond the body limit).
  func json<T: Decodable>(_ type: T.Type, context: ServerContext) async throws -> T {
    try await decode(as: type, context: context)
  }
}
