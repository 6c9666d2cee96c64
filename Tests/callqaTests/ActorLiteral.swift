import CallQAKit

/// Tests name the single desk's OS account with a string literal (`actor: "QA1"`); the
/// product never builds an actor from a string (see ``Actor``).
extension Actor: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) {
    self = .singleDesk(osUser: value)
  }
}
