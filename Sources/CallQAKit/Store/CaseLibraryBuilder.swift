import Foundation

/// Reads the tagged cases and turns them into a redacted ``CaseLibrary`` (files not yet cut).
struct CaseLibraryBuilder {
  let database: QADatabase
  let labels: CaseLabels
  let anonymise: Bool

  /// The call and agent behind a case.
  struct Source {
    var call: CallRecord
    var agentName: String
  }

  /// Entries for `cases`, with the call behind each (for its recording and transcript).
  func entries(for cases: [TrainingCase]) throws -> [(CaseLibrary.Entry, Source)] {
    let agentLabels = anonymise ? Self.anonymousLabels(cases.map(\.agent), prefix: labels["agent"]) : [:]
    var scorecards: [String: Scorecard] = [:]
    return try cases.map { trainingCase in
      let detail = try database.evaluation(id: trainingCase.evaluationId)
      let reference = "\(detail.scorecard.key)@\(detail.scorecard.version)"
      let scorecard: Scorecard
      if let cached = scorecards[reference] {
        scorecard = cached
      } else {
        scorecard = try database.scorecard(reference: reference).scorecard
        scorecards[reference] = scorecard
      }
      let source = try self.source(evaluationId: trainingCase.evaluationId)
      let label = agentLabels[trainingCase.agent] ?? trainingCase.agent
      let clean: (String?) -> String? = { text in
        text.map { self.scrub($0, agentCode: trainingCase.agent, agentName: source.agentName, label: label) }
      }
      let entry = CaseLibrary.Entry(
        id: trainingCase.id, title: clean(trainingCase.title) ?? "", kind: trainingCase.kind,
        level: trainingCase.level,
        skills: trainingCase.skills.map { .init(key: $0, title: scorecard.item($0)?.title.resolve(labels.language) ?? $0) },
        agent: label, call: anonymise ? nil : trainingCase.call, inspector: anonymise ? nil : detail.inspector,
        date: trainingCase.callStartedAt.map { String($0.prefix(10)) },
        scorecard: .init(key: scorecard.key, version: scorecard.version, title: scorecard.title.resolve(labels.language)),
        score: .init(
          raw: detail.rawScore ?? 0, final: detail.finalScore ?? 0, passed: detail.passed ?? false,
          criticalFailed: detail.criticalFailed ?? false, band: bandLabel(detail.band, scorecard)),
        sections: detail.sections.map { section in
          .init(
            key: section.key, title: scorecard.sections.first { $0.key == section.key }?.title.resolve(labels.language) ?? section.key,
            score: section.applicable ? section.score : nil)
        },
        items: detail.items.map { item in
          .init(
            key: item.key, section: item.section, title: scorecard.item(item.key)?.title.resolve(labels.language) ?? item.key,
            answer: item.na ? labels["na"] : (item.answer ?? ""), earned: item.na ? nil : item.earned, points: item.points,
            lost: item.impact ?? 0, critical: CaseSkills.isCriticalMiss(item, scorecard), note: clean(item.note))
        },
        why: clean(why(trainingCase, detail: detail, scorecard: scorecard)) ?? "",
        notes: clean(trainingCase.notes), comment: clean(detail.comment),
        clip: .init(start: trainingCase.clip?.start, end: trainingCase.clip?.end, status: .none, file: nil, message: nil),
        transcript: nil, page: nil)
      return (entry, source)
    }
  }

  /// Redacts personal data and, when anonymising, replaces the agent's code and name by the label.
  func scrub(_ text: String, agentCode: String, agentName: String, label: String) -> String {
    var result = text
    if anonymise {
      for name in [agentName, agentCode] where !name.isEmpty {
        result = result.replacingOccurrences(of: name, with: label)
      }
    }
    return PIIRedactor.redact(result)
  }

  /// The rule that makes the call a case, followed by the tagger's notes.
  func why(_ trainingCase: TrainingCase, detail: EvaluationDetail, scorecard: Scorecard) -> String {
    let titles: ([EvaluationDetail.Item]) -> String = { items in
      items.map { scorecard.item($0.key)?.title.resolve(labels.language) ?? $0.key }.joined(separator: labels.listSeparator)
    }
    let final = detail.finalScore ?? 0
    var sentences: [String] = []
    switch trainingCase.kind {
    case .exemplary:
      if final >= scorecard.exemplaryScore {
        sentences.append(labels.format("ruleExemplary", ScoreFormat.score(final), ScoreFormat.plain(scorecard.exemplaryScore)))
      } else {
        sentences.append(labels.format("ruleExemplaryBelow", ScoreFormat.score(final)))
      }
      let full = detail.items.filter { trainingCase.skills.contains($0.key) && !$0.na && ($0.earned ?? 0) >= $0.points }
      if !full.isEmpty { sentences.append(labels.format("ruleFull", titles(full))) }
    case .cautionary:
      let critical = detail.items.filter { CaseSkills.isCriticalMiss($0, scorecard) }
      if !critical.isEmpty { sentences.append(labels.format("ruleCritical", titles(critical))) }
      let losing = detail.items.filter { ($0.impact ?? 0) > 0 }.sorted { ($0.impact ?? 0) > ($1.impact ?? 0) }.prefix(3)
      if !losing.isEmpty { sentences.append(labels.format("ruleLost", titles(Array(losing)))) }
    }
    if let notes = trainingCase.notes { sentences.append(notes) }
    return sentences.joined(separator: " ")
  }

  func bandLabel(_ band: String?, _ scorecard: Scorecard) -> String? {
    guard let band else { return nil }
    return scorecard.bands.first { $0.label.resolve("en") == band }?.label.resolve(labels.language) ?? band
  }

  func source(evaluationId: Int64) throws -> Source {
    try database.readSQL { db in
      guard
        let call = try db.fetchOne(
          CallRecord.self, "SELECT c.* FROM calls c JOIN evaluations e ON e.call_id = c.id WHERE e.id = ?", evaluationId)
      else { throw CallQAError(.errEvaluationHasNo, evaluationId) }
      let name = try db.value(String.self, "SELECT name FROM agents WHERE id = ?", call.agentId) ?? ""
      return Source(call: call, agentName: name)
    }
  }

  /// `Agent A`, `Agent B`, … (坐席 A …) by agent code order, so a label is stable within one export.
  static func anonymousLabels(_ codes: [String], prefix: String) -> [String: String] {
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    var labels: [String: String] = [:]
    for (index, code) in Set(codes).sorted().enumerated() {
      var name = ""
      var n = index
      repeat {
        name = String(letters[n % 26]) + name
        n = n / 26 - 1
      } while n >= 0
      labels[code] = "\(prefix) \(name)"
    }
    return labels
  }
}
