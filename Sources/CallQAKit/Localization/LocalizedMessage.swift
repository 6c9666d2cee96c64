/// A message of the catalogue with its arguments, kept as a value and rendered in any language
/// when it is shown: an error made deep in the library reads in the language of whoever reads
/// it (the terminal's, a page's), and in English for logs and JSON.
public struct LocalizedMessage: Hashable, Sendable, CustomStringConvertible {
  public var key: MessageKey
  public var arguments: [MessageArgument]

  /// `key` with `arguments`: a ``CallQAError``, ``LocatedError`` or ``LocalizedMessage`` renders in the
  /// same language as the message around it, a ``MessageArgument`` as itself, anything else as its
  /// `description` (codes, ids, paths and numbers stay as they are).
  public init(_ key: MessageKey, _ arguments: [any CustomStringConvertible]) {
    self.key = key
    self.arguments = arguments.map(MessageArgument.init(wrapping:))
  }

  /// `key` with `arguments` already wrapped.
  public init(_ key: MessageKey, arguments: [MessageArgument]) {
    self.key = key
    self.arguments = arguments
  }

  /// Text given as it is, without a key: what a dependency (SQLite, the YAML parser, the
  /// operating system) said. Renders the same in every language.
  public static func verbatim(_ text: String) -> LocalizedMessage {
    LocalizedMessage(.verbatim, arguments: [.text(text)])
  }

  /// The message in the language of `words`.
  public func rendered(_ words: Messages) -> String {
    Messages.format(words[key], arguments.map { $0.rendered(words) })
  }

  /// The message in English (logs, JSON bodies, tests).
  public var description: String { rendered(Messages(.en)) }
}

/// One argument of a ``LocalizedMessage``.
public indirect enum MessageArgument: Hashable, Sendable, CustomStringConvertible {
  /// Shown as it is in every language: a code, an id, a path, a number.
  case text(String)
  /// A message of its own, rendered in the same language (a nested error).
  case message(LocalizedMessage)
  /// Items joined as a list: `a, b` in English, `a、b` in Chinese.
  case list([String])
  /// Items quoted and joined: `'a', 'b'` in English, `“a”、“b”` in Chinese.
  case quotedList([String])

  /// `value` as an argument (see ``LocalizedMessage/init(_:_:)``).
  public init(wrapping value: any CustomStringConvertible) {
    switch value {
    case let argument as MessageArgument: self = argument
    case let message as LocalizedMessage: self = .message(message)
    case let error as CallQAError: self = .message(error.text)
    case let error as LocatedError: self = .message(error.localized)
    case let error as AnswerError: self = .message(error.localized)
    default: self = .text(value.description)
    }
  }

  /// A message of the catalogue as an argument: a noun or phrase the library composes into
  /// another message (a read's subject, a YAML value's place), in the reader's language.
  public static func phrase(_ key: MessageKey, _ arguments: any CustomStringConvertible...) -> MessageArgument {
    .message(LocalizedMessage(key, arguments))
  }

  /// Any error as an argument: callqa's own render in the reader's language, another's as
  /// its description.
  public static func describing(_ error: any Error) -> MessageArgument {
    switch error {
    case let error as CallQAError: return .message(error.text)
    case let error as LocatedError: return .message(error.localized)
    case let error as AnswerError: return .message(error.localized)
    default: return .text("\(error)")
    }
  }

  /// The argument in the language of `words`.
  public func rendered(_ words: Messages) -> String {
    switch self {
    case .text(let text): return text
    case .message(let message): return message.rendered(words)
    case .list(let items): return words.list(items)
    case .quotedList(let items): return words.list(items.map { words.language == .zh ? "“\($0)”" : "'\($0)'" })
    }
  }

  /// In English.
  public var description: String { rendered(Messages(.en)) }
}
