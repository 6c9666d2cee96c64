import HTTPTypes

extension HTTPField.Name {
  /// The client address a reverse proxy saw (read only with `--trust-proxy`).
  static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
  static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
  static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
  /// The session's CSRF token on a cookie-authenticated write from a script.
  static let xCSRFToken = HTTPField.Name("X-CSRF-Token")!
  /// The offset of the next page of a list, when there is one.
  static let xNextOffset = HTTPField.Name("X-Next-Offset")!
}
