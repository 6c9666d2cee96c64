/// The opening questions of interactive scoring: agent, call (and recording of a new call),
/// inspector and scorecard. Values given on the command line are checked and confirmed
/// instead of asked; a bad one is asked again with the reason. Pure: no terminal or database.
public struct ScoringSetup {
  /// What the command line already says.
  public struct Given: Hashable, Sendable {
    public var agent, call, recording, inspector, scorecard: String?
    public init(agent: String? = nil, call: String? = nil, recording: String? = nil, inspector: String? = nil, scorecard: String? = nil) {
      self.agent = agent
      self.call = call
      self.recording = recording
      self.inspector = inspector
      self.scorecard = scorecard
    }
  }

  /// The completed choices.
  public struct Choice: Hashable, Sendable {
    public var agent: String
    public var call: String
    /// Recording path of a new call.
    public var recording: String?
    public var inspector: String
    public var scorecard: StoredScorecard
  }

  enum Field: CaseIterable { case agent, call, recording, inspector, scorecard }

  let agents: [AgentRecord]
  let inspectors: [InspectorRecord]
  let scorecards: [StoredScorecard]
  let language: String
  /// The agent code owning an existing call id, or nil for a new call.
  let callOwner: (String) -> String?
  var given: Given
  var field: Field = .agent
  var agent: String?, call: String?, recording: String?, inspector: String?, scorecard: StoredScorecard?
  var callIsNew = false

  /// At most this many rows are listed for a choice; beyond that the code is typed.
  public static let listLimit = 30

  /// The finished choice, once every question is answered.
  public private(set) var choice: Choice?

  public init(
    given: Given, agents: [AgentRecord], inspectors: [InspectorRecord], scorecards: [StoredScorecard],
    language: String, callOwner: @escaping (String) -> String?
  ) {
    self.given = given
    self.agents = agents
    self.inspectors = inspectors
    self.scorecards = scorecards
    self.language = language
    self.callOwner = callOwner
    if self.given.agent == nil, let call = given.call, let owner = callOwner(call) { self.given.agent = owner }
  }

  /// Confirms the given values and asks the first missing one.
  public mutating func start() -> PromptStep { proceed([]) }

  /// Takes the answer to the current question.
  public mutating func handle(_ line: String) -> PromptStep {
    let input = line.trimmingCharacters(in: .whitespacesAndNewlines)
    if let error = accept(input, for: field) {
      return PromptStep(output: [.line("✗ \(error)", .error)], prompt: prompt(field))
    }
    return proceed([])
  }

  mutating func proceed(_ before: [SessionOutput]) -> PromptStep {
    var output = before
    for next in Field.allCases where !decided(next) {
      field = next
      if let value = givenValue(next) {
        if let error = accept(value, for: next) {
          output.append(.line("✗ \(error)", .error))
        } else {
          // A call given on the command line is scripted: its recording comes from --recording only.
          if next == .call, callIsNew, recording == nil { recording = given.recording ?? "" }
          continue
        }
      }
      output += listing(next)
      return PromptStep(output: output, prompt: prompt(next))
    }
    if let agent, let call, let inspector, let scorecard {
      let path = recording.flatMap { $0.isEmpty ? nil : $0 }
      choice = Choice(agent: agent, call: call, recording: path, inspector: inspector, scorecard: scorecard)
      let name = agents.first { $0.code == agent }?.name ?? ""
      output.append(.line(
        "scoring call \(call)\(callIsNew ? " (new)" : "") of agent \(agent) \(name) as inspector \(inspector) on \(scorecard.scorecard.reference)",
        .heading))
    }
    return PromptStep(output: output, prompt: nil)
  }

  func decided(_ field: Field) -> Bool {
    switch field {
    case .agent: return agent != nil
    case .call: return call != nil
    case .recording: return !callIsNew || recording != nil
    case .inspector: return inspector != nil
    case .scorecard: return scorecard != nil
    }
  }

  /// Takes a given value once; a refused one is then asked.
  mutating func givenValue(_ field: Field) -> String? {
    switch field {
    case .agent: defer { given.agent = nil }; return given.agent
    case .call: defer { given.call = nil }; return given.call
    case .recording: defer { given.recording = nil }; return given.recording
    case .inspector: defer { given.inspector = nil }; return given.inspector
    case .scorecard: defer { given.scorecard = nil }; return given.scorecard
    }
  }

  /// Records `input` as the value of `field`, or says why it cannot be.
  mutating func accept(_ input: String, for field: Field) -> String? {
    switch field {
    case .agent:
      let found = Int(input).flatMap { agents.indices.contains($0 - 1) && agents.count <= Self.listLimit ? agents[$0 - 1] : nil }
        ?? agents.first { $0.code == input }
      guard let found else { return input.isEmpty ? "an agent is needed" : "unknown agent '\(input)'" }
      agent = found.code
    case .call:
      do { try QADatabase.checkCode(input, what: "call id") } catch { return "\(error)" }
      if let owner = callOwner(input), owner != agent {
        return "call '\(input)' belongs to agent '\(owner)', not '\(agent ?? "")'"
      }
      call = input
      callIsNew = callOwner(input) == nil
    case .recording:
      recording = input
    case .inspector:
      guard inspectors.contains(where: { $0.code == input }) else {
        let known = inspectors.prefix(Self.listLimit).map(\.code).joined(separator: ", ")
        return input.isEmpty ? "an inspector is needed (known: \(known))" : "unknown inspector '\(input)' (known: \(known))"
      }
      inspector = input
    case .scorecard:
      let latest = latestScorecards
      if let number = Int(input), latest.indices.contains(number - 1) {
        scorecard = latest[number - 1]
      } else if let found = scorecards.first(where: { $0.scorecard.reference == input }) ?? latest.first(where: { $0.scorecard.key == input }) {
        scorecard = found
      } else {
        return input.isEmpty ? "a scorecard is needed" : "unknown scorecard '\(input)'"
      }
    }
    return nil
  }

  /// The newest version of each scorecard key, by key.
  var latestScorecards: [StoredScorecard] {
    var byKey: [String: StoredScorecard] = [:]
    for stored in scorecards where (byKey[stored.scorecard.key]?.scorecard.version ?? 0) < stored.scorecard.version {
      byKey[stored.scorecard.key] = stored
    }
    return byKey.values.sorted { $0.scorecard.key < $1.scorecard.key }
  }

  func listing(_ field: Field) -> [SessionOutput] {
    switch field {
    case .agent where agents.count <= Self.listLimit:
      var table = TextTable([.init("#", .right), .init("agent"), .init("name"), .init("team")])
      for (index, agent) in agents.enumerated() { table.add([String(index + 1), agent.code, agent.name, agent.team ?? ""]) }
      return [.line(table.render(), .plain)]
    case .scorecard:
      var table = TextTable([.init("#", .right), .init("scorecard"), .init("title"), .init("items", .right)])
      for (index, stored) in latestScorecards.enumerated() {
        table.add([String(index + 1), stored.scorecard.reference, stored.scorecard.title.resolve(language), String(stored.scorecard.allItems.count)])
      }
      return [.line(table.render(), .plain)]
    default:
      return []
    }
  }

  func prompt(_ field: Field) -> String {
    switch field {
    case .agent: return agents.count <= Self.listLimit ? "agent (# or code) > " : "agent code > "
    case .call: return "call id > "
    case .recording: return "recording file of the new call (Enter: none) > "
    case .inspector: return "inspector code > "
    case .scorecard: return "scorecard (# or key) > "
    }
  }
}
