import CallQAKit
import Foundation

/// The terminal side of interactive scoring: a thin loop that feeds stdin lines to the
/// library's ``ScoringSetup`` and ``ScoringSession``, stores their effects in the draft
/// (each in its own transaction) and prints their output.
extension CallQA.Score {
  func runInteractive() throws {
    let db = try database.open()
    let actor = try db.terminalActor()
    let interrupt = InterruptGuard.install()
    let reader = PromptReader()
    let draftId = try resume ? resumeTarget(db, reader, actor) : startDraft(db, reader, interrupt, actor)
    let draft = try db.draft(id: draftId)
    let scorecard = draft.scorecard.scorecard
    let words = language.words
    let resumeHint = words(.scoreResumeHint, draftId)
    interrupt.setMessage(words(.scoreInterrupted, resumeHint))
    Console.out(Console.dim(words(.scoreDraftLine, draftId, draft.callId, draft.agentCode, draft.inspectorCode)))

    var session = ScoringSession(
      scorecard: scorecard, language: language.language, answers: draft.answers, notes: draft.notes,
      comment: draft.comment, proposals: prefill(db, draft), causes: draft.causes)
    session.frontEndKeys = ListeningKeys.help(words)
    var keys = ListeningKeys(listening: try db.listening(call: draft.callId, media: media, labels: speakers.labels), words: words)
    defer { keys.finish() }
    for line in keys.opening() { Console.out(line) }
    var step = session.start()
    var hintedItem: String?
    while true {
      try interrupt.protect {
        for effect in step.effects { try apply(effect, to: db, draft: draft, actor: actor) }
      }
      if session.isSubmitted {
        interrupt.setMessage(words(.scoreInterruptedSubmitted, draftId))
      }
      for output in step.output {
        switch output {
        case .line(let text, let style): Console.out(Self.styled(text, style))
        case .table(let table): Console.out(table.render())
        case .breakdown:
          Console.out(EvaluationView.render(try db.draftPreview(id: draftId), scorecard: scorecard, language: language.language))
        }
      }
      if let item = session.currentItem, item != hintedItem {
        hintedItem = item
        if let hint = keys.hint(for: session.proposals[item]) { Console.out(hint) }
      }
      guard let prompt = step.prompt else { break }
      guard let line = readAnswer(prompt, reader, &keys, session) else {
        guard session.isSubmitted else {
          throw CallQAError(.errInputEndedBefore, resumeHint)
        }
        Console.out(Self.styled(words[.scoreInputEndedNotTagged], .hint))
        break
      }
      step = session.handle(line)
    }
    if session.isSubmitted {
      let detail = try db.evaluation(id: draftId)
      if output.format == .json { return try printJSON(detail) }
      let verdict = words[detail.passed == true ? .evalPass : .evalFail]
      Console.out(words(.scoreSubmitted, draftId, ScoreFormat.score(detail.finalScore), verdict))
    } else if session.outcome == .savedDraft {
      Console.out(resumeHint)
    } else if session.outcome == .discarded {
      Console.out(words(.scoreDiscarded, draftId))
    }
  }

  /// Where the call's recording and transcript are looked up: the current folder, then the
  /// database's folder.
  var media: CallMedia { CallMedia(baseDirectory: (database.path as NSString).deletingLastPathComponent) }

  /// The next line for the session: listening keys typed on an item (`p`, `s`, `t`) are
  /// answered here and the prompt is shown again; nil when input ends.
  func readAnswer(_ prompt: String, _ reader: PromptReader, _ keys: inout ListeningKeys, _ session: ScoringSession) -> String? {
    while let line = reader.read(prompt) {
      guard let item = session.currentItem, let output = keys.handle(line, item: item, proposal: session.proposals[item]) else {
        return line
      }
      for text in output { Console.out(text) }
    }
    return nil
  }

  /// Stores one effect of the session, each in its own transaction.
  func apply(_ effect: ScoringEffect, to db: QADatabase, draft: Draft, actor: Actor) throws {
    switch effect {
    case .recordAnswer(let item, let answer, let proposed):
      try db.recordDraftAnswer(draft: draft.id, item: item, answer: answer, proposed: proposed, actor: actor)
    case .recordNote(let item, let note): try db.recordDraftNote(draft: draft.id, item: item, note: note, actor: actor)
    case .recordComment(let comment): try db.recordDraftComment(draft: draft.id, comment: comment, actor: actor)
    case .recordCauses(let item, let causes): try db.recordDraftCauses(draft: draft.id, item: item, causes: causes, actor: actor)
    case .submit: try db.submitDraft(draft.id, actor: actor)
    case .tagTrainingCase(let suggestion):
      try db.tagTrainingCase(evaluation: draft.id, suggestion, actor: actor)
    case .discard: try db.discardDraft(draft.id, actor: actor)
    }
  }

  /// Auto-QA proposals from the call's transcript; an unreadable transcript is reported and
  /// the session runs without proposals.
  func prefill(_ db: QADatabase, _ draft: Draft) -> [String: Proposal] {
    do {
      return try db.proposals(
        for: draft, labels: speakers.labels, baseDirectory: (database.path as NSString).deletingLastPathComponent)
    } catch {
      Console.out(Self.styled(language.words(.scoreNoTranscript, draft.callId, "\(error)"), .error))
      return [:]
    }
  }

  /// Asks what the options leave open, then opens the draft.
  func startDraft(_ db: QADatabase, _ reader: PromptReader, _ interrupt: InterruptGuard, _ actor: Actor) throws -> Int64 {
    try Policy.require(actor, .scoreCall)
    let typedInspector = actor.isSingleDesk ? inspector ?? environmentInspector() : try Policy.inspectorCode(for: actor, typed: inspector)
    let agents = try db.agents()
    let inspectors = try db.inspectors()
    let scorecards = try db.scorecards()
    if !agents.contains(where: \.active) { throw CallQAError(.errNoActiveAgents) }
    if inspectors.isEmpty { throw CallQAError(.errNoInspectorsAdd) }
    if scorecards.isEmpty { throw CallQAError(.errNoScorecardsRun) }
    // Every value given on the command line is checked here, before anything is asked or written.
    var setup = try ScoringSetup(
      given: .init(
        agent: agent, call: call, recording: recording, inspector: typedInspector,
        scorecard: scorecard, callStartedAt: callStartedAt),
      agents: agents, inspectors: inspectors, scorecards: scorecards, language: language.language,
      callOwner: { try db.agentOfCall($0) })
    var step = setup.start()
    while true {
      for output in step.output {
        switch output {
        case .line(let text, let style): Console.out(Self.styled(text, style))
        case .table(let table): Console.out(table.render())
        case .breakdown: break
        }
      }
      guard let prompt = step.prompt else { break }
      guard let line = reader.read(prompt) else { throw CallQAError(.errInputEndedBeforeScoring) }
      step = try setup.handle(line)
    }
    guard let choice = setup.choice else { throw CallQAError(.errScoringWasSet) }
    if let open = try db.draftId(call: choice.call, inspector: choice.inspector, scorecard: choice.scorecard.id) {
      Console.out(Self.styled(language.words(.scoreContinuing, open), .hint))
      return open
    }
    return try interrupt.protect {
      try db.createDraft(
        DraftInput(
          scorecard: choice.scorecard, agentCode: choice.agent, inspectorCode: choice.inspector,
          call: CallInput(externalId: choice.call, startedAt: callStartedAt, recording: choice.recording),
          kind: kind, actor: actor))
    }
  }

  /// The draft named after --resume, or the latest draft of the inspector.
  func resumeTarget(_ db: QADatabase, _ reader: PromptReader, _ actor: Actor) throws -> Int64 {
    let typed = actor.isSingleDesk ? inspector ?? environmentInspector() : try Policy.inspectorCode(for: actor, typed: inspector)
    if let draftId {
      let draft = try db.draft(id: draftId)
      try Policy.requireDraftOwner(actor, draft: draftId, owner: draft.inspectorCode, typed: typed)
      return draft.id
    }
    var code = typed
    while code == nil {
      guard let line = reader.read(language.words[.setupPromptInspector]) else { throw CallQAError(.errInputEndedNo) }
      let typed = line.trimmingCharacters(in: .whitespaces)
      if try db.inspectors().contains(where: { $0.code == typed }) {
        code = typed
      } else {
        Console.out(Self.styled(language.words(.scoreUnknownInspector, typed), .error))
      }
    }
    guard let code, let id = try db.latestDraftId(inspector: code) else {
      throw CallQAError(.errInspectorHasNoDraft, code ?? "")
    }
    return id
  }

  static func styled(_ text: String, _ style: LineStyle) -> String {
    switch style {
    case .plain: return text
    case .heading: return Console.bold(text)
    case .hint: return Console.dim(text)
    case .error: return Console.red(text)
    case .success: return Console.green(text)
    }
  }
}
