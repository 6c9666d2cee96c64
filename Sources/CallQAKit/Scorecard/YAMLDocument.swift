import Foundation
import Yams

/// A YAML node with its position, read with typed accessors that fail with `file:line:column`.
///
/// Scalars are interpreted here rather than by Yams' YAML 1.1 resolver, so `no` in a
/// title stays text and `017` stays a string where a string is expected.
struct YAMLValue {
  let node: Node
  let file: String
  /// Where this value sits, e.g. `item 'greeting'` (a catalogue phrase, rendered in the
  /// reader's language), nil at the top.
  let context: MessageArgument?

  var location: SourceLocation {
    SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  /// `key` with `arguments` at this value, after its context (`item 'greeting': …`).
  func error(_ key: MessageKey, _ arguments: any CustomStringConvertible...) -> LocatedError {
    error(text: LocalizedMessage(key, arguments))
  }

  /// `message` at this value, after its context.
  func error(text message: LocalizedMessage) -> LocatedError {
    LocatedError(location, text: context.map { LocalizedMessage(.errContextPrefixed, arguments: [$0, .message(message)]) } ?? message)
  }

  /// Parses `text` and returns its root, or an error pointing at the bad spot.
  static func parse(_ text: String, file: String) throws -> YAMLValue {
    do {
      guard let root = try Yams.compose(yaml: text) else {
        throw LocatedError(SourceLocation(file: file, line: 1, column: 1), .errFileEmpty)
      }
      return YAMLValue(node: root, file: file, context: nil)
    } catch let error as YamlError {
      throw YAMLValue.locate(error, file: file)
    }
  }

  static func locate(_ error: YamlError, file: String) -> LocatedError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return LocatedError(SourceLocation(file: file, line: mark.line, column: mark.column), .errInvalidYaml, problem)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
      return LocatedError(SourceLocation(file: file, line: context.mark.line, column: context.mark.column), .errDuplicateKeyMapping, keys)
    case .reader(let problem, _, _, _):
      return LocatedError(SourceLocation(file: file, line: 1, column: 1), .errCannotReadFile2, problem)
    default:
      return LocatedError(SourceLocation(file: file, line: 1, column: 1), .errInvalidYaml, MessageArgument.describing(error))
    }
  }

  func with(context: MessageArgument?) -> YAMLValue { YAMLValue(node: node, file: file, context: context) }

  // MARK: - Mappings

  /// The mapping's entries in file order; duplicate and non-string keys are errors.
  func mapping(allowed: Set<String>? = nil, expected: MessageArgument = .phrase(.yamlMapping)) throws -> YAMLMapping {
    guard case .mapping(let mapping) = node else { throw error(.errExpected, expected) }
    var entries: [(key: String, keyNode: YAMLValue, value: YAMLValue)] = []
    var seen = Set<String>()
    for (keyNode, valueNode) in mapping {
      guard case .scalar(let scalar) = keyNode else {
        throw YAMLValue(node: keyNode, file: file, context: context).error(.errMappingKeysMust)
      }
      let key = scalar.string
      let keyValue = YAMLValue(node: keyNode, file: file, context: context)
      if !seen.insert(key).inserted { throw keyValue.error(.errDuplicateKey, key) }
      if let allowed, !allowed.contains(key) {
        throw keyValue.error(.errUnknownKeyAllowed, key, MessageArgument.list(allowed.sorted()))
      }
      entries.append((key, keyValue, YAMLValue(node: valueNode, file: file, context: context)))
    }
    return YAMLMapping(owner: self, entries: entries)
  }

  func sequence() throws -> [YAMLValue] {
    guard case .sequence(let sequence) = node else { throw error(.errExpectedList) }
    return sequence.map { YAMLValue(node: $0, file: file, context: context) }
  }

  // MARK: - Scalars

  var scalar: Node.Scalar? {
    if case .scalar(let scalar) = node { return scalar }
    return nil
  }

  var isNull: Bool {
    guard let scalar else { return false }
    return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  func string(_ what: MessageArgument = .phrase(.yamlText)) throws -> String {
    guard let scalar, !isNull else { throw error(.errExpected, what) }
    return scalar.string
  }

  func number(_ what: MessageArgument) throws -> Double {
    guard let scalar, scalar.style == .plain, let value = YAMLValue.parseNumber(scalar.string) else {
      throw error(.errMustNumber, what)
    }
    return value
  }

  func integer(_ what: MessageArgument) throws -> Int {
    guard let scalar, scalar.style == .plain, let value = Int(scalar.string) else {
      throw error(.errMustInteger, what)
    }
    return value
  }

  func bool(_ what: MessageArgument) throws -> Bool {
    guard let scalar, scalar.style == .plain else { throw error(.errMustTrueFalse2, what) }
    switch scalar.string.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw error(.errMustTrueFalse, what, scalar.string)
    }
  }

  /// A finite decimal number; rejects NaN, infinities and hexadecimal forms.
  static func parseNumber(_ text: String) -> Double? {
    let allowed = Set("0123456789+-.eE")
    guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }), let value = Double(text),
      value.isFinite
    else { return nil }
    return value
  }
}

/// The entries of a YAML mapping, looked up by key, remembering the owner for errors.
struct YAMLMapping {
  let owner: YAMLValue
  let entries: [(key: String, keyNode: YAMLValue, value: YAMLValue)]

  subscript(key: String) -> YAMLValue? { entries.first { $0.key == key }?.value }

  /// The same entries, reporting errors with `context` (e.g. once an item's key is known).
  func with(context: MessageArgument?) -> YAMLMapping {
    YAMLMapping(
      owner: owner.with(context: context),
      entries: entries.map { ($0.key, $0.keyNode.with(context: context), $0.value.with(context: context)) })
  }

  /// Fails on the first key not in `allowed`.
  func checkAllowed(_ allowed: Set<String>) throws {
    if let entry = entries.first(where: { !allowed.contains($0.key) }) {
      throw entry.keyNode.error(.errUnknownKeyAllowed, entry.key, MessageArgument.list(allowed.sorted()))
    }
  }

  func required(_ key: String) throws -> YAMLValue {
    guard let value = self[key], !value.isNull else { throw owner.error(.errMissingRequiredKey, key) }
    return value
  }
}
