// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "callqa",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "CallQAKit", targets: ["CallQAKit"]),
    .library(name: "CallQAServer", targets: ["CallQAServer"]),
    .executable(name: "callqa", targets: ["callqa"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    // Only its HummingbirdBcrypt product (a C bcrypt with no other dependency) is used here.
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    // The team server (`callqa serve`): HTTP, in-process testing, escaped HTML templates.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    // HTTPS of `serve --tls-cert/--tls-key` (HummingbirdTLS); already built for AsyncHTTPClient in the tests.
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    // The PostgreSQL engine (`--db postgresql://…`), beside the embedded SQLite default.
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    .target(
      name: "CallQAKit",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ],
      resources: [.copy("Resources/scorecards")]
    ),
    // The team server: routes, controllers, sign-in and pages over the same library use cases.
    .target(
      name: "CallQAServer",
      dependencies: [
        "CallQAKit",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Resources")]
    ),
    .executableTarget(
      name: "callqa",
      dependencies: [
        "CallQAKit",
        "CallQAServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Independent oracles the tests check written files with: python3 scripts (openpyxl,
    // jsonschema, html.parser), LibreOffice headless, tools found on PATH.
    .target(name: "TestOracles", path: "Tests/Oracles"),
    // A QA team with one user per role and every write action tried as someone: the role
    // matrix both the library tests and the end-to-end tests run.
    .target(name: "TeamFixtures", dependencies: ["CallQAKit"], path: "Tests/TeamFixtures"),
    .testTarget(
      name: "CallQAKitTests",
      dependencies: ["CallQAKit", "TestOracles", "TeamFixtures"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "callqaTests",
      dependencies: ["CallQAKit", "TestOracles", "TeamFixtures", "callqa"]
    ),
    .testTarget(
      name: "CallQAServerTests",
      dependencies: [
        "CallQAKit", "CallQAServer", "TestOracles", "TeamFixtures", "callqa",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      exclude: ["Browser"]
    ),
  ]
)
