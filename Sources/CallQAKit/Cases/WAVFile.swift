import Foundation

/// A RIFF/WAVE file's layout: its `fmt ` chunk and where the sample data lies.
///
/// Only the header is read; samples stay on disk until ``trim(to:start:end:)`` copies
/// the frames it needs. Formats whose frames are a fixed number of bytes (PCM, IEEE float,
/// A-law, µ-law, and WAVE_FORMAT_EXTENSIBLE wrapping them) can be cut exactly to the sample.
public struct WAVFile: Hashable, Sendable {
  /// Format tags of the `fmt ` chunk.
  public enum FormatTag {
    public static let pcm: UInt16 = 1
    public static let float: UInt16 = 3
    public static let alaw: UInt16 = 6
    public static let mulaw: UInt16 = 7
    public static let extensible: UInt16 = 0xFFFE
  }

  /// The `fmt ` chunk's body as found (16, 18 or 40 bytes), written back unchanged on trims.
  public var formatChunk: Data
  public var formatTag: UInt16
  public var channels: Int
  public var sampleRate: Int
  /// Bytes per frame (one sample of every channel).
  public var blockAlign: Int
  public var bitsPerSample: Int
  /// Byte offset of the first sample in the file.
  public var dataOffset: Int
  /// Bytes of sample data (clamped to what the file holds).
  public var dataLength: Int

  /// Frames (samples per channel) in the file.
  public var frameCount: Int { blockAlign > 0 ? dataLength / blockAlign : 0 }
  /// Length in seconds.
  public var duration: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }

  /// True when frames have a fixed size, so a byte range is a sample range.
  public var isFrameAddressable: Bool {
    var tag = formatTag
    if tag == FormatTag.extensible, formatChunk.count >= 26 { tag = formatChunk.uint16(at: 24) }
    return [FormatTag.pcm, FormatTag.float, FormatTag.alaw, FormatTag.mulaw].contains(tag) && blockAlign > 0
  }

  /// Reads the header of the WAV file at `url`.
  public static func read(_ url: URL) throws -> WAVFile {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    let fileSize = Int(try handle.seekToEnd())
    try handle.seek(toOffset: 0)
    let name = url.lastPathComponent
    guard let riff = try handle.read(upToCount: 12), riff.count == 12,
      riff.ascii(0, 4) == "RIFF", riff.ascii(8, 4) == "WAVE"
    else { throw CallQAError(.errRiffWaveFile, name) }
    var offset = 12
    var format: Data?
    while offset + 8 <= fileSize {
      try handle.seek(toOffset: UInt64(offset))
      guard let header = try handle.read(upToCount: 8), header.count == 8 else { break }
      let id = header.ascii(0, 4)
      let size = Int(header.uint32(at: 4))
      let body = offset + 8
      if id == "fmt " {
        guard size >= 16, let chunk = try handle.read(upToCount: size), chunk.count == size else {
          throw CallQAError(.errTruncatedFmtChunk, name)
        }
        format = chunk
      } else if id == "data" {
        guard let format else { throw CallQAError(.errDataChunkBefore, name) }
        let length = min(size, fileSize - body)
        return try WAVFile(format: format, dataOffset: body, dataLength: max(0, length), name: name)
      }
      offset = body + size + (size & 1)
    }
    throw CallQAError(.errNoDataChunk, name)
  }

  init(format: Data, dataOffset: Int, dataLength: Int, name: String) throws {
    formatChunk = format
    formatTag = format.uint16(at: 0)
    channels = Int(format.uint16(at: 2))
    sampleRate = Int(format.uint32(at: 4))
    blockAlign = Int(format.uint16(at: 12))
    bitsPerSample = Int(format.uint16(at: 14))
    self.dataOffset = dataOffset
    self.dataLength = blockAlign > 0 ? dataLength - dataLength % blockAlign : dataLength
    guard channels > 0, sampleRate > 0, blockAlign > 0 else {
      throw CallQAError(.errFmtChunkHas, name)
    }
  }

  /// The frame index of a time, rounded to the nearest sample and kept within the file.
  public func frame(at seconds: Double) -> Int {
    min(frameCount, max(0, Int((seconds * Double(sampleRate)).rounded())))
  }

  /// Writes frames `frame(at: start)..<frame(at: end)` of `source` (this file) to `destination`
  /// as a canonical WAV: RIFF header, the original `fmt ` chunk, one `data` chunk.
  ///
  /// - Returns: the number of frames written.
  @discardableResult
  public func trim(source: URL, to destination: URL, start: Double, end: Double) throws -> Int {
    guard isFrameAddressable else {
      throw CallQAError(.errFormatCannotCut, source.lastPathComponent, formatTag)
    }
    let first = frame(at: start)
    let last = max(first, frame(at: end))
    let frames = last - first
    let input = try FileHandle(forReadingFrom: source)
    defer { try? input.close() }
    try input.seek(toOffset: UInt64(dataOffset + first * blockAlign))
    guard FileManager.default.createFile(atPath: destination.path, contents: nil) else {
      throw CallQAError(.errCannotCreate, destination.lastPathComponent)
    }
    let output = try FileHandle(forWritingTo: destination)
    defer { try? output.close() }
    try output.write(contentsOf: WAVFile.header(format: formatChunk, dataLength: frames * blockAlign))
    var remaining = frames * blockAlign
    let chunk = 1 << 20
    while remaining > 0 {
      guard let data = try input.read(upToCount: min(chunk, remaining)), !data.isEmpty else {
        throw CallQAError(.errSampleDataEnds, source.lastPathComponent)
      }
      try output.write(contentsOf: data)
      remaining -= data.count
    }
    if (frames * blockAlign) & 1 == 1 { try output.write(contentsOf: Data([0])) }
    return frames
  }

  /// RIFF header + `fmt ` chunk + `data` chunk header for `dataLength` bytes of samples.
  public static func header(format: Data, dataLength: Int) -> Data {
    var data = Data()
    let formatPadded = format.count + (format.count & 1)
    let riffSize = 4 + (8 + formatPadded) + (8 + dataLength + (dataLength & 1))
    data.append(contentsOf: Array("RIFF".utf8))
    data.appendUInt32(UInt32(riffSize))
    data.append(contentsOf: Array("WAVE".utf8))
    data.append(contentsOf: Array("fmt ".utf8))
    data.appendUInt32(UInt32(format.count))
    data.append(format)
    if format.count & 1 == 1 { data.append(0) }
    data.append(contentsOf: Array("data".utf8))
    data.appendUInt32(UInt32(dataLength))
    return data
  }

  /// A 16-byte PCM `fmt ` chunk body.
  public static func pcmFormat(channels: Int, sampleRate: Int, bitsPerSample: Int) -> Data {
    var data = Data()
    let blockAlign = channels * bitsPerSample / 8
    data.appendUInt16(FormatTag.pcm)
    data.appendUInt16(UInt16(channels))
    data.appendUInt32(UInt32(sampleRate))
    data.appendUInt32(UInt32(sampleRate * blockAlign))
    data.appendUInt16(UInt16(blockAlign))
    data.appendUInt16(UInt16(bitsPerSample))
    return data
  }
}

extension Data {
  func uint16(at offset: Int) -> UInt16 {
    guard offset + 2 <= count else { return 0 }
    let i = startIndex + offset
    return UInt16(self[i]) | UInt16(self[i + 1]) << 8
  }

  func uint32(at offset: Int) -> UInt32 {
    guard offset + 4 <= count else { return 0 }
    let i = startIndex + offset
    return UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
  }

  func ascii(_ offset: Int, _ length: Int) -> String {
    guard offset + length <= count else { return "" }
    return String(decoding: self[(startIndex + offset)..<(startIndex + offset + length)], as: UTF8.self)
  }

  mutating func appendUInt16(_ value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  mutating func appendUInt32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
  }
}
