import Foundation

/// Where a PostgreSQL database is, from a `postgresql://user[:password]@host[:port]/database`
/// URL (`postgres://` too). `?host=/path/to/socket/dir` selects a Unix socket, as libpq does.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
  public var user: String
  public var password: String?
  public var host: String
  public var port: Int
  public var database: String
  /// The folder of the server's Unix socket, when connecting through one.
  public var socketFolder: String?

  /// Parses `url`; a malformed one is a one-line error naming what is missing.
  public init(url: String) throws {
    guard let components = URLComponents(string: url), let scheme = components.scheme,
      ["postgresql", "postgres"].contains(scheme.lowercased())
    else { throw CallQAError(.errPostgresURL, url) }
    user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
    password = components.password.flatMap { $0.removingPercentEncoding }
    host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
    port = components.port ?? 5432
    let name = components.path.drop(while: { $0 == "/" })
    guard !name.isEmpty, !name.contains("/") else { throw CallQAError(.errPostgresURL, url) }
    database = String(name)
    socketFolder = components.queryItems?.first(where: { $0.name == "host" })?.value
  }

  /// The URL without its password, for messages and logs.
  public var description: String {
    let authority = socketFolder.map { "?host=\($0)" } ?? ""
    return "postgresql://\(user)@\(host):\(port)/\(database)\(authority)"
  }
}

/// Where a callqa database is: a SQLite file (the default) or a PostgreSQL database.
public enum DatabaseLocation: Hashable, Sendable, CustomStringConvertible {
  case sqlite(path: String)
  case postgresql(PostgresLocation)

  /// `postgresql://…` or `postgres://…` is PostgreSQL; `sqlite:PATH` and any other text is a
  /// SQLite file path. `password` is used when a PostgreSQL URL gives none (the front end
  /// passes `$PGPASSWORD`, as libpq reads it, so a password need not stand in a command line).
  public init(_ text: String, password: String? = nil) throws {
    let lowered = text.lowercased()
    if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") {
      var location = try PostgresLocation(url: text)
      if location.password == nil { location.password = password.flatMap { $0.isEmpty ? nil : $0 } }
      self = .postgresql(location)
    } else if lowered.hasPrefix("sqlite:") {
      let path = String(text.dropFirst("sqlite:".count))
      self = .sqlite(path: path.hasPrefix("//") ? String(path.dropFirst(2)) : path)
    } else {
      self = .sqlite(path: text)
    }
  }

  /// The engine the location selects.
  public var engine: StoreEngineKind {
    switch self {
    case .sqlite: return .sqlite
    case .postgresql: return .postgresql
    }
  }

  public var description: String {
    switch self {
    case .sqlite(let path): return path
    case .postgresql(let location): return location.description
    }
  }
}
