extension QADatabase {
  // MARK: - Reads

  /// The page of calls matching `filter` (the business-record query), newest first.
  ///
  /// Rows are read in the order of an index on the calls (`calls_started`; `calls_agent` for
  /// one agent, `calls_direction` for a direction, the partial `calls_recorded` and
  /// `calls_transcribed` for calls with a recording or transcript) and the read stops after
  /// the page; evaluations and complaints are looked up per call through `evaluations_call`
  /// and `complaints_call`. Only the calls with a complaint, few in any centre, are read
  /// from `complaints_call` and sorted.
  public func callPage(_ filter: CallFilter) throws -> Page<CallSummary> {
    try filter.validate()
    return try readSQL { db in
      try filter.names.check(db)
      let (sql, arguments) = QADatabase.callListQuery(filter, on: db.engine)
      let rows = try db.rows(sql, arguments).map { row in
        CallSummary(
          call: try row["call"], agent: try row["agent"], team: try row["team"], startedAt: try row["started_at"],
          duration: try row["duration"], direction: try row["direction"], recording: try row["recording"],
          transcript: try row["transcript"], evaluations: try row["evaluations"], finalScore: try row["final_score"],
          complaints: try row["complaints"])
      }
      return Page(fetched: rows, offset: filter.offset, limit: filter.limit)
    }
  }

  /// The SQL of ``callPage(_:)`` and its arguments.
  ///
  /// `calls c CROSS JOIN agents a` keeps the calls the outer loop, so that
  /// `ORDER BY c.started_at DESC, c.id DESC` is the order of the index walked. A team is a
  /// condition on each call (`+c.agent_id`), not an index search over the team's agents,
  /// which would have to sort all their calls. PostgreSQL plans it on its statistics
  /// (``StoreEngineKind/orderedJoin``).
  static func callListQuery(_ filter: CallFilter, on engine: StoreEngineKind) -> (String, [SQLValue]) {
    var conditions = SQLConditions()
    conditions.add("c.agent_id = (SELECT id FROM agents WHERE code = ?)", filter.agent)
    conditions.add("+c.agent_id IN (SELECT id FROM agents WHERE team = ?)", filter.team)
    conditions.addCallDates(from: filter.from, to: filter.to, period: filter.period)
    conditions.add("c.direction = ?", filter.direction)
    conditions.add("c.duration >= ?", filter.minDuration)
    conditions.add("c.duration <= ?", filter.maxDuration)
    // The flag kept by the calls_evaluated triggers; "= 0" is word for word the condition of
    // the partial index calls_unevaluated.
    conditions.add("c.evaluated = 1", when: filter.evaluated == true)
    conditions.add("c.evaluated = 0", when: filter.evaluated == false)
    // Word for word the conditions of the partial indexes calls_recorded and calls_transcribed.
    conditions.add("c.recording <> ''", when: filter.hasRecording)
    conditions.add("c.transcript <> ''", when: filter.hasTranscript)
    // Calls with a complaint are few: alone, they are read by id from complaints_call and
    // sorted (only they are); with an agent or dates, the walk checks each call in that index.
    conditions.add("c.id IN (SELECT call_id FROM complaints)", when: filter.complaint)
    let page = Page<CallSummary>.sql(limit: filter.limit, offset: filter.offset, on: engine)
    let sql = """
      SELECT c.external_id AS call, a.code AS agent, a.team AS team, c.started_at, c.duration, c.direction,
             c.recording, c.transcript,
             (SELECT count(*) FROM evaluations ev WHERE ev.call_id = c.id) AS evaluations,
             (SELECT e.final_score FROM evaluations e WHERE e.call_id = c.id AND \(countedEvaluation)
              ORDER BY e.id DESC LIMIT 1) AS final_score,
             (SELECT count(*) FROM complaints k WHERE k.call_id = c.id) AS complaints
      FROM calls c \(engine.orderedJoin) agents a ON a.id = c.agent_id
      \(conditions.whereClause)
      ORDER BY c.started_at DESC, c.id DESC
      \(page.clause)
      """
    return (sql, conditions.arguments + page.arguments)
  }

  /// One call with everything linked to it (see ``CallDetail``); its recording and transcript
  /// are looked up through `media`, and the transcript's utterances
  /// `transcriptOffset ..< transcriptOffset + transcriptLimit` are read (all when nil).
  ///
  /// - Throws: `no call 'ID'` when the call log has no such call.
  public func callDetail(
    _ externalId: String, media: CallMedia, transcriptOffset: Int = 0, transcriptLimit: Int? = 20
  ) throws -> CallDetail {
    try Page<CallDetail.Utterance>.validate(limit: transcriptLimit, offset: transcriptOffset)
    let (stored, files) = try readSQL { db -> (CallDetail, (recording: String?, transcript: String?)) in
      guard
        let row = try db.row(
          """
          SELECT c.id, c.external_id, c.started_at, c.duration, c.direction, c.recording, c.transcript,
                 a.code, a.name, a.team
          FROM calls c JOIN agents a ON a.id = c.agent_id
          WHERE c.external_id = ?
          """, externalId)
      else { throw CallQAError(.errNoCall, externalId) }
      let id: Int64 = try row["id"]
      // The same summaries as `evaluation list`, through its one query.
      let evaluationIds = try db.rows("SELECT id FROM evaluations WHERE call_id = ? ORDER BY id", id).map { try $0[0] as Int64 }
      let evaluations = try QADatabase.evaluationSummaries(db, ids: evaluationIds)
      let complaints = try db.fetchAll(ComplaintRecord.self, "SELECT * FROM complaints WHERE call_id = ? ORDER BY date, id", id)
        .map { CallDetail.Complaint(id: try $0.storedID(), date: $0.date, valid: $0.valid, note: $0.note) }
      let cases = try db.fetchAll(
        TrainingCaseRecord.self,
        """
        SELECT t.* FROM training_cases t JOIN evaluations e ON e.id = t.evaluation_id
        WHERE e.call_id = ? ORDER BY t.id
        """, id
      )
      .map { CallDetail.Case(id: try $0.storedID(), evaluation: $0.evaluationId, title: $0.title, kind: $0.kind, level: $0.level) }
      let detail = CallDetail(
        call: try row["external_id"], agent: try row["code"], agentName: try row["name"], team: try row["team"],
        startedAt: try row["started_at"], duration: try row["duration"], direction: try row["direction"],
        recording: nil, transcript: nil, evaluations: evaluations, complaints: complaints, cases: cases)
      let recording: String? = try row["recording"], transcript: String? = try row["transcript"]
      return (detail, (recording.flatMap { $0.isEmpty ? nil : $0 }, transcript.flatMap { $0.isEmpty ? nil : $0 }))
    }
    // Files are read outside the database transaction.
    var detail = stored
    detail.recording = files.recording.map(media.recording)
    detail.transcript = files.transcript.map { media.transcript($0, offset: transcriptOffset, limit: transcriptLimit) }
    return detail
  }
}
