import Testing

@testable import CallQAKit

@Suite("ScoringSession: the interactive dialogue as a pure state machine")
struct ScoringSessionTests {
  static func scorecard(_ key: String) throws -> Scorecard {
    try #require(try ShippedScorecards.all().first { $0.key == key })
  }

  /// Feeds `lines` and collects every effect.
  static func feed(_ session: inout ScoringSession, _ lines: [String]) -> (effects: [ScoringEffect], last: PromptStep) {
    var effects: [ScoringEffect] = []
    var last = PromptStep(prompt: nil)
    for line in lines {
      last = session.handle(line)
      effects += last.effects
    }
    return (effects, last)
  }

  static let inboundLines = ["y", "2", "3", "yes", "15", "n", "y", "1", "y", "na", "2", "y", "na", "y", "y", "y", "y"]
  static let inboundAnswers: [String: Answer] = [
    "three-rings": .yes, "greeting": .level(5), "enunciation": .level(3), "closing": .yes,
    "accurate-info": .level(15), "needs-identified": .no, "solved-within-policy": .yes,
    "let-customer-finish": .count(1), "acknowledge": .yes, "hold-etiquette": .notApplicable,
    "forbidden-phrases": .count(2), "first-contact-ownership": .yes, "correct-transfer": .notApplicable,
    "complaint-recorded": .yes, "identity-verified": .yes, "data-confidential": .yes, "no-abuse": .yes,
  ]

  @Test func walksEveryItemThenReviewsAndSubmits() throws {
    // Given a fresh session on the inbound scorecard
    let card = try Self.scorecard("inbound-service")
    var session = ScoringSession(scorecard: card, language: "en")
    let first = session.start()
    #expect(session.currentItem == "three-rings")
    #expect(first.prompt == "[1/17] three-rings (y/n) > ")
    #expect(first.lines.contains { $0.contains("Answered within three rings") })
    // When every item is answered and the overall comment left empty
    let (effects, review) = Self.feed(&session, Self.inboundLines + [""])
    // Then each answer was recorded once, in order, and the review shows the breakdown
    let recorded = effects.compactMap { effect -> String? in
      if case .recordAnswer(let item, _, _) = effect { return item } else { return nil }
    }
    #expect(recorded == card.allItems.map(\.item.key))
    #expect(session.answers == Self.inboundAnswers)
    #expect(review.output.contains(.breakdown))
    #expect(review.prompt == Messages(.en)[.sessionMenu])
    // And submitting yields the evaluator's result; 2 lost on greeting is not exemplary
    let submit = session.handle("s")
    #expect(submit.effects == [.submit])
    #expect(submit.isFinished)
    #expect(session.outcome == .submitted)
    #expect(try session.result() == Evaluator.evaluate(card, answers: Self.inboundAnswers))
  }

  @Test func levelNumbersAndScores() throws {
    // enunciation has levels 5, 3, 0: a number that is a score means the score.
    let card = try Self.scorecard("inbound-service")
    let item = try #require(card.item("enunciation"))
    #expect(ScoringSession.levelScore("1", item) == "5")
    #expect(ScoringSession.levelScore("2", item) == "3")
    #expect(ScoringSession.levelScore("3", item) == "3")
    #expect(ScoringSession.levelScore("0", item) == "0")
    #expect(ScoringSession.levelScore("7", item) == "7")
    let greeting = try #require(card.item("greeting"))
    #expect(ScoringSession.levelScore("3", greeting) == "0")
    #expect(ScoringSession.levelScore("10", greeting) == "10")
  }

  @Test func invalidAnswersAreReaskedWithTheReason() throws {
    let card = try Self.scorecard("inbound-service")
    var session = ScoringSession(scorecard: card, language: "en")
    _ = session.start()
    _ = session.handle("y")
    // greeting: 7 is neither a level score nor a level number
    let step = session.handle("7")
    #expect(step.effects.isEmpty)
    #expect(session.currentItem == "greeting")
    #expect(step.lines == ["✗ 7 is not a level score (allowed: 10, 5, 0); try again (? for help)"])
    #expect(step.prompt == "[2/17] greeting (level 1-3 or score 10/5/0) > ")
    // an empty line with no answer yet is refused too
    #expect(session.handle("").lines == ["an answer is needed (type ? for help)"])
    #expect(session.answers["greeting"] == nil)
  }

  @Test func notApplicableOnlyWhereAllowed() throws {
    let card = try Self.scorecard("inbound-service")
    var session = ScoringSession(scorecard: card, language: "en")
    _ = session.start()
    let refused = session.handle("na")
    #expect(refused.effects.isEmpty)
    #expect(refused.lines.first?.contains("N/A is not allowed for this item") == true)
    _ = Self.feed(&session, Array(Self.inboundLines.prefix(9)))
    #expect(session.currentItem == "hold-etiquette")
    #expect(session.handle("na").effects == [.recordAnswer(item: "hold-etiquette", answer: .notApplicable)])
  }

  @Test func backGoesToThePreviousItemAndEnterKeepsTheAnswer() throws {
    let card = try Self.scorecard("inbound-service")
    var session = ScoringSession(scorecard: card, language: "en")
    _ = session.start()
    #expect(session.handle("b").lines == ["this is the first item: there is nothing to go back to"])
    _ = Self.feed(&session, ["y", "10"])
    #expect(session.currentItem == "enunciation")
    let back = session.handle("b")
    #expect(session.currentItem == "greeting")
    #expect(back.lines.contains("    current answer: 10 Complete standard greeting (Enter keeps it)"))
    #expect(back.prompt == "[2/17] greeting (level 1-3 or score 10/5/0) [10] > ")
    // changing the answer records it again
    #expect(session.handle("0").effects == [.recordAnswer(item: "greeting", answer: .level(0))])
    _ = session.handle("b")
    // Enter keeps the answer and records nothing
    let kept = session.handle("")
    #expect(kept.effects.isEmpty)
    #expect(session.currentItem == "enunciation")
    #expect(session.answers["greeting"] == .level(0))
  }

  @Test func notesAttachToTheCurrentItem() throws {
    let card = try Self.scorecard("inbound-service")
    var session = ScoringSession(scorecard: card, language: "zh")
    _ = session.start()
    let noted = session.handle("n 振铃四声才接 ")
    #expect(noted.effects == [.recordNote(item: "three-rings", note: "振铃四声才接")])
    #expect(session.currentItem == "three-rings")
    // a bare "n" is the answer no, not a note
    #expect(session.handle("n").effects == [.recordAnswer(item: "three-rings", answer: .no)])
    _ = session.handle("b")
    #expect(session.notes["three-rings"] == "振铃四声才接")
    #expect(session.handle("n -").effects == [.recordNote(item: "three-rings", note: nil)])
    #expect(session.notes["three-rings"] == nil)
  }

  @Test func resumesAtTheFirstUnansweredItem() throws {
    let card = try Self.scorecard("inbound-service")
    let keys = card.allItems.map(\.item.key)
    let given = Dictionary(uniqueKeysWithValues: keys.prefix(5).map { ($0, Self.inboundAnswers[$0] ?? .yes) })
    var session = ScoringSession(scorecard: card, language: "en", answers: given)
    let step = session.start()
    #expect(session.currentItem == "needs-identified")
    #expect(step.lines.contains("continuing the draft: 5 of 17 items answered"))
    let (_, review) = Self.feed(&session, Array(Self.inboundLines.dropFirst(5)) + [""])
    #expect(review.output.contains(.breakdown))
    #expect(session.answers == Self.inboundAnswers)
  }

  @Test func editingFromTheReviewReturnsToIt() throws {
    let card = try Self.scorecard("inbound-service")
    var session = ScoringSession(scorecard: card, language: "en")
    _ = session.start()
    _ = Self.feed(&session, Self.inboundLines + [""])
    let list = session.handle("e")
    #expect(list.prompt == "item to edit (1-17 or key, Enter: back) > ")
    #expect(session.handle("99").lines == ["no item '99': give its number (1-17) or key"])
    _ = session.handle("needs-identified")
    #expect(session.currentItem == "needs-identified")
    let step = session.handle("y")
    #expect(step.effects == [.recordAnswer(item: "needs-identified", answer: .yes)])
    #expect(step.output.contains(.breakdown))
    _ = session.handle("e 2")
    #expect(session.currentItem == "greeting")
  }

  @Test func saveDraftAndDiscard() throws {
    let card = try Self.scorecard("outbound-sales")
    var session = ScoringSession(
      scorecard: card, language: "en",
      answers: Dictionary(
        uniqueKeysWithValues: card.allItems.map {
          ($0.item.key, $0.item.type == .yesno ? Answer.yes : $0.item.type == .scale ? .level($0.item.points) : .count(0))
        }))
    // A session that starts with every item answered (a resumed draft, a revision) opens on the review.
    #expect(session.start().output.contains(.breakdown))
    _ = session.handle("x")
    #expect(session.handle("n").prompt == Messages(.en)[.sessionMenu])
    #expect(session.outcome == nil)
    _ = session.handle("x")
    #expect(session.handle("y").effects == [.discard])
    #expect(session.outcome == .discarded)

    var other = ScoringSession(scorecard: card, language: "en", answers: session.answers)
    _ = other.start()
    let saved = other.handle("d")
    #expect(saved.effects.isEmpty)
    #expect(other.outcome == .savedDraft)
  }

  @Test func exemplaryCallsAreOfferedAsTrainingCases() throws {
    let card = try Self.scorecard("complaint-handling")
    let full = Dictionary(
      uniqueKeysWithValues: card.allItems.map {
        ($0.item.key, $0.item.type == .yesno ? Answer.yes : $0.item.type == .scale ? .level($0.item.points) : .count(0))
      })
    var session = ScoringSession(scorecard: card, language: "en", answers: full, comment: "处理得当")
    _ = session.start()
    let submitted = session.handle("s")
    #expect(submitted.effects == [.submit])
    #expect(session.isSubmitted)
    #expect(session.outcome == nil)
    #expect(submitted.lines.contains("final 100.0 ≥ exemplary 95: this call could be a training case"))
    #expect(submitted.prompt == "tag it as a training case? [y/N] > ")
    _ = session.handle("y")
    #expect(session.handle("").lines == ["a training case needs a title"])
    _ = session.handle("化解愤怒客户的投诉")
    #expect(session.handle("expert").lines == ["choose beginner, intermediate or advanced (1-3)"])
    _ = session.handle("2")
    #expect(session.handle("1:5").lines == ["'1:5' is not a time mm:ss"])
    _ = session.handle("01:05")
    #expect(session.handle("00:30").lines == ["the clip must end after 01:05"])
    let tagged = session.handle("02:10")
    #expect(
      tagged.effects == [
        .tagTrainingCase(
          TrainingCaseSuggestion(
            title: "化解愤怒客户的投诉", level: .intermediate, clipStart: 65, clipEnd: 130))
      ])
    #expect(tagged.isFinished)
    #expect(session.outcome == .submitted)
  }

  @Test func declinedOrPlainSubmissionEndsAtSubmit() throws {
    let card = try Self.scorecard("complaint-handling")
    let full = Dictionary(
      uniqueKeysWithValues: card.allItems.map {
        ($0.item.key, $0.item.type == .yesno ? Answer.yes : $0.item.type == .scale ? .level($0.item.points) : .count(0))
      })
    var session = ScoringSession(scorecard: card, language: "en", answers: full)
    _ = session.start()
    _ = session.handle("")
    _ = session.handle("s")
    let declined = session.handle("")
    #expect(declined.effects.isEmpty)
    #expect(declined.isFinished)
  }

  @Test func theOverallCommentIsAskedOnceAfterTheLastItem() throws {
    let card = try Self.scorecard("inbound-service")
    var session = ScoringSession(scorecard: card, language: "en")
    _ = session.start()
    // After the last item comes the comment, before the review
    let asked = Self.feed(&session, Self.inboundLines).1
    #expect(asked.prompt == "overall comment (Enter: none, - removes it) > ")
    #expect(!asked.output.contains(.breakdown))
    let given = session.handle("  开头语不完整，其余规范 ")
    #expect(given.effects == [.recordComment("开头语不完整，其余规范")])
    #expect(given.lines.first == "comment kept with the evaluation")
    #expect(given.output.contains(.breakdown) && given.prompt == session.menuPrompt)
    #expect(session.comment == "开头语不完整，其余规范")
    // Editing an item returns to the review without asking again
    _ = session.handle("e 1")
    #expect(session.handle("n").prompt == session.menuPrompt)
    // c changes it from the review: Enter keeps it, - removes it
    let shown = session.handle("c")
    #expect(shown.lines == ["current comment: 开头语不完整，其余规范 (Enter keeps it)"])
    #expect(session.handle("").effects.isEmpty)
    _ = session.handle("comment")
    #expect(session.handle("-").effects == [.recordComment(nil)])
    #expect(session.comment == nil)
    // A draft that has a comment is not asked again on resume
    var resumed = ScoringSession(scorecard: card, language: "en", answers: Self.inboundAnswers, comment: "好")
    #expect(resumed.start().prompt == session.menuPrompt)
    #expect(resumed.handle("?").lines.contains("  c  write or change the overall comment"))
  }

  @Test func clipTimes() {
    #expect(ClipTime.parse("00:00") == 0)
    #expect(ClipTime.parse("01:05") == 65)
    #expect(ClipTime.parse("75:00") == 4500)
    #expect(ClipTime.parse("1:02:03") == 3723)
    for bad in ["", "5", "1:5", "01:60", "a:00", "-1:00", "1:60:00", "01:05:"] {
      #expect(ClipTime.parse(bad) == nil, "\(bad)")
    }
    #expect(ClipTime.format(65) == "01:05")
    #expect(ClipTime.format(3723) == "1:02:03")
  }
}
