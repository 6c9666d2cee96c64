import ArgumentParser
import CallQAKit

extension CallQA.Autoscore {
  /// `callqa autoscore attach`: give a call its transcript.
  struct Attach: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractAttachTranscriptFile),
      discussion: Terminal.help(.discussionFileReadChecked))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var speakers: SpeakerLabelOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpCallIdFrom))) var call: String
    @Option(help: ArgumentHelp(Terminal.help(.helpAgentCodeCall))) var agent: String
    @Option(help: ArgumentHelp(Terminal.help(.helpTranscriptFileTxtVtt))) var transcript: String
    @Option(help: ArgumentHelp(Terminal.help(.helpWhenNewCall))) var startedAt: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpInboundOutboundNew))) var direction: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpLengthNewCall))) var duration: Double?
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
