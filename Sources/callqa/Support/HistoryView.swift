import CallQAKit

/// Marks of disputes and revisions in `evaluation list` and `evaluation show`.
enum HistoryView {
  /// The status, flagged when under dispute.
  static func status(_ status: EvaluationStatus, _ words: Messages = Messages(.en)) -> String {
    status == .disputed ? Console.red("⚑ " + words.status(status)) : words.status(status)
  }

  /// Lines under an evaluation's breakdown: open disputes, resolutions and revision links.
  static func lines(_ history: EvaluationHistory) -> [String] {
    var lines: [String] = []
    for dispute in history.disputes {
      switch dispute.status {
      case .open:
        lines.append(Console.red("⚑ UNDER DISPUTE") + " #\(dispute.id) opened \(dispute.openedAt.prefix(10)) by \(dispute.openedBy): \(dispute.reason)")
      case .upheld:
        lines.append("dispute #\(dispute.id) by \(dispute.openedBy) upheld by \(dispute.resolvedBy ?? "?")" + (dispute.resolutionNote.map { ": \($0)" } ?? ""))
      case .revised:
        lines.append(
          "dispute #\(dispute.id) by \(dispute.openedBy) resolved by \(dispute.resolvedBy ?? "?") with a revision"
            + (dispute.resolutionNote.map { ": \($0)" } ?? ""))
      }
    }
    if let newer = history.revisedBy {
      lines.append(Console.bold("revised: superseded by evaluation #\(newer)") + " (this version is kept for the record and no longer counted)")
    }
    if let older = history.revisionOf { lines.append("revision of evaluation #\(older)") }
    return lines
  }

  /// Second opinion, release and acknowledgement lines under an evaluation's breakdown.
  static func lines(_ detail: EvaluationDetail) -> [String] {
    var lines: [String] = []
    if let first = detail.secondOpinionOf {
      lines.append("second opinion on evaluation #\(first) (stored for comparison, never counted)")
    }
    if let receipt = detail.receipt, detail.secondOpinionOf == nil {
      var line = "released to the agent \(receipt.releasedAt.map { String($0.prefix(10)) } ?? "?")"
      if let by = receipt.releasedBy { line += " (set by \(by))" }
      if let at = receipt.acknowledgedAt {
        line += " · acknowledged by \(receipt.acknowledgedBy ?? "?") \(at.prefix(10))"
      } else {
        line += " · not acknowledged yet"
      }
      lines.append(line)
    }
    return lines
  }
}
