/// The cell styles of a callqa workbook and the `xl/styles.xml` part that defines them.
///
/// Style indices are positions in `cellXfs`: 0 is the default, 1 the bold header, then one
/// number format per count of decimals (`0`, `0.0`, `0.00`, … up to six places) and a
/// percentage with one decimal (`0.0%`, for fractions such as a pass rate).
enum XLSXStyle {
  /// The most decimals a number format shows; more are clamped to this.
  static let maxDecimals = 6

  static let header = 1

  /// The style of a number shown with `decimals` places.
  static func number(decimals: Int) -> Int {
    2 + min(max(decimals, 0), maxDecimals)
  }

  /// The style of a fraction shown as a percentage with one decimal (`0.0%`).
  static let percent = 2 + maxDecimals + 1

  /// The number-format code of a count of decimals: `0`, `0.0`, `0.00`, …
  static func formatCode(decimals: Int) -> String {
    let places = min(max(decimals, 0), maxDecimals)
    return places == 0 ? "0" : "0." + String(repeating: "0", count: places)
  }

  private static let percentFormatID = 164 + maxDecimals

  /// `xl/styles.xml`.
  static var part: String {
    // Built-in format 1 is "0"; the others are custom (ids from 164).
    let custom =
      (1...maxDecimals).map { places in
        "<numFmt numFmtId=\"\(163 + places)\" formatCode=\"\(formatCode(decimals: places))\"/>"
      } + ["<numFmt numFmtId=\"\(percentFormatID)\" formatCode=\"0.0%\"/>"]
    let numberXfs = (0...maxDecimals).map { places in
      "<xf numFmtId=\"\(places == 0 ? 1 : 163 + places)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    }
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
      <numFmts count="\(custom.count)">\(custom.joined())</numFmts>\
      <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
      <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
      <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
      <fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
      <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
      <border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>\
      <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
      <cellXfs count="\(3 + numberXfs.count)">\
      <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
      <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>\
      \(numberXfs.joined())\
      <xf numFmtId="\(percentFormatID)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
      </cellXfs>\
      <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
      </styleSheet>
      """
  }
}
