/// What a callqa user is in the QA team; the ``Policy`` says what each role may do.
public enum Role: String, CaseIterable, Hashable, Sendable, Codable {
  /// Runs the installation: users, settings, scorecards. Does not judge calls or disputes.
  case admin
  /// Reads everything; owns scorecards, people, calibration and dispute decisions.
  case manager
  /// Leads agents of given teams: reads and acts for those teams only.
  case supervisor
  /// Curates training cases and exports case libraries.
  case trainer
  /// Scores calls, linked to one inspector code.
  case inspector
  /// Answers the phone, linked to one agent code: reads, acknowledges and disputes their own evaluations.
  case agent
}
