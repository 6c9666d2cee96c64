/// The recording and transcript of a call being scored, for listening and reading alongside
/// the prompts (the terminal's `p`/`s`/`t`, the web scoring page's player and transcript).
extension QADatabase {
  /// The call's recording (checked on disk) and its transcript's utterances. A missing or
  /// unreadable transcript (read with the speaker `labels`) is reported in ``CallListening/transcriptProblem``, never thrown:
  /// scoring goes on without it.
  ///
  /// - Throws: `no call 'ID'` when the call log has no such call.
  public func listening(call externalId: String, media: CallMedia, labels: SpeakerLabels = .standard) throws -> CallListening {
    let detail = try callDetail(externalId, media: media, transcriptLimit: 1)
    var listening = CallListening(recording: detail.recording, transcriptPath: detail.transcript?.path)
    guard let transcript = detail.transcript else { return listening }
    if !transcript.exists {
      listening.transcriptProblem = "\(transcript.path): no such file"
    } else if let problem = transcript.problem {
      listening.transcriptProblem = problem
    } else {
      do {
        listening.segments = try TranscriptReader.load(path: transcript.path, labels: labels).segments
      } catch let error as LocatedError {
        listening.transcriptProblem = error.description
      } catch {
        listening.transcriptProblem = (error as? CallQAError)?.message ?? "\(error)"
      }
    }
    return listening
  }
}
