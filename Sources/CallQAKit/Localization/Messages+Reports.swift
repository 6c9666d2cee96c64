/// Words shared by the report documents.
extension Messages {
  /// A report's scope line (``ReportFilter/description``, kept in English in JSON) in this
  /// language: `period 2026-11 · team 一组` → `期间 2026年11月 · 班组 一组`.
  public func scope(_ description: String) -> String {
    guard language != .en else { return description }
    if description == "whole centre, all dates" { return self[.scopeWholeCentre] }
    if description == "every month" { return self[.scopeEveryMonth] }
    if description == "every call" { return self[.scopeEveryCall] }
    let prefixes: [(String, MessageKey)] = [
      ("period ", .scopePeriod), ("from ", .scopeFrom), ("to ", .scopeTo), ("team ", .scopeTeam), ("agent ", .scopeAgent),
      ("scorecard ", .scopeScorecard),
    ]
    return description.components(separatedBy: " · ").map { part in
      if let kind = EvaluationKind(rawValue: part) { return self.kind(kind) }
      for (prefix, key) in prefixes where part.hasPrefix(prefix) {
        let value = String(part.dropFirst(prefix.count))
        return self(key, key == .scopePeriod || key == .scopeFrom || key == .scopeTo ? date(value) : value)
      }
      return part
    }.joined(separator: " · ")
  }

  /// An evaluation kind as people read it.
  public func kind(_ kind: EvaluationKind) -> String {
    switch kind {
    case .monitoring: return self[.kindMonitoring]
    case .testCall: return self[.kindTestCall]
    case .calibration: return self[.kindCalibration]
    }
  }

  /// Evaluation kinds by their codes (`monitoring`, `test-call`), as people read them.
  public func kinds(_ codes: [String], separator: String? = nil) -> String {
    let shown = codes.map { EvaluationKind(rawValue: $0).map(kind) ?? $0 }
    return separator.map { shown.joined(separator: $0) } ?? list(shown)
  }

  /// An evaluation status as people read it.
  public func status(_ status: EvaluationStatus) -> String {
    switch status {
    case .draft: return self[.statusDraft]
    case .submitted: return self[.statusSubmitted]
    case .disputed: return self[.statusDisputed]
    case .revised: return self[.statusRevised]
    }
  }

  /// A call direction (`inbound`, `outbound`) as people read it; anything else unchanged.
  public func direction(_ code: String) -> String {
    switch code {
    case "inbound": return self[.directionInbound]
    case "outbound": return self[.directionOutbound]
    default: return code
    }
  }

  /// An inspector's drift (`harsh`, `lenient`) as people read it; anything else unchanged.
  public func drift(_ code: String) -> String {
    switch code {
    case "harsh": return self[.driftHarsh]
    case "lenient": return self[.driftLenient]
    default: return code
    }
  }

  /// A stored answer (`yes`, `no`, a level, a count, `na`) as people read it.
  public func answer(_ text: String) -> String {
    switch text {
    case "yes": return self[.answerYes]
    case "no": return self[.answerNo]
    case "na": return self[.sessionNA]
    default: return text
    }
  }

  /// A scorecard item type (`yesno`, `scale`, `deduction`) in this language; English keeps the code.
  public func itemType(_ type: ItemType) -> String {
    guard language != .en else { return type.rawValue }
    switch type {
    case .yesno: return self[.typeYesno]
    case .scale: return self[.typeScale]
    case .deduction: return self[.typeDeduction]
    }
  }

  /// The confidence-interval note of a report.
  public func intervals(_ level: ConfidenceLevel, means: Bool = true, rates: Bool = false, index: Bool = false) -> String {
    var methods: [String] = []
    if means { methods.append(self[.intervalsMeans]) }
    if index { methods.append(self[.intervalsIndex]) }
    if rates { methods.append(self[.intervalsRates]) }
    return self(.intervalsLine, level, methods.joined(separator: semicolon))
  }

  /// A column of a report table.
  public func column(_ key: MessageKey, numeric: Bool = false) -> ReportColumn { ReportColumn(self[key], numeric: numeric) }
}
