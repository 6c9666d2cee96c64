/// An optional property that JSON writes as `null` when it has no value, instead of leaving
/// its key out (what synthesized `Encodable` does). callqa's JSON contracts name every key
/// in every object, so a script can rely on the shape; with this wrapper a type gets that
/// from synthesized `Codable` rather than a hand-written `encode(to:)`.
@propertyWrapper
public struct NullEncoded<Value> {
  public var wrappedValue: Value?

  public init(wrappedValue: Value?) {
    self.wrappedValue = wrappedValue
  }
}

extension NullEncoded: Encodable where Value: Encodable {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
  }
}

extension NullEncoded: Decodable where Value: Decodable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
  }
}

extension KeyedDecodingContainer {
  /// A missing key decodes as nil, as it would for a plain optional.
  public func decode<Value: Decodable>(_ type: NullEncoded<Value>.Type, forKey key: Key) throws -> NullEncoded<Value> {
    NullEncoded(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
  }
}

extension NullEncoded: Equatable where Value: Equatable {}
extension NullEncoded: Hashable where Value: Hashable {}
extension NullEncoded: Sendable where Value: Sendable {}
