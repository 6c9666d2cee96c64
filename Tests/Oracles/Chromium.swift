import Foundation

/// Headless Chromium (Debian `chromium`), the real browser the HTML pages are checked in.
public enum Chromium {
  /// The browser on PATH, or nil.
  public static let executable: String? = Tools.which("chromium") ?? Tools.which("chromium-browser") ?? Tools.which("google-chrome")

  public static var isInstalled: Bool { executable != nil }

  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    guard let executable else { throw OracleError("chromium is not installed") }
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    return try Tools.run(
      executable,
      ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)"] + arguments)
  }

  /// The page's DOM after it loaded, as the browser serialises it.
  public static func dom(of file: String) throws -> String {
    let result = try run(["--dump-dom", URL(fileURLWithPath: file).absoluteString])
    guard result.status == 0 else { throw OracleError("chromium --dump-dom failed: \(result.output)") }
    return result.output
  }

  /// A PNG screenshot of the page at `width` × `height`.
  public static func screenshot(of file: String, to png: String, width: Int = 1000, height: Int = 1400) throws -> Data {
    let result = try run(["--window-size=\(width),\(height)", "--screenshot=\(png)", URL(fileURLWithPath: file).absoluteString])
    guard result.status == 0, let data = FileManager.default.contents(atPath: png) else {
      throw OracleError("chromium --screenshot failed: \(result.output)")
    }
    return data
  }

  /// True when the browser draws Chinese with real glyphs: two different characters render
  /// differently. Without a CJK font both become the same "missing glyph" box, so their
  /// screenshots are byte for byte the same.
  public static func rendersChineseGlyphs(in folder: URL) throws -> Bool {
    func render(_ character: String) throws -> Data {
      let page = folder.appendingPathComponent("glyph-\(character.unicodeScalars.first?.value ?? 0).html")
      try Data("<html><body style='margin:0;background:#fff'><p style='font:160px sans-serif;margin:0'>\(character)</p></body></html>".utf8)
        .write(to: page)
      return try screenshot(of: page.path, to: page.path + ".png", width: 240, height: 240)
    }
    return try render("中") != render("国")
  }
}
