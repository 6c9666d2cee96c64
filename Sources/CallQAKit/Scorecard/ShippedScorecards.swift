import Foundation

/// The scorecard templates shipped with callqa (`scorecards/*.yaml`, bundled as resources).
public enum ShippedScorecards {
  /// Paths of the shipped scorecard files, sorted by name. Files named `performance-*.yaml`
  /// in the same folder are performance plans, not scorecards, and are left out.
  public static func paths() throws -> [String] {
    let directory = try folder()
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("performance-") }.sorted().map { directory + "/" + $0 }
  }

  /// Paths of the later versions shipped beside the templates (`scorecards/v2/*.yaml`, …), sorted:
  /// `init` does not load them (unversioned references keep meaning what a centre scored with);
  /// a centre adopts one with `scorecard import`.
  public static func laterVersionPaths() throws -> [String] {
    let directory = try folder()
    let folders = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("v") }.sorted()
    return try folders.flatMap { name in
      try FileManager.default.contentsOfDirectory(atPath: directory + "/" + name).filter { $0.hasSuffix(".yaml") }.sorted()
        .map { directory + "/" + name + "/" + $0 }
    }
  }

  /// The newest shipped version of each scorecard, sorted by key: a later version
  /// (`scorecards/v2/…`) where one is shipped, else the template. What a new centre that
  /// starts on the scorecards with root causes, error groups, conditions and bonus items loads
  /// (`init --latest-scorecards`).
  public static func newest() throws -> [Scorecard] {
    var newest: [String: Scorecard] = [:]
    for scorecard in try all() + laterVersionPaths().map({ try ScorecardLoader.load(path: $0) }) {
      if let kept = newest[scorecard.key], kept.version >= scorecard.version { continue }
      newest[scorecard.key] = scorecard
    }
    return newest.values.sorted { $0.key < $1.key }
  }

  /// The shipped example performance plan (`scorecards/performance-plan.yaml`).
  public static func performancePlanPath() throws -> String {
    try folder() + "/performance-plan.yaml"
  }

  /// Loads and validates every shipped scorecard.
  public static func all() throws -> [Scorecard] {
    try paths().map { try ScorecardLoader.load(path: $0) }
  }

  /// The folder holding the templates: next to the executable when installed, else the
  /// package's resource bundle.
  static func folder() throws -> String {
    let bundleName = "callqa_CallQAKit.resources"
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["CALLQA_RESOURCES"] {
      candidates.append(URL(fileURLWithPath: override))
    }
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName))
    candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName))
    for candidate in candidates {
      let folder = candidate.appendingPathComponent("scorecards").path
      if FileManager.default.fileExists(atPath: folder) { return folder }
    }
    let folder = Bundle.module.bundleURL.appendingPathComponent("scorecards").path
    guard FileManager.default.fileExists(atPath: folder) else {
      throw CallQAError(.errShippedScorecardsAre, bundleName)
    }
    return folder
  }
}
