/// What every import prints when its file holds no records: an empty file (no bytes, or only
/// a byte-order mark and blank lines) or a CSV with only its header. Nothing is written; the
/// exit status is 0, so that a scheduled import of a quiet day's export does not fail.
func noRecordsLine(_ file: String) -> String {
  "\(file): no records in the file: nothing imported"
}

/// `1 new agent`, `2 new agents`.
func newCount(_ count: Int, _ noun: String) -> String {
  "\(count) new \(noun)\(count == 1 ? "" : "s")"
}
