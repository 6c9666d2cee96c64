import ArgumentParser
import CallQAKit
import Foundation

extension CallQA.Autoscore {
  /// `callqa autoscore bench`: the screening benchmark on a synthetic corpus.
  struct Bench: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractBenchmarkScreeningSynthetic),
      discussion: Terminal.help(.discussionAutoscoreBench))

    @Option(help: ArgumentHelp(Terminal.help(.helpHowManyTranscripts))) var calls: Int = 10_000
    @Option(help: ArgumentHelp(Terminal.help(.helpCorpusSeed))) var seed: UInt64 = 1
    @Option(help: ArgumentHelp(Terminal.help(.helpWriteTranscriptsFolder))) var dir: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpDirAlsoCreate))) var db: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpScorecardFileDefault))) var scorecard: String?
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard calls >= 1 else { throw ValidationError(Terminal.words(.errCallsMustMore)) }
      if db != nil && dir == nil { throw ValidationError(Terminal.words(.errDbNeedsDir)) }
    }

    func execute() throws {
      let card =
        try scorecard.map { try ScorecardLoader.load(path: $0) }
        ?? ShippedScorecards.all().first { $0.key == "inbound-service" }
      guard let card else { throw CallQAError(.errShippedInboundService) }
      let scorer = try AutoScorer(scorecard: card)
      var screened: [ScreenedCall] = []
      screened.reserveCapacity(calls)
      var elapsed = 0.0
      var bytes = 0
      var cpuStart = Self.threadCPUSeconds()
      if let dir {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var names: [String] = []
        for index in 0..<calls {
          let (name, text) = SyntheticTranscripts.make(index: index, seed: seed)
          try Data(text.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
          names.append(name)
        }
        if let db { try populate(db, names: names, dir: dir, card: card) }
        cpuStart = Self.threadCPUSeconds()
        let clock = Date()
        for (index, name) in names.enumerated() {
          let call = Self.call(index, transcript: (dir as NSString).appendingPathComponent(name))
          screened.append(Screening.screen(call, scorer: scorer))
        }
        elapsed = Date().timeIntervalSince(clock)
      } else {
        let chunk = 2_000
        var start = 0
        var cpuMark = cpuStart
        while start < calls {
          let texts = (start..<min(calls, start + chunk)).map { SyntheticTranscripts.make(index: $0, seed: seed) }
          bytes += texts.reduce(0) { $0 + $1.text.utf8.count }
          let cpuBefore = Self.threadCPUSeconds()
          let clock = Date()
          for (offset, item) in texts.enumerated() {
            let call = Self.call(start + offset, transcript: item.name)
            do {
              let transcript = try TranscriptReader.parse(text: item.text, file: item.name)
              screened.append(Screening.screen(call, transcript: transcript, scorer: scorer))
            } catch {
              throw CallQAError(.errSyntheticTranscriptDid, item.name, MessageArgument.describing(error))
            }
          }
          elapsed += Date().timeIntervalSince(clock)
          // Generation is not timed: move the CPU baseline past it.
          cpuStart += cpuBefore - cpuMark
          cpuMark = Self.threadCPUSeconds()
          start += chunk
        }
      }
      let clock = Date()
      let queue = Screening.rank(screened)
      elapsed += Date().timeIntervalSince(clock)
      let cpu = Self.threadCPUSeconds() - cpuStart
      var counts: [String] = []
      for risk in ScreeningRisk.allCases {
        let n = queue.filter { $0.risk == risk }.count
        if n > 0 { counts.append("\(n) \(risk.rawValue)") }
      }
      Console.out(
        "screened \(calls) transcripts (\(card.reference), \(dir == nil ? "in memory" : "from \(dir ?? "")")\(bytes > 0 ? String(format: ", %.1f MB", Double(bytes) / 1e6) : ""))"
      )
      Console.out(
        String(
          format: "wall %.2f s (%.0f calls/s), CPU %.2f s (%.0f calls per CPU-second), one thread",
          elapsed, Double(calls) / elapsed, cpu, Double(calls) / cpu))
      Console.out("queue: " + counts.joined(separator: ", "))
      if let db { Console.out("database: \(db) (try: time callqa autoscore --period 2026-11 --db \(db) --format csv > queue.csv)") }
    }

    /// CPU time of the calling thread, so the figure holds on a shared machine.
    static func threadCPUSeconds() -> Double {
      var spec = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
      return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func call(_ index: Int, transcript: String) -> TranscribedCall {
      TranscribedCall(
        externalId: String(format: "B%06d", index), agent: String(format: "A%03d", index % 50), team: nil,
        startedAt: nil, direction: "inbound", transcript: transcript)
    }

    private func populate(_ path: String, names: [String], dir: String, card: Scorecard) throws {
      let database = try QADatabase(path: path)
      _ = try database.importScorecard(card, actor: .singleDesk(osUser: "bench"))
      let agents = (0..<50).map { AgentInput(code: String(format: "A%03d", $0), name: String(format: "Agent %03d", $0), team: "T\($0 % 5 + 1)") }
      let calls = names.enumerated().map { index, name in
        CallInput(
          externalId: String(format: "B%06d", index),
          startedAt: String(format: "2026-11-%02dT%02d:%02d:00+08:00", index % 30 + 1, 8 + index % 10, index % 60),
          direction: "inbound", transcript: (dir as NSString).appendingPathComponent(name))
      }
      try database.addBenchmarkCalls(agents: agents, calls: calls, agentFor: { String(format: "A%03d", $0 % 50) })
    }
  }
}
