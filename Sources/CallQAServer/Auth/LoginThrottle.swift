import CallQAKit
import Foundation

/// Refuses sign-in attempts for a while after too many failures for one login or from one
/// address, so that passwords cannot be guessed at speed (429 with `Retry-After`). The
/// failures are counted in the database (``QADatabase/recordSignInFailure(login:address:limits:now:)``),
/// so two servers behind one load balancer throttle together.
struct LoginThrottle: Sendable {
  let backend: Backend
  let limits: SignInLimits

  init(backend: Backend, perUser: Int, perAddress: Int, window: TimeInterval) {
    self.backend = backend
    limits = SignInLimits(perLogin: perUser, perAddress: perAddress, window: window)
  }

  /// Seconds to wait before `login` may try again from `address`; nil when it may now.
  func retryAfter(login: String, address: String) async throws -> Int? {
    let limits = self.limits
    return try await backend.run { try $0.signInWait(login: login, address: address, limits: limits) }
  }

  /// Counts a failed attempt against both the login and the address.
  func failed(login: String, address: String) async throws {
    let limits = self.limits
    try await backend.run { try $0.recordSignInFailure(login: login, address: address, limits: limits) }
  }

  /// A successful sign-in clears the login's failures (not the address's).
  func succeeded(login: String) async throws {
    try await backend.run { try $0.clearSignInFailures(login: login) }
  }
}
