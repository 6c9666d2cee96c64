import ArgumentParser

/// The `callqa` command: quality-inspection scoring for call centres.
@main
struct CallQA: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "callqa",
    abstract: "Quality-inspection scoring for call centres: scorecards, evaluations, reports.",
    version: "0.1.0",
    subcommands: [
      Init.self,
      ScorecardCommand.self,
      AgentCommand.self,
      InspectorCommand.self,
      Score.self,
      EvaluationCommand.self,
      ReportCommand.self,
      Quality.self,
      BenchCommand.self,
      CaseCommand.self,
      Doctor.self,
      Backup.self,
      Restore.self,
      Sample.self,
      Coverage.self,
      AgentMonthCommand.self,
      Performance.self,
      CoachingCommand.self,
      CalibrationCommand.self,
      DisputeCommand.self,
      AuditCommand.self,
      Autoscore.self,
      Demo.self,
      ComplaintCommand.self,
      CallCommand.self,
    ]
  )
}
