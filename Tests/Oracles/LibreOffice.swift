import Foundation

/// LibreOffice Calc, headless: the strict reader every workbook callqa writes must satisfy.
public enum LibreOffice {
  /// `soffice` on PATH (Debian `libreoffice-calc-nogui`), or nil.
  public static let executable: String? = Tools.which("soffice") ?? Tools.which("libreoffice")

  public static var isInstalled: Bool { executable != nil }

  /// Converts every workbook to CSV, one file per sheet (`name-Sheet.csv` in `folder`), cells
  /// as stored rather than as shown (full precision, UTF-8, comma, double quotes).
  ///
  /// Each call uses its own LibreOffice profile, so tests can run conversions concurrently.
  public static func convertToCSV(_ workbooks: [String], into folder: String) throws {
    guard let executable else { throw OracleError("LibreOffice (soffice) is not installed") }
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lo-profile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    // CSV filter options: separator 44 (,), quote 34 ("), charset 76 (UTF-8), from line 1,
    // default cell format, language 0, quoted fields not as text, detect special numbers,
    // contents not "as shown", no formulas, no space removal, every sheet (-1).
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    let result = try Tools.run(
      executable,
      ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", filter, "--outdir", folder] + workbooks)
    guard result.status == 0 else { throw OracleError("soffice failed (\(result.status)): \(result.output)") }
    for workbook in workbooks {
      let stem = URL(fileURLWithPath: workbook).deletingPathExtension().lastPathComponent
      let written = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasPrefix(stem + "-") } ?? []
      guard !written.isEmpty else { throw OracleError("soffice wrote no CSV for \(workbook): \(result.output)") }
    }
  }
}
