/// A format of the case library that is a set of pages: an index plus one page per case.
/// The writing loop is shared; each format supplies its extension and its two renderers.
protocol CasePageWriter {
  /// File extension of the pages (`html`, `md`).
  var fileExtension: String { get }
  func index(_ library: CaseLibrary) -> String
  func page(_ entry: CaseLibrary.Entry) -> String
}

extension CasePageWriter {
  /// Writes every case page (recording its path in the library), then the index.
  func write(
    _ library: inout CaseLibrary, base: String, staging: inout ExportStaging, progress: (CaseExportEvent) throws -> Void
  ) throws {
    for index in library.cases.indices {
      let path = MarkupText.pagePath(library.cases[index], ext: fileExtension)
      library.cases[index].page = path
      try staging.write(page(library.cases[index]), to: base + path)
      try progress(.wrote(base + path))
    }
    let indexPath = "index.\(fileExtension)"
    try staging.write(self.index(library), to: base + indexPath)
    try progress(.wrote(base + indexPath))
  }
}
