import CallQAKit

/// What every import prints when its file holds no records: an empty file (no bytes, or only
/// a byte-order mark and blank lines) or a CSV with only its header. Nothing is written; the
/// exit status is 0, so that a scheduled import of a quiet day's export does not fail.
func noRecordsLine(_ file: String, _ words: Messages) -> String {
  words(.outNoRecords, file)
}
