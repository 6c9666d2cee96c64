import Foundation
import TestOracles
import Testing

@testable import CallQAKit

enum TranscriptFixtures {
  static let folder = Repo.fixtures.appendingPathComponent("transcripts")
  static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
  static func load(_ name: String, labels: SpeakerLabels = .standard) throws -> Transcript {
    try TranscriptReader.load(path: path(name), labels: labels)
  }
}

@Suite("Transcript reader: text, WebVTT, SRT, JSON; normalisation; malformed input")
struct TranscriptReaderTests {
  @Test func plainTextWithTimestampRanges() throws {
    let t = try TranscriptFixtures.load("zh-good.txt")
    #expect(t.segments.count == 7)
    #expect(t.segments.map(\.speaker) == [.agent, .customer, .agent, .agent, .customer, .agent, .customer])
    #expect(t.segments[0].start == 3.2 && t.segments[0].end == 7.0)
    #expect(t.segments[0].text == "您好，很高兴为您服务，工号1234，请问有什么可以帮您？")
    #expect(t.segments[6].line == 7 && t.segments[6].label == "客户")
    #expect(t.hasEndTimes && t.duration == 29.5)
  }

  @Test func plainTextWithoutTimesAndContinuationLines() throws {
    let t = try TranscriptFixtures.load("no-times.txt")
    #expect(t.segments.count == 4)
    #expect(t.segments[2].text == "I don't know. That's all.")
    #expect(t.segments[2].line == 4)
    #expect(!t.hasStartTimes && t.duration == nil)
  }

  @Test func webVTTVoiceTagsNotesSettingsAndEntities() throws {
    let t = try TranscriptFixtures.load("en-call.vtt")
    #expect(t.segments.map(\.speaker) == [.agent, .customer, .agent, .agent])
    #expect(t.segments[0].text == "Hello, this is ACME support, agent number 42. How can I help you?")
    #expect(t.segments[1].start == 5.5 && t.segments[1].end == 9.0)
    #expect(t.segments[2].label == "Agent" && t.segments[2].start == 8.2)
    #expect(t.segments[3].text == "Please rate our service after the call. Goodbye & thanks!")
    #expect(t.segments[3].line == 18)
  }

  @Test func srtWithCRLFFullWidthColonAndTwoLineCue() throws {
    let t = try TranscriptFixtures.load("zh-call.srt")
    #expect(t.segments.count == 4)
    #expect(t.segments[0].label == "坐席" && t.segments[0].text == "您好，工号５６７８，请讲。")
    #expect(t.segments[2].text == "没办法，您自己去问快递公司吧。 ＳＨＵＴ ＵＰ！")
    #expect(t.segments[2].start == 8.5 && t.segments[2].end == 11.0 && t.segments[2].line == 11)
  }

  @Test func jsonWithExtraKeysAndCaseInsensitiveSpeakers() throws {
    let t = try TranscriptFixtures.load("en-call.json")
    #expect(t.segments.map(\.line) == [2, 3, 4, 5])
    #expect(t.segments[3].speaker == .agent && t.segments[3].label == "Agent")
    #expect(t.segments[3].start == 20 && t.segments[3].end == 22)
  }

  @Test func speakerWordsAreConfigurable() throws {
    #expect(throws: LocatedError.self) { try TranscriptFixtures.load("custom-labels.txt") }
    let labels = SpeakerLabels(agent: ["话务员"], customer: ["来电人"])
    let t = try TranscriptFixtures.load("custom-labels.txt", labels: labels)
    #expect(t.segments.map(\.speaker) == [.agent, .customer])
  }

  @Test func formatIsSniffedWithoutAnExtension() throws {
    for name in ["zh-good.txt", "en-call.vtt", "zh-call.srt", "en-call.json"] {
      let text = try String(contentsOfFile: TranscriptFixtures.path(name), encoding: .utf8)
      let extensionless = try TranscriptReader.parse(text: text, file: "upload")
      #expect(extensionless.segments == (try TranscriptFixtures.load(name)).segments, "\(name)")
    }
    #expect(TranscriptFormat.detect(fileName: "x", text: "[00:01.0] 坐席: 您好") == .text)
    #expect(TranscriptFormat.detect(fileName: "x", text: "\u{FEFF}WEBVTT\n") == .vtt)
    #expect(TranscriptFormat.detect(fileName: "x", text: " [ {\"a\": 1} ]") == .json)
  }

  @Test(
    "malformed transcripts fail with FILE:LINE and a reason",
    arguments: [
      ("bad-timestamp.txt", "bad-timestamp.txt:2: '[00:0x.5]' is not a timestamp (use [mm:ss.f], [hh:mm:ss.fff] or [start-end])"),
      ("unknown-speaker.txt", "unknown-speaker.txt:2: unknown speaker '经理' (agent labels: 坐席, 座席, 客服, agent; customer labels: 客户, 顾客, 用户, customer, caller)"),
      ("backwards.txt", "backwards.txt:2: timestamps go backwards (00:02.0 after 00:05.0)"),
      ("missing-timestamp.txt", "missing-timestamp.txt:2: this utterance has no timestamp but others do"),
      (
        "no-speaker.txt",
        "no-speaker.txt:1: expected 'speaker: text' with a known speaker (agent labels: 坐席, 座席, 客服, agent; customer labels: 客户, 顾客, 用户, customer, caller)"
      ),
      ("ends-before-start.txt", "ends-before-start.txt:1: the utterance ends (00:03.0) before it starts (00:05.0)"),
      ("empty.txt", "empty.txt:1: the transcript has no utterances"),
      ("bad-timing.srt", "bad-timing.srt:6: expected a cue timing 'hh:mm:ss.ttt --> hh:mm:ss.ttt'"),
      (
        "no-voice.vtt",
        "no-voice.vtt:4: this cue names no speaker (start it with <v 坐席> or '坐席:'; agent labels: 坐席, 座席, 客服, agent; customer labels: 客户, 顾客, 用户, customer, caller)"
      ),
      ("bad-cue.vtt", "bad-cue.vtt:6: '00:00:03.000 --> 00:00:xx.000' is not a cue timing (hh:mm:ss.ttt --> hh:mm:ss.ttt)"),
      ("no-header.vtt", "no-header.vtt:1: a WebVTT transcript starts with 'WEBVTT'"),
      ("missing-speaker.json", "missing-speaker.json:3: utterance 2: missing \"speaker\" (a string)"),
      ("syntax.json", "syntax.json:3: invalid JSON: invalid value"),
      ("not-array.json", "not-array.json:1: expected a JSON array of {start, end, speaker, text}"),
      ("bad-start.json", "bad-start.json:2: utterance 1: \"start\" must be a number of seconds or a time like 00:01.2"),
    ])
  func malformed(name: String, expected: String) throws {
    do {
      _ = try TranscriptFixtures.load("bad/" + name)
      Issue.record("\(name) was accepted")
    } catch let error as LocatedError {
      #expect(error.description == expected)
    }
  }

  @Test func times() {
    #expect(TranscriptTime.parse("00:01.2") == 1.2)
    #expect(TranscriptTime.parse("1:02:03,500") == 3723.5)
    #expect(TranscriptTime.parse("12.5") == 12.5)
    for bad in ["", "1:2:3:4", "00:61", "0x:10", "-1", "1:."] { #expect(TranscriptTime.parse(bad) == nil, "\(bad)") }
    #expect(TranscriptTime.format(3.25) == "00:03.3")
    #expect(TranscriptTime.format(75) == "01:15.0")
    #expect(TranscriptTime.format(3723.5) == "1:02:03.5")
  }

  @Test func normalisation() {
    #expect(TextNormaliser.normalise("您好，工号 １２３４！") == "您好工号1234")
    #expect(TextNormaliser.normalise("I Don't   Know.") == "idontknow")
    #expect(TextNormaliser.normalise("ＳＨＵＴ　ＵＰ！！") == "shutup")
    #expect(TextNormaliser.normalise("“这不归我管”……《规定》、【注意】～") == "这不归我管规定注意")
    #expect(TextNormaliser.normalise("Ａｇｅｎｔ-Nº 7") == "agentnº7")
    #expect(TextNormaliser.normalise("ÉCOLE") == "école")
  }
}

@Suite("The JSON transcript schema agrees with the reader")
struct TranscriptSchemaTests {
  @Test func schemaAcceptsGoodAndRejectsBadJSONTranscripts() throws {
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      for path in sys.argv[2:]:
          try:
              jsonschema.validate(json.load(open(path, encoding='utf-8')), schema, cls=jsonschema.Draft202012Validator)
              print(path.split('/')[-1], 'accepts')
          except Exception:
              print(path.split('/')[-1], 'rejects')
      """
    let files = ["en-call.json", "bad/missing-speaker.json", "bad/not-array.json", "bad/bad-start.json"]
    let output = try Python.output(
      script, arguments: [Repo.schemas.appendingPathComponent("transcript.schema.json").path] + files.map(TranscriptFixtures.path))
    #expect(output == "en-call.json accepts\nmissing-speaker.json rejects\nnot-array.json rejects\nbad-start.json rejects\n")
  }
}
