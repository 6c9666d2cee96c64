import CallQAKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The operating-system account running this process, from its real user id (`getuid`):
/// never from an environment variable or a flag, which anyone can set.
enum OSAccount {
  static func name() -> String? {
    guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
    return String(cString: name)
  }
}

extension QADatabase {
  /// Who acts on this terminal: the callqa user linked to the OS account running it, or the
  /// local desk while the database has no users (``Actor/singleDesk(osUser:)``).
  func terminalActor() throws -> Actor { try actor(osUser: OSAccount.name()) }
}
