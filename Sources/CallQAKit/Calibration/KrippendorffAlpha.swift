/// Krippendorff's alpha, the agreement coefficient for any number of raters, missing values
/// and several levels of measurement, computed through the coincidence matrix
/// (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011).
///
/// alpha = 1 − D_o / D_e, where, over the pairable values of the units with at least two of them,
/// D_o = Σ_c Σ_k o_ck · δ²(c, k) and D_e = Σ_c Σ_k n_c · n_k · δ²(c, k) / (n − 1).
/// A unit with fewer than two values (every other rater absent or N/A) drops out, as alpha defines.
public enum KrippendorffAlpha {
  /// The level of measurement, which fixes the difference function δ².
  public enum Metric: String, Hashable, Sendable, Codable, CaseIterable {
    /// δ² = 0 for equal values, 1 otherwise.
    case nominal
    /// δ² from the ranks: (Σ_{g=c…k} n_g − (n_c + n_k)/2)².
    case ordinal
    /// δ² = (c − k)².
    case interval
    /// δ² = ((c − k)/(c + k))².
    case ratio
  }

  /// Alpha with the figures behind it.
  public struct Result: Hashable, Sendable {
    /// Nil when undefined: fewer than two pairable values, or no variation at all (D_e = 0).
    public var alpha: Double?
    /// n: the number of pairable values (values in units with at least two of them).
    public var pairableValues: Int
    /// The number of units with at least two values.
    public var pairableUnits: Int
    /// D_o, observed disagreement (normalised by n).
    public var observedDisagreement: Double
    /// D_e, expected disagreement (normalised by n).
    public var expectedDisagreement: Double
  }

  /// Alpha of reliability data laid out as `data[rater][unit]`, nil for a missing value.
  /// Rows may have different lengths: a short row is missing the remaining units.
  public static func alpha(reliabilityData data: [[Double?]], metric: Metric) -> Result {
    let unitCount = data.map(\.count).max() ?? 0
    var units: [[Double]] = Array(repeating: [], count: unitCount)
    for row in data {
      for (unit, value) in row.enumerated() {
        if let value { units[unit].append(value) }
      }
    }
    return alpha(units: units, metric: metric)
  }

  /// Alpha of the values each unit received (missing values simply left out).
  public static func alpha(units: [[Double]], metric: Metric) -> Result {
    let pairable = units.filter { $0.count >= 2 }
    let values = Array(Set(pairable.flatMap { $0 })).sorted()
    var index: [Double: Int] = [:]
    for (position, value) in values.enumerated() { index[value] = position }
    let size = values.count
    var coincidences = Array(repeating: Array(repeating: 0.0, count: size), count: size)
    for unit in pairable {
      var counts: [Int: Double] = [:]
      for value in unit { counts[index[value] ?? 0, default: 0] += 1 }
      let weight = 1.0 / Double(unit.count - 1)
      for (c, nc) in counts {
        for (k, nk) in counts {
          coincidences[c][k] += nc * (c == k ? nk - 1 : nk) * weight
        }
      }
    }
    let marginals = coincidences.map { $0.reduce(0, +) }
    let n = marginals.reduce(0, +)
    let delta = differences(values: values, marginals: marginals, metric: metric)
    var observed = 0.0
    var expected = 0.0
    for c in 0..<size {
      for k in 0..<size where c != k {
        observed += coincidences[c][k] * delta[c][k]
        expected += marginals[c] * marginals[k] * delta[c][k]
      }
    }
    let count = pairable.reduce(0) { $0 + $1.count }
    guard n > 1 else {
      return Result(alpha: nil, pairableValues: count, pairableUnits: pairable.count, observedDisagreement: 0, expectedDisagreement: 0)
    }
    let observedNormalised = observed / n
    let expectedNormalised = expected / (n * (n - 1))
    let alpha: Double? = expected > 0 ? 1 - (n - 1) * observed / expected : nil
    return Result(
      alpha: alpha, pairableValues: count, pairableUnits: pairable.count,
      observedDisagreement: observedNormalised, expectedDisagreement: expectedNormalised)
  }

  /// δ²(c, k) for the sorted distinct `values` with their coincidence marginals n_c.
  static func differences(values: [Double], marginals: [Double], metric: Metric) -> [[Double]] {
    let size = values.count
    var delta = Array(repeating: Array(repeating: 0.0, count: size), count: size)
    for c in 0..<size {
      for k in 0..<size where c != k {
        switch metric {
        case .nominal:
          delta[c][k] = 1
        case .interval:
          let d = values[c] - values[k]
          delta[c][k] = d * d
        case .ratio:
          let sum = values[c] + values[k]
          let d = sum == 0 ? 0 : (values[c] - values[k]) / sum
          delta[c][k] = d * d
        case .ordinal:
          let low = min(c, k), high = max(c, k)
          let between = marginals[low...high].reduce(0, +) - (marginals[c] + marginals[k]) / 2
          delta[c][k] = between * between
        }
      }
    }
    return delta
  }
}
