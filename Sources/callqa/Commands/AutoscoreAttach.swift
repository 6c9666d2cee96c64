import ArgumentParser
import CallQAKit

extension CallQA.Autoscore {
  /// `callqa autoscore attach`: give a call its transcript.
  struct Attach: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Attach a transcript file to a call (creating the call for the agent when new).",
      discussion: "The file is read and checked first: a malformed transcript is refused with FILE:LINE.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var speakers: SpeakerLabelOptions
    @Option(help: "Call id (from the telephony system).") var call: String
    @Option(help: "Agent code of the call.") var agent: String
    @Option(help: "Transcript file (.txt, .vtt, .srt, .json).") var transcript: String
    @Option(help: "When a new call started (ISO-8601 with offset).") var startedAt: String?
    @Option(help: "inbound or outbound (a new call).") var direction: String?
    @Option(help: "Length of a new call in seconds.") var duration: Double?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let parsed = try TranscriptReader.load(path: transcript, labels: speakers.labels)
      try db.attachTranscript(
        CallInput(externalId: call, startedAt: startedAt, duration: duration, direction: direction, transcript: transcript),
        agentCode: agent, actor: db.terminalActor())
      Console.out("call \(call): transcript \(transcript) (\(parsed.segments.count) utterances)")
    }
  }
}
