import Foundation

/// A priority list for sampling: a CSV with a `call` column, best first — what
/// `callqa autoscore --period … --format csv` writes. Rows whose `risk` column says `clean`
/// are left to the random pick: nothing was found in them.
public enum PriorityList {
  /// The call ids of the file at `path`, in file order.
  public static func load(path: String) throws -> [String] {
    var reader = try CSVReader(path: path)
    let file = (path as NSString).lastPathComponent
    guard let table = try CSVTable.header(of: &reader, file: file, required: ["call"], optional: ["risk"]) else { return [] }
    var calls: [String] = []
    while let record = reader.next() {
      let row = try table.row(record)
      let call = row["call", default: ""].trimmingCharacters(in: .whitespaces)
      guard !call.isEmpty else { throw LocatedError(SourceLocation(file: file, line: record.line), .errEmptyCallId) }
      if row["risk"]?.trimmingCharacters(in: .whitespaces) == ScreeningRisk.clean.rawValue { continue }
      calls.append(call)
    }
    if let error = reader.error { throw error }
    return calls
  }
}
