import Foundation
import Testing

@testable import CallQAKit

@Suite("Transcript cutting and safe paths")
struct TranscriptAndPathTests {
  static let transcript = """
    [00:01.0] 坐席: 您好，这里是客服中心，工号1024。
    [00:44.5] 客户: 我要投诉。
    [00:45.0] 坐席: 非常理解您的心情，
    请您慢慢说。
    [01:30] 客户: 好的。
    [03:10.0] 坐席: 还有什么可以帮您？
    [1:00:00] 坐席: 再见。
    """

  @Test func timestampedTranscriptIsCutToTheClipWithContinuationLines() throws {
    let result = TranscriptClip.cut(Self.transcript, to: try ClipRange.parse("00:45-03:10"))
    #expect(result.cut)
    #expect(result.text == "[00:45.0] 坐席: 非常理解您的心情，\n请您慢慢说。\n[01:30] 客户: 好的。")
  }

  @Test func untimedTranscriptOrNoClipKeepsEverything() throws {
    let plain = "坐席: 您好\n客户: 你好"
    #expect(TranscriptClip.cut(plain, to: try ClipRange.parse("0-10")) == .init(text: plain, cut: false))
    #expect(TranscriptClip.cut(Self.transcript, to: nil) == .init(text: Self.transcript, cut: false))
    #expect(TranscriptClip.timestamp(of: "[1:02:03.5] x") == 3723.5)
    #expect(TranscriptClip.timestamp(of: "[note] x") == nil)
  }

  @Test func slugsAreFileNameSafe() {
    #expect(SafePath.slug("../../etc/x") == "etc-x")
    #expect(SafePath.slug("耐心安抚 投诉客户！") == "耐心安抚-投诉客户")
    #expect(SafePath.slug("..") == "untitled")
    #expect(SafePath.slug("a/b\\c:d*e?f\"g<h>i|j\u{0}k") == "a-b-c-d-e-f-g-h-i-j-k")
    #expect(SafePath.slug(String(repeating: "长", count: 100)).count == 48)
    #expect(SafePath.fileExtension(of: "../../x.WAV") == "wav")
    #expect(SafePath.fileExtension(of: "call.wav/../../evil") == "bin")
    #expect(SafePath.fileExtension(of: "noext") == "bin")
  }

  @Test func filesOutsideTheRootAreRefused() throws {
    let root = URL(fileURLWithPath: "/tmp/export-root")
    #expect(try SafePath.file("cases/a.html", in: root).path == "/tmp/export-root/cases/a.html")
    for bad in ["../x", "cases/../../x", "/etc/passwd", "", "a//b", "./a"] {
      #expect(throws: CallQAError.self, "\(bad)") { try SafePath.file(bad, in: root) }
    }
  }
}
