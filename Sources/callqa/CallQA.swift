import ArgumentParser

/// The `callqa` command: quality-inspection scoring for call centres.
@main
struct CallQA: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "callqa",
    abstract: Terminal.help(.abstractQualityInspectionScoring),
    version: "0.1.0",
    subcommands: [
      Init.self,
      Demo.self,
      ScorecardCommand.self,
      AgentCommand.self,
      InspectorCommand.self,
      UserCommand.self,
      SettingsCommand.self,
      CallCommand.self,
      ComplaintCommand.self,
      Score.self,
      DraftCommand.self,
      EvaluationCommand.self,
      CaseCommand.self,
      ReportCommand.self,
      Quality.self,
      Performance.self,
      AgentMonthCommand.self,
      Sample.self,
      Assign.self,
      Queue.self,
      Coverage.self,
      CoachingCommand.self,
      CalibrationCommand.self,
      DisputeCommand.self,
      AuditCommand.self,
      Autoscore.self,
      Doctor.self,
      Backup.self,
      Restore.self,
      Copy.self,
      Serve.self,
      BenchCommand.self,
    ]
  )
}
