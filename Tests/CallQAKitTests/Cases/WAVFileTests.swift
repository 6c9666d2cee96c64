import Foundation
import TestOracles
import Testing

@testable import CallQAKit

@Suite("WAV parsing and trimming to the sample")
struct WAVFileTests {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-wav-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  @Test(arguments: [(8000, 1, 16, false), (44100, 2, 16, true), (16000, 1, 8, false), (48000, 2, 24, true)])
  func trimsExactlyTheRequestedSamples(rate: Int, channels: Int, bits: Int, extraChunk: Bool) throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    // Given a 6-second synthetic sine WAV
    let source = directory.appendingPathComponent("tone.wav")
    let frames = try SineWAV.write(to: source, seconds: 6, sampleRate: rate, channels: channels, bits: bits, extraChunk: extraChunk)
    let wav = try WAVFile.read(source)
    #expect(wav.frameCount == frames)
    #expect(wav.sampleRate == rate && wav.channels == channels && wav.bitsPerSample == bits)
    #expect(wav.blockAlign == channels * bits / 8)
    // When 1.25 s … 3.5 s is cut
    let clip = directory.appendingPathComponent("clip.wav")
    let written = try wav.trim(source: source, to: clip, start: 1.25, end: 3.5)
    // Then exactly 2.25 s of frames are written, with a valid header…
    let expected = Int(2.25 * Double(rate))
    #expect(written == expected)
    let data = try Data(contentsOf: clip)
    let dataBytes = expected * channels * bits / 8
    #expect(data.count == 44 + dataBytes + (dataBytes & 1))
    #expect(data.ascii(0, 4) == "RIFF" && data.ascii(8, 4) == "WAVE" && data.ascii(12, 4) == "fmt " && data.ascii(36, 4) == "data")
    #expect(Int(data.uint32(at: 4)) == data.count - 8)
    #expect(Int(data.uint32(at: 40)) == dataBytes)
    let reread = try WAVFile.read(clip)
    #expect(reread.frameCount == expected)
    #expect(reread.sampleRate == rate)
    // …and the very samples of the source from frame 1.25·rate on
    let original = try Data(contentsOf: source)
    let from = wav.dataOffset + Int(1.25 * Double(rate)) * wav.blockAlign
    #expect(data.subdata(in: 44..<(44 + dataBytes)) == original.subdata(in: from..<(from + dataBytes)))
  }

  @Test(.enabled(if: Tools.which("python3") != nil, "python3 is not installed"))
  func pythonWaveModuleAgreesWithTheHeader() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let python = try #require(Tools.which("python3"))
    let source = directory.appendingPathComponent("tone.wav")
    try SineWAV.write(to: source, seconds: 3, sampleRate: 22050, channels: 2)
    let clip = directory.appendingPathComponent("clip.wav")
    try WAVFile.read(source).trim(source: source, to: clip, start: 0.5, end: 1.75)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      "-c", "import wave,sys; w=wave.open(sys.argv[1]); print(w.getnframes(), w.getframerate(), w.getnchannels(), w.getsampwidth())", clip.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // frames = round(1.75 · 22050) − round(0.5 · 22050) = 38588 − 11025 = 27563
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "27563 22050 2 2")
  }

  @Test func clipTimesAreRoundedToTheNearestSampleAndClampedToTheFile() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("tone.wav")
    try SineWAV.write(to: source, seconds: 2, sampleRate: 8000)
    let wav = try WAVFile.read(source)
    #expect(wav.frame(at: 0.00006) == 0)
    #expect(wav.frame(at: 0.00007) == 1)
    #expect(wav.frame(at: 5) == 16000)
    let clip = directory.appendingPathComponent("clip.wav")
    #expect(try wav.trim(source: source, to: clip, start: 1.5, end: 9) == 4000)
  }

  @Test func rejectsWhatIsNotAWAV() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let notWav = directory.appendingPathComponent("x.wav")
    try Data("ID3 not a wav file at all".utf8).write(to: notWav)
    #expect(throws: CallQAError("x.wav: not a RIFF/WAVE file")) { try WAVFile.read(notWav) }
    var header = WAVFile.header(format: WAVFile.pcmFormat(channels: 1, sampleRate: 8000, bitsPerSample: 16), dataLength: 0)
    header.replaceSubrange(36..<40, with: Array("junk".utf8))
    let noData = directory.appendingPathComponent("nodata.wav")
    try header.write(to: noData)
    #expect(throws: CallQAError("nodata.wav: no data chunk")) { try WAVFile.read(noData) }
  }
}
