import CallQAKit

/// The inspector a `queue` or `draft list` is narrowed to: with `--mine`, the inspector the
/// actor is (on a single desk, `--inspector` or `CALLQA_INSPECTOR`); otherwise `--inspector`
/// as typed (nil: everyone's).
func listedInspector(mine: Bool, typed: String?, actor: Actor) throws -> String? {
  guard mine else { return typed }
  guard let own = actor.user?.inspectorCode ?? (actor.isSingleDesk ? typed ?? environmentInspector() : nil) else {
    throw CallQAError(.errMineNeedsInspector)
  }
  return own
}
