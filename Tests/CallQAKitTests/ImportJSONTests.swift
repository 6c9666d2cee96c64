import Testing

@testable import CallQAKit

@Suite("ImportJSON: the import's JSON scanner")
struct ImportJSONTests {
  static func parse(_ text: String) throws(CallQAError) -> ImportJSON {
    try Array(text.utf8).withUnsafeBufferPointer { buffer throws(CallQAError) in try ImportJSON.parse(buffer) }
  }

  static func string(_ text: String) throws -> String? {
    if case .string(let value) = try parse(text) { return value }
    return nil
  }

  @Test func readsObjectsInOrderWithEveryValueType() throws {
    let value = try Self.parse(#" { "b": [1, -2.5e1, true, false, null], "a": {"x": "y"}, "c": 0 } "#)
    guard case .object(let members) = value else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["b", "a", "c"])
    guard case .array(let items) = members[0].value else {
      Issue.record("not an array")
      return
    }
    #expect(items.count == 5)
    if case .number(let n) = items[1] { #expect(n == -25) } else { Issue.record("not a number") }
    if case .number(let n) = members[2].value { #expect(n == 0) } else { Issue.record("not a number") }
  }

  @Test func decodesEscapesSurrogatesAndChinese() throws {
    #expect(try Self.string(#""a\"b\\c\/d\n\t""#) == "a\"b\\c/d\n\t")
    #expect(try Self.string(#""\u597d\u597D""#) == "好好")
    #expect(try Self.string(#""\ud83d\ude00""#) == "😀")
    #expect(try Self.string(#""客户说了“好好好”""#) == "客户说了“好好好”")
  }

  @Test(arguments: [
    ("", "unexpected end of line"), ("{", "expected a quoted key"), (#"{"a" 1}"#, "expected ':'"),
    (#"{"a":1,}"#, "expected a quoted key"), (#"{"a":1} x"#, "unexpected text after the JSON value"),
    (#""abc"#, "a string is never closed"), (#""\x""#, "an invalid escape"), (#""\ud83d""#, "an unpaired surrogate"),
    ("01", "a number with a leading zero"), ("1.", "a malformed number"), ("-", "a malformed number"),
    ("1e999", "a number out of range"), ("tru", "unexpected end of line"), ("[1 2]", "expected ',' or ']'"),
    (String(repeating: "[", count: 100), "nested too deeply"), ("\"a\tb\"", "a control character"),
  ])
  func rejectsMalformedJSONWithAReason(text: String, reason: String) {
    #expect {
      try Self.parse(text)
    } throws: { error in
      (error as? CallQAError)?.message.contains(reason) == true
    }
  }

  @Test func rejectsInvalidUTF8InStrings() {
    let bytes: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
    #expect(throws: CallQAError.self) { try bytes.withUnsafeBufferPointer { buffer throws(CallQAError) in try ImportJSON.parse(buffer) } }
  }

  @Test func recordErrorsNameTheField() throws {
    func reason(_ json: String) -> String {
      do {
        _ = try JSONImportRecord.record(try Self.parse(json))
        return "ok"
      } catch {
        return error.message
      }
    }
    let base = #""external_id":"E","scorecard":"s","kind":"monitoring","agent":"A","inspector":"Q","answers":{"x":"yes"}"#
    #expect(reason("{\(base),\"call\":{\"id\":\"C\"}}") == "ok")
    #expect(reason("{\(base)}") == "missing field 'call'")
    #expect(reason("{\(base),\"call\":{\"id\":\"C\",\"duration_s\":\"long\"}}") == "field 'call.duration_s': expected a number, not a string")
    #expect(reason("{\(base),\"call\":{\"id\":\"C\",\"room\":1}}").hasPrefix("unknown call field 'room'"))
    #expect(reason("{\(base),\"call\":{\"id\":\"C\"},\"colour\":1}").hasPrefix("unknown field 'colour'"))
    #expect(reason("{\(base),\"call\":{\"id\":\"C\"},\"_note\":1}") == "ok")
    #expect(reason("{\(base),\"call\":{\"id\":\"C\"},\"agent\":\"B\"}") == "record: 'agent' appears twice")
    #expect(reason(#"{"external_id":" ","call":{"id":"C"},"answers":{}}"#) == "field 'external_id' is empty")
    #expect(reason("[1]") == "record: expected an object, not an array")
  }
}
