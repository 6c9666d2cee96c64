import Foundation

/// The two distributions the intervals need, hand-coded (no dependency): the standard normal
/// quantile (Wilson intervals) and Student's t quantile (t-intervals, sample sizes).
public enum Distributions {
  /// The p-quantile of the standard normal distribution, 0 < p < 1: Acklam's rational
  /// approximation (relative error 1.15e-9) refined by one Halley step on `erfc`.
  public static func normalQuantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    var x: Double
    if p < low {
      let q = (-2 * log(p)).squareRoot()
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - low {
      let q = p - 0.5, r = q * q
      x =
        (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
      let q = (-2 * log(1 - p)).squareRoot()
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    // One Halley step: e = Φ(x) − p, u = e·√(2π)·exp(x²/2).
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
  }

  /// P(T ≤ t) for Student's t with `df` > 0 degrees of freedom (any real df, as Welch's
  /// approximation gives), through the regularised incomplete beta function.
  public static func studentTCDF(_ t: Double, df: Double) -> Double {
    precondition(df > 0, "degrees of freedom must be > 0")
    if t.isInfinite { return t > 0 ? 1 : 0 }
    let tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
    return t > 0 ? 1 - tail : tail
  }

  /// The density of Student's t at `t`.
  static func studentTDensity(_ t: Double, df: Double) -> Double {
    exp(lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi) - (df + 1) / 2 * log1p(t * t / df))
  }

  /// The p-quantile of Student's t with `df` degrees of freedom, 0 < p < 1.
  ///
  /// df = 1 and df = 2 have closed forms; otherwise Newton's method on ``studentTCDF(_:df:)``
  /// from the normal quantile, kept inside a bracket that bisection narrows, to 1e-12.
  public static func studentTQuantile(_ p: Double, df: Double) -> Double {
    precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
    precondition(df > 0, "degrees of freedom must be > 0")
    if p == 0.5 { return 0 }
    if p < 0.5 { return -studentTQuantile(1 - p, df: df) }
    if df == 1 { return tan(Double.pi * (p - 0.5)) }
    if df == 2 { return (2 * p - 1) / (2 * p * (1 - p)).squareRoot() }
    if df > 1e7 { return normalQuantile(p) }
    // The t quantile lies above the normal one; find an upper end of the bracket.
    var low = 0.0
    var high = max(1, normalQuantile(p))
    while studentTCDF(high, df: df) < p { (low, high) = (high, high * 2) }
    var x = min(max(normalQuantile(p), low), high)
    for _ in 0..<200 {
      let f = studentTCDF(x, df: df) - p
      if abs(f) < 1e-15 { break }
      if f < 0 { low = x } else { high = x }
      var next = x - f / studentTDensity(x, df: df)
      if !(next > low && next < high) { next = (low + high) / 2 }
      if abs(next - x) <= 1e-12 * max(1, abs(x)) { return next }
      x = next
    }
    return x
  }

  /// I_x(a, b) by the continued fraction of Numerical Recipes (modified Lentz), using the
  /// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where that converges faster.
  static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
    if x < (a + 1) / (a + b + 2) { return front * betaContinuedFraction(x, a: a, b: b) / a }
    return 1 - front * betaContinuedFraction(1 - x, a: b, b: a) / b
  }

  private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...1000 {
      let m = Double(m)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + even * d
      if abs(d) < tiny { d = tiny }
      c = 1 + even / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + odd * d
      if abs(d) < tiny { d = tiny }
      c = 1 + odd / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let step = d * c
      h *= step
      if abs(step - 1) < 1e-15 { break }
    }
    return h
  }
}
