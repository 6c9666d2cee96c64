import Foundation

/// How urgently a screened call needs an inspector, most urgent first.
public enum ScreeningRisk: String, Hashable, Sendable, Encodable, CaseIterable, Comparable {
  /// A `critical: evaluation` item was proposed "no": the call would score 0.
  case critical
  /// A `critical: section` item was proposed "no".
  case sectionCritical = "section-critical"
  /// The transcript could not be read: only listening can tell.
  case unreadable
  /// The predicted score is below the pass score.
  case belowPass = "below-pass"
  /// Some judged item loses points, but the prediction passes.
  case flagged
  /// Nothing found.
  case clean

  public static func < (a: ScreeningRisk, b: ScreeningRisk) -> Bool {
    allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
  }
}

/// One call in the review queue: its predicted score and the items that lost points.
public struct ScreenedCall: Hashable, Sendable {
  /// The call screened.
  public var call: TranscribedCall
  /// `key@version` of the scorecard it was screened against.
  public var scorecard: String
  /// Where it belongs in the queue.
  public var risk: ScreeningRisk
  /// Evaluator final score of the proposed answers, unjudgeable items at full marks; nil when unreadable.
  public var predictedScore: Double?
  /// The same before critical rules.
  public var predictedRaw: Double?
  /// Judged items whose proposal loses points, in scorecard order.
  public var flagged: [Proposal]
  /// Items the rules could judge / all items.
  public var judged: Int
  public var items: Int
  /// Why the transcript could not be read.
  public var problem: String?
}

/// Screens calls from their transcripts and ranks them into a review queue.
///
/// Ranking: risk (critical failures first, see ``ScreeningRisk``), then the predicted final
/// score (lowest first), then the predicted raw score, then the call's start and id. The
/// prediction runs the ``Evaluator`` on the proposed answers with every item the rules cannot
/// judge at full marks, so it is an optimistic estimate: a low prediction is a real warning,
/// a high one still needs listening for what no rule covers.
public enum Screening {
  /// Screens one call; never throws: an unreadable transcript becomes an `unreadable` entry.
  public static func screen(
    _ call: TranscribedCall, scorer: AutoScorer, labels: SpeakerLabels = .standard, baseDirectory: String? = nil
  ) -> ScreenedCall {
    let card = scorer.scorecard
    let itemCount = scorer.items.count
    func unreadable(_ problem: String) -> ScreenedCall {
      ScreenedCall(
        call: call, scorecard: card.reference, risk: .unreadable, predictedScore: nil, predictedRaw: nil, flagged: [],
        judged: 0, items: itemCount, problem: problem)
    }
    let transcript: Transcript
    do {
      transcript = try Screening.transcript(of: call, labels: labels, baseDirectory: baseDirectory).transcript
    } catch {
      return unreadable("\(error)")
    }
    return screen(call, transcript: transcript, scorer: scorer)
  }

  /// Screens one call whose transcript is already read.
  public static func screen(_ call: TranscribedCall, transcript: Transcript, scorer: AutoScorer) -> ScreenedCall {
    let card = scorer.scorecard
    let proposals = scorer.propose(transcript)
    let answers = scorer.predictedAnswers(proposals)
    var flagged: [Proposal] = []
    var judged = 0
    for item in scorer.items {
      guard let proposal = proposals[item.key], let answer = proposal.answer else { continue }
      judged += 1
      if let earned = Evaluator.earned(item, answer), earned < item.points { flagged.append(proposal) }
    }
    // Every item has an answer, and predicted answers are never N/A: evaluation cannot fail.
    let predicted = try? Evaluator.evaluate(card, answers: answers)
    var risk = ScreeningRisk.clean
    if let predicted {
      if predicted.criticalFailed {
        risk = .critical
      } else if predicted.sections.contains(where: \.criticalFailed) {
        risk = .sectionCritical
      } else if !predicted.passed {
        risk = .belowPass
      } else if !flagged.isEmpty {
        risk = .flagged
      }
    }
    return ScreenedCall(
      call: call, scorecard: card.reference, risk: risk, predictedScore: predicted?.finalScore,
      predictedRaw: predicted?.rawScore, flagged: flagged, judged: judged,
      items: scorer.items.count, problem: nil)
  }

  /// The review queue: `calls` in priority order.
  public static func rank(_ calls: [ScreenedCall]) -> [ScreenedCall] {
    calls.sorted { a, b in
      if a.risk != b.risk { return a.risk < b.risk }
      let (af, bf) = (a.predictedScore ?? 0, b.predictedScore ?? 0)
      if af != bf { return af < bf }
      let (ar, br) = (a.predictedRaw ?? 0, b.predictedRaw ?? 0)
      if ar != br { return ar < br }
      if a.call.startedAt != b.call.startedAt { return (a.call.startedAt ?? "") < (b.call.startedAt ?? "") }
      return a.call.externalId < b.call.externalId
    }
  }

  /// Reads a call's transcript from its stored path (see ``resolve(_:baseDirectory:)``).
  ///
  /// - Returns: the path read and the transcript.
  /// - Throws: when the call has no transcript, or its file is missing or malformed (`FILE:LINE`).
  public static func transcript(
    of call: TranscribedCall, labels: SpeakerLabels = .standard, baseDirectory: String?
  ) throws -> (path: String, transcript: Transcript) {
    guard let stored = call.transcript, !stored.isEmpty else { throw CallQAError(.errCallHasNoTranscript) }
    let path = resolve(stored, baseDirectory: baseDirectory)
    return (path, try TranscriptReader.load(path: path, labels: labels))
  }

  /// A stored transcript path: absolute as is; relative to the current folder when the file
  /// is there, else to `baseDirectory` (the database's folder).
  public static func resolve(_ path: String, baseDirectory: String?) -> String {
    if path.hasPrefix("/") || FileManager.default.fileExists(atPath: path) { return path }
    guard let baseDirectory else { return path }
    return (baseDirectory as NSString).appendingPathComponent(path)
  }
}
