/// What one Excel worksheet can hold (Excel 2007 and later; LibreOffice has the same limits).
///
/// callqa refuses a workbook that would exceed them rather than cut data silently.
public enum XLSXLimits {
  /// Rows in a worksheet, the header row included.
  public static let rows = 1_048_576
  /// Columns in a worksheet (A … XFD).
  public static let columns = 16_384
  /// Characters in one cell.
  public static let cellCharacters = 32_767
  /// Characters in a sheet name.
  public static let sheetNameCharacters = 31
}
