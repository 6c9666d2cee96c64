import Testing

@testable import CallQAKit

@Suite("PII redaction corpus")
struct RedactionTests {
  /// Each line holds personal data of one class; the value must disappear and the mask appear.
  static let caught: [(String, String, PIIRedactor.Kind)] = [
    ("客户手机13812345678已核实", "13812345678", .mobile),
    ("回拨 139-1234-5678 即可", "139-1234-5678", .mobile),
    ("mobile +86 159 8765 4321.", "159 8765 4321", .mobile),
    ("电话:19912345678，谢谢", "19912345678", .mobile),
    ("座机 010-62345678 转人工", "010-62345678", .landline),
    ("store (0755)88889999 open", "88889999", .landline),
    ("办公室0571-8765432", "0571-8765432", .landline),
    ("身份证号11010519491231002X已登记", "11010519491231002X", .residentId),
    ("ID 440304198506121230 verified", "440304198506121230", .residentId),
    ("卡号6222021234567890128扣款", "6222021234567890128", .bankCard),
    ("card 4111 1111 1111 1111 expired", "4111 1111 1111 1111", .bankCard),
    ("visa 4012888888881881", "4012888888881881", .bankCard),
    ("邮箱 wang.xiaoming@example.com.cn 请查收", "wang.xiaoming@example.com.cn", .email),
    ("mail ops+qa@call-centre.example.org now", "ops+qa@call-centre.example.org", .email),
  ]

  /// Ordinary numbers that must survive untouched.
  static let ordinary: [String] = [
    "final 87.5, raw 92.3, weight 25",
    "call lasted 03:10 (190 s), clip 00:45-03:10",
    "called on 2026-11-03 at 09:15:00+08:00",
    "订单号 20261103042 已退款 (11 digits starting with 2)",
    "order 12345678, ticket A-2026-0042",
    "工号 10086 / 95588 热线",
    "quantity 1380 units, 2 calls",
    "18-digit number with a bad checksum (and failing Luhn) 110105194912310027 is left",
    "16 digits failing Luhn 4111111111111112 are left",
    "12 digits 123456789012 are not a card",
    "version 1.2.3, ratio 13:8",
    "phone-like but 12 digits 138123456789 is not a mobile",
  ]

  @Test(arguments: caught)
  func everyClassIsCaught(text: String, secret: String, kind: PIIRedactor.Kind) {
    let redacted = PIIRedactor.redact(text)
    #expect(!redacted.contains(secret), "\(secret) survived in \(redacted)")
    #expect(redacted.contains(kind.mask), "\(redacted) lacks \(kind.mask)")
    #expect(PIIRedactor.findings(text) == [kind])
  }

  @Test(arguments: ordinary)
  func ordinaryNumbersAreLeftAlone(text: String) {
    #expect(PIIRedactor.redact(text) == text)
  }

  @Test func severalKindsInOneNoteAndSurroundingTextKept() {
    let note = "客户王女士(13812345678, wang@example.com)卡号6222021234567890128，得分95.5"
    #expect(PIIRedactor.redact(note) == "客户王女士([mobile redacted], [email redacted])卡号[bank-card redacted]，得分95.5")
  }

  @Test func checksumsAreTheStandardOnes() {
    #expect(PIIRedactor.isResidentId("11010519491231002X"))
    #expect(!PIIRedactor.isResidentId("110105194912310021"))
    #expect(!PIIRedactor.isResidentId("110105194913310029"))  // month 13 with a matching check digit
    #expect(PIIRedactor.passesLuhn("79927398713"))
    #expect(!PIIRedactor.passesLuhn("79927398710"))
  }
}
