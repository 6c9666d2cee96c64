import Foundation
import ZIPFoundation

/// The layout of an exported library.
public enum CaseLibraryFormat: String, CaseIterable, Sendable {
  /// `index.md` + one Markdown page per case + media.
  case md
  /// `index.html` + one printable HTML page per case (audio player) + media.
  case html
  /// `manifest.json` (Schemas/case-library.schema.json) + media + transcripts.
  case json
  /// One `.zip` archive holding the HTML library and its manifest.
  case zip
}

/// What `case export` is asked to do.
public struct CaseExportOptions: Sendable {
  /// The library folder to create for `md`, `html` and `json`; for `zip`, the archive file
  /// (named ``destination``: `.zip` is added when the name has no extension).
  public var output: URL
  public var format: CaseLibraryFormat
  public var filter: CaseFilter
  /// Replace agents by labels (`Agent A`…) and leave out call and inspector ids.
  public var anonymise: Bool
  /// `en` or `zh`, for scorecard texts and page labels.
  public var language: String
  /// Folder that relative recording and transcript paths are resolved against.
  public var mediaRoot: URL
  public var tools: AudioTools
  /// Replace an existing library at `output`.
  public var replace: Bool

  public init(
    output: URL, format: CaseLibraryFormat = .html, filter: CaseFilter = CaseFilter(), anonymise: Bool = false,
    language: String = "en", mediaRoot: URL, tools: AudioTools = .detect(), replace: Bool = false
  ) {
    self.output = output
    self.format = format
    self.filter = filter
    self.anonymise = anonymise
    self.language = language
    self.mediaRoot = mediaRoot
    self.tools = tools
    self.replace = replace
  }

  /// Where the export lands: the `output` folder for `md`, `html` and `json`; for `zip`, the
  /// archive file, with `.zip` added when `output` has no extension (`cases` → `cases.zip`,
  /// `cases.v2` → `cases.v2.zip`, `cases.zip` and `cases.ZIP` unchanged).
  public var destination: URL {
    guard format == .zip, output.pathExtension.lowercased() != "zip" else { return output }
    return output.appendingPathExtension("zip")
  }
}

/// Progress of an export, reported as it goes; throwing from the handler aborts the export
/// (nothing is left at the destination).
public enum CaseExportEvent: Hashable, Sendable {
  /// A file was written in the staging folder (path inside the library).
  case wrote(String)
  /// A recording is missing or could not be cut; the export goes on.
  case problem(String)
}

/// The result of an export.
public struct CaseExportSummary: Hashable, Sendable {
  public var output: URL
  public var cases: Int
  public var files: Int
  public var problems: [String]
  /// How many clips ended in each state.
  public var clips: [ClipStatus: Int]
}

/// Writes a training-case library: redacted, path-safe, staged and moved into place.
public enum CaseLibraryExporter {
  /// Exports the cases matching `options.filter` from `database`, for `actor` (trainers and managers).
  public static func export(
    from database: QADatabase, options: CaseExportOptions, actor: Actor, progress: (CaseExportEvent) throws -> Void = { _ in }
  ) throws -> CaseExportSummary {
    try database.authorize(actor, .exportCases)
    var options = options
    options.output = options.destination
    let folder = options.format == .zip ? SafePath.slug(options.output.deletingPathExtension().lastPathComponent) : "library"
    let base = folder + "/"
    return try withoutActuallyEscaping(progress) { progress in
      try export(from: database, options: options, folder: folder) { event in
        if case .wrote(let path) = event, path.hasPrefix(base) {
          try progress(.wrote(String(path.dropFirst(base.count))))
        } else {
          try progress(event)
        }
      }
    }
  }

  private static func export(
    from database: QADatabase, options: CaseExportOptions, folder: String, progress: @escaping (CaseExportEvent) throws -> Void
  ) throws -> CaseExportSummary {
    let base = folder + "/"
    let cases = try database.trainingCases(options.filter)
    guard !cases.isEmpty else { throw CallQAError(.errNoTrainingCaseMatches) }
    let labels = CaseLabels(language: options.language)
    let builder = CaseLibraryBuilder(database: database, labels: labels, anonymise: options.anonymise)
    let sources = try builder.entries(for: cases).sorted { $0.0.id < $1.0.id }
    var staging = try ExportStaging(destination: options.output, replace: options.replace)
    do {
      var entries: [CaseLibrary.Entry] = []
      var problems: [String] = []
      for (entry, source) in sources {
        var entry = entry
        let problem = try addMedia(&entry, source: source.call, base: base, staging: &staging, options: options, progress: progress)
        if let problem {
          problems.append(problem)
          try progress(.problem(problem))
        }
        entries.append(entry)
      }
      var library = CaseLibrary(
        generatedAt: Timestamp.nowUTC(), language: labels.language, anonymised: options.anonymise, cases: entries,
        bySkill: groupBySkill(entries), byLevel: groupByLevel(entries), problems: problems)
      library.auditHead = try database.auditHead()
      switch options.format {
      case .md:
        try MarkdownCaseWriter(labels: labels).write(&library, base: base, staging: &staging, progress: progress)
      case .html:
        try HTMLCaseWriter(labels: labels).write(&library, base: base, staging: &staging, progress: progress)
      case .json:
        try ManifestWriter.write(library, to: base + "manifest.json", staging: &staging, progress: progress)
      case .zip:
        try HTMLCaseWriter(labels: labels).write(&library, base: base, staging: &staging, progress: progress)
        try ManifestWriter.write(library, to: base + "manifest.json", staging: &staging, progress: progress)
      }
      var result = staging.root.appendingPathComponent(folder)
      if options.format == .zip {
        let archive = staging.root.appendingPathComponent("archive.zip")
        try FileManager.default.zipItem(at: result, to: archive, shouldKeepParent: true, compressionMethod: .deflate)
        result = archive
      }
      let files = staging.files.count
      try staging.commit(result)
      var clips: [ClipStatus: Int] = [:]
      for entry in library.cases { clips[entry.clip.status, default: 0] += 1 }
      return CaseExportSummary(output: options.output, cases: library.cases.count, files: files, problems: problems, clips: clips)
    } catch {
      staging.discard()
      throw error
    }
  }

  /// Cuts the clip and writes the transcript of one case; returns a problem to report, if any.
  static func addMedia(
    _ entry: inout CaseLibrary.Entry, source call: CallRecord, base: String, staging: inout ExportStaging,
    options: CaseExportOptions, progress: (CaseExportEvent) throws -> Void
  ) throws -> String? {
    let name = String(format: "case-%04d", entry.id)
    var problem: String?
    let clip = entry.clip.start.flatMap { start in entry.clip.end.flatMap { try? ClipRange(start: start, end: $0) } }
    if let recording = call.recording, !recording.isEmpty {
      let source = resolve(recording, in: options.mediaRoot)
      if FileManager.default.isReadableFile(atPath: source.path) {
        let relative = "\(base)media/\(name)-clip.\(SafePath.fileExtension(of: recording))"
        let destination = try staging.url(for: relative)
        do {
          let outcome = try ClipCutter(tools: options.tools).cut(source, clip: clip, to: destination)
          entry.clip.status = outcome.status
          entry.clip.file = String(relative.dropFirst(base.count))
          entry.clip.message = outcome.message
          // A clip cut by ffmpeg or sox is no problem: its message only says which tool cut it.
          if let message = outcome.message, clip != nil, outcome.status != .converted {
            problem = "case \(entry.id): \(message)"
          }
          try progress(.wrote(relative))
        } catch let error as CallQAError {
          entry.clip.status = .missing
          entry.clip.message = error.message
          problem = "case \(entry.id): recording \(source.lastPathComponent) could not be cut: \(error.message)"
        }
      } else {
        entry.clip.status = .missing
        entry.clip.message = "recording not found: \(source.lastPathComponent)"
        problem = "case \(entry.id): recording not found: \(recording)"
      }
    }
    if let value = call.transcript, transcriptText(value, mediaRoot: options.mediaRoot) == nil {
      let missing = "case \(entry.id): transcript not found: \(value)"
      problem = problem.map { $0 + "; " + missing } ?? missing
    }
    if let text = transcriptText(call.transcript, mediaRoot: options.mediaRoot) {
      let cut = TranscriptClip.cut(text, to: clip)
      let relative = "\(base)transcripts/\(name).txt"
      let redacted = PIIRedactor.redact(cut.text)
      try staging.write(redacted + "\n", to: relative)
      entry.transcript = .init(text: redacted, cut: cut.cut, file: String(relative.dropFirst(base.count)))
      try progress(.wrote(relative))
    }
    return problem
  }

  /// The transcript's text: the file it names when it is one line ending in a transcript file
  /// extension (nil when that file is not there), else the text itself.
  static func transcriptText(_ value: String?, mediaRoot: URL) -> String? {
    guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.contains("\n"), trimmed.count < 1024 else { return value }
    let url = resolve(trimmed, in: mediaRoot)
    if let data = FileManager.default.contents(atPath: url.path) { return String(decoding: data, as: UTF8.self) }
    let isPath = ["txt", "srt", "vtt", "json", "log"].contains(url.pathExtension.lowercased()) && !trimmed.contains(" ")
    return isPath ? nil : value
  }

  static func resolve(_ path: String, in root: URL) -> URL {
    path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
  }

  static func groupBySkill(_ entries: [CaseLibrary.Entry]) -> [CaseLibrary.SkillGroup] {
    var groups: [CaseLibrary.SkillGroup] = []
    for entry in entries {
      for skill in entry.skills {
        if let index = groups.firstIndex(where: { $0.skill == skill.key }) {
          groups[index].cases.append(entry.id)
        } else {
          groups.append(.init(skill: skill.key, title: skill.title, cases: [entry.id]))
        }
      }
    }
    return groups
  }

  static func groupByLevel(_ entries: [CaseLibrary.Entry]) -> [CaseLibrary.LevelGroup] {
    let order = CaseLevel.allCases.map(\.rawValue) + ["unspecified"]
    return order.compactMap { level in
      let ids = entries.filter { ($0.level?.rawValue ?? "unspecified") == level }.map(\.id)
      return ids.isEmpty ? nil : .init(level: level, cases: ids)
    }
  }
}

/// Writes the manifest (`manifest.json`).
enum ManifestWriter {
  static func write(
    _ library: CaseLibrary, to relative: String, staging: inout ExportStaging, progress: (CaseExportEvent) throws -> Void
  ) throws {
    try staging.write(try JSONText.pretty(library) + "\n", to: relative)
    try progress(.wrote(relative))
  }
}
