/// The opening questions of interactive scoring: agent, call (and recording of a new call),
/// inspector and scorecard. Only what is not given is asked. Given values (the command line,
/// a script) are all checked when the setup is made, and a bad one is refused there with a
/// one-line error — never asked again, so that a piped session cannot take its next input
/// lines for the answer to a question it did not expect. A typed answer that is refused is
/// asked again with the reason. Pure: no terminal or database.
public struct ScoringSetup {
  /// What the command line already says.
  public struct Given: Hashable, Sendable {
    public var agent, call, recording, inspector, scorecard: String?
    /// When a new call started (ISO-8601 with offset); only checked here.
    public var callStartedAt: String?
    public init(
      agent: String? = nil, call: String? = nil, recording: String? = nil, inspector: String? = nil,
      scorecard: String? = nil, callStartedAt: String? = nil
    ) {
      self.agent = agent
      self.call = call
      self.recording = recording
      self.inspector = inspector
      self.scorecard = scorecard
      self.callStartedAt = callStartedAt
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

  /// Active agents (the ones that can be chosen).
  let agents: [AgentRecord]
  /// Every agent, active or not, to say why an inactive one is refused.
  let allAgents: [AgentRecord]
  let inspectors: [InspectorRecord]
  let scorecards: [StoredScorecard]
  let language: String
  /// The agent code owning an existing call id, or nil for a new call.
  let callOwner: (String) throws -> String?
  var given: Given
  var field: Field = .agent
  var agent: String?, call: String?, recording: String?, inspector: String?, scorecard: StoredScorecard?
  var callIsNew = false

  /// The words of the setup's language (from the catalogue).
  var words: Messages { Messages(Language(code: language) ?? .en) }

  /// At most this many rows are listed for a choice; beyond that the code is typed.
  public static let listLimit = 30

  /// The finished choice, once every question is answered.
  public private(set) var choice: Choice?

  /// Checks every given value; throws a one-line ``CallQAError`` for the first bad one
  /// (unknown agent, inspector or scorecard, an inactive agent, a malformed call id, a call of
  /// another agent, a malformed call start).
  ///
  /// - Parameter agents: the agents (inactive ones are refused, never listed).
  public init(
    given: Given, agents: [AgentRecord], inspectors: [InspectorRecord], scorecards: [StoredScorecard],
    language: String, callOwner: @escaping (String) throws -> String?
  ) throws {
    self.given = given
    self.agents = agents.filter(\.active)
    self.allAgents = agents
    self.inspectors = inspectors
    self.scorecards = scorecards
    self.language = language
    self.callOwner = callOwner
    if self.given.agent == nil, let call = given.call, let owner = try callOwner(call) { self.given.agent = owner }
    try takeGiven()
  }

  /// Takes the given values, in the order they would be asked; the first bad one throws.
  mutating func takeGiven() throws {
    if let started = given.callStartedAt, Timestamp.normalise(started) == nil {
      throw CallQAError(.errCallStartIso, started)
    }
    let values: [(Field, String?)] = [
      (.agent, given.agent), (.call, given.call), (.inspector, given.inspector), (.scorecard, given.scorecard),
    ]
    for case let (field, value?) in values {
      if let error = try accept(value, for: field, typed: false) { throw CallQAError(error) }
      // A call given on the command line is scripted: its recording comes from the given value only.
      if field == .call, callIsNew { recording = given.recording ?? "" }
    }
  }

  /// Confirms the given values and asks the first missing one.
  public mutating func start() -> PromptStep { proceed([]) }

  /// Takes the answer to the current question; throws only when the call's owner cannot be read.
  public mutating func handle(_ line: String) throws -> PromptStep {
    let input = line.trimmingCharacters(in: .whitespacesAndNewlines)
    if let error = try accept(input, for: field) {
      return PromptStep(output: [.line(words(.setupError, error), .error)], prompt: prompt(field))
    }
    return proceed([])
  }

  mutating func proceed(_ before: [SessionOutput]) -> PromptStep {
    var output = before
    for next in Field.allCases where !decided(next) {
      field = next
      // The recording of a call typed at the prompt, when one is given.
      if next == .recording, let value = given.recording {
        recording = value
        continue
      }
      output += listing(next)
      return PromptStep(output: output, prompt: prompt(next))
    }
    if let agent, let call, let inspector, let scorecard {
      let path = recording.flatMap { $0.isEmpty ? nil : $0 }
      choice = Choice(agent: agent, call: call, recording: path, inspector: inspector, scorecard: scorecard)
      let name = agents.first { $0.code == agent }?.name ?? ""
      output.append(
        .line(words(.setupScoring, call, callIsNew ? words[.setupNew] : "", agent, name, inspector, scorecard.scorecard.reference), .heading))
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

  /// Records `input` as the value of `field`, or says why it cannot be. Only a `typed` answer
  /// may be a number from the listing; a given value is a code or key.
  mutating func accept(_ input: String, for field: Field, typed: Bool = true) throws -> String? {
    switch field {
    case .agent:
      let listed = typed && agents.count <= Self.listLimit
      let found =
        Int(input).flatMap { listed && agents.indices.contains($0 - 1) ? agents[$0 - 1] : nil }
        ?? agents.first { $0.code == input }
      guard let found else {
        if allAgents.contains(where: { $0.code == input }) { return words(.setupAgentInactive, input) }
        return input.isEmpty ? words[.setupAgentNeeded] : words(.setupAgentUnknown, input)
      }
      agent = found.code
    case .call:
      do { try QADatabase.checkCode(input, what: .phrase(.whatCallId)) } catch { return "\(error)" }
      let owner = try callOwner(input)
      if let owner, owner != agent {
        return words(.setupCallOfOther, input, owner, agent ?? "")
      }
      call = input
      callIsNew = owner == nil
    case .recording:
      recording = input
    case .inspector:
      guard inspectors.contains(where: { $0.code == input }) else {
        let known = inspectors.prefix(Self.listLimit).map(\.code).joined(separator: ", ")
        return input.isEmpty ? words(.setupInspectorNeeded, known) : words(.setupInspectorUnknown, input, known)
      }
      inspector = input
    case .scorecard:
      let latest = latestScorecards
      if typed, let number = Int(input), latest.indices.contains(number - 1) {
        scorecard = latest[number - 1]
      } else if let found = scorecards.first(where: { $0.scorecard.reference == input }) ?? latest.first(where: { $0.scorecard.key == input }) {
        scorecard = found
      } else {
        return input.isEmpty ? words[.setupScorecardNeeded] : words(.setupScorecardUnknown, input)
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
      var table = TextTable([.init("#", .right), .init(words[.colAgent]), .init(words[.colName]), .init(words[.colTeam])])
      for (index, agent) in agents.enumerated() { table.add([String(index + 1), agent.code, agent.name, agent.team ?? ""]) }
      return [.table(table)]
    case .scorecard:
      var table = TextTable([.init("#", .right), .init(words[.colScorecard]), .init(words[.colTitle]), .init(words[.colItems], .right)])
      for (index, stored) in latestScorecards.enumerated() {
        table.add([String(index + 1), stored.scorecard.reference, stored.scorecard.title.resolve(language), String(stored.scorecard.allItems.count)])
      }
      return [.table(table)]
    default:
      return []
    }
  }

  func prompt(_ field: Field) -> String {
    switch field {
    case .agent: return words[agents.count <= Self.listLimit ? .setupPromptAgentListed : .setupPromptAgent]
    case .call: return words[.setupPromptCall]
    case .recording: return words[.setupPromptRecording]
    case .inspector: return words[.setupPromptInspector]
    case .scorecard: return words[.setupPromptScorecard]
    }
  }
}
