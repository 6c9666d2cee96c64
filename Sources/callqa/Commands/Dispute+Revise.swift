import CallQAKit
import Foundation

/// `dispute resolve ID --revise` without `--answers`: the scoring session over the disputed
/// evaluation's answers, notes, comment and causes, opened on its review, so the reviewer
/// changes only what the review changed. The work in progress is kept after every change
/// (``RevisionProgress``); `s` stores the revision through the same library call as an
/// answers file does.
extension CallQA.DisputeCommand.Resolve {
  /// Runs the session; returns the resolved dispute, or nil when the revision was kept or
  /// discarded without submitting.
  func reviseInteractively(_ db: QADatabase) throws -> Dispute? {
    let actor = try db.terminalActor()
    let start = try db.revisionStart(dispute: id, actor: actor)
    let words = language.words
    let progress = RevisionProgress(database: database.path, dispute: id)
    var sheet = start.sheet
    if let kept = try progress.load(scorecard: start.scorecard) {
      sheet = kept
      Console.out(Console.dim(words(.revisionContinuing, progress.path)))
    }
    let interrupt = InterruptGuard.install()
    interrupt.setMessage(
      progress.exists ? words(.revisionInterrupted, progress.path, id) : words(.revisionInterruptedNothing, id))
    Console.out(
      Console.dim(words(.revisionOpening, start.disputed.id, id, start.dispute.call, start.dispute.agent)))
    var session = ScoringSession(
      scorecard: start.scorecard, language: language.language, answers: sheet.answers, notes: sheet.notes,
      comment: sheet.comment, causes: sheet.causes)
    session.isRevision = true
    let reader = PromptReader()
    var step = session.start()
    var resolved: Dispute?
    while true {
      for effect in step.effects {
        switch effect {
        case .submit:
          resolved = try interrupt.protect {
            try db.reviseDispute(id: id, sheet: session.sheet, reviewer: by, note: note, actor: actor)
          }
          progress.remove()
        case .tagTrainingCase(let suggestion):
          if let revision = resolved?.revision {
            _ = try interrupt.protect { try db.tagTrainingCase(evaluation: revision, suggestion, actor: actor) }
          }
        case .discard:
          progress.remove()
        case .recordAnswer, .recordNote, .recordComment, .recordCauses:
          try interrupt.protect { try progress.save(session.sheet) }
          interrupt.setMessage(words(.revisionInterrupted, progress.path, id))
        }
      }
      for output in step.output {
        switch output {
        case .line(let text, let style): Console.out(CallQA.Score.styled(text, style))
        case .table(let table): Console.out(table.render())
        case .breakdown:
          Console.out(EvaluationView.render(try start.preview(session.sheet), scorecard: start.scorecard, language: language.language))
        }
      }
      guard let prompt = step.prompt else { break }
      guard let line = reader.read(prompt) else {
        if resolved != nil { break }
        throw CallQAError(
          progress.exists
            ? "input ended before the revision was submitted: it is kept in \(progress.path)"
            : "input ended before the revision was submitted: nothing was written, dispute \(id) stays open")
      }
      step = session.handle(line)
    }
    switch session.outcome {
    case .savedDraft?:
      try progress.save(session.sheet)
      Console.out(words(.revisionKeptIn, progress.path, id))
    case .discarded?:
      Console.out(words(.revisionDiscardedOpen, id))
    default: break
    }
    return resolved
  }
}
