import Foundation

/// Deterministic synthetic call transcripts for the screening benchmark and demos: realistic
/// Chinese inbound-service calls in all four formats, with a known share of greetings,
/// rating invitations, forbidden phrases, abuse, interruptions and late answers.
public enum SyntheticTranscripts {
  /// Transcript number `index` of the corpus `seed`: a file name and its text.
  ///
  /// Formats rotate text (7 in 10), WebVTT, SRT and JSON (1 in 10 each).
  public static func make(index: Int, seed: UInt64 = 1) -> (name: String, text: String) {
    var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    let utterances = dialogue(&random)
    let format: TranscriptFormat = [.text, .text, .text, .text, .text, .text, .text, .vtt, .srt, .json][index % 10]
    let name = String(format: "call-%06d", index)
    switch format {
    case .text: return (name + ".txt", plainText(utterances))
    case .vtt: return (name + ".vtt", vtt(utterances))
    case .srt: return (name + ".srt", srt(utterances))
    case .json: return (name + ".json", json(utterances))
    }
  }

  struct Utterance {
    var agent: Bool
    var text: String
    var start: Double
    var end: Double
  }

  private static let customerLines = [
    "你好，我想查一下我这个月的话费怎么这么高", "我上个月办的套餐到现在还没有生效", "你们的网络最近老是断线，怎么回事",
    "我要投诉，你们扣费扣错了", "那我什么时候能收到退款呢", "好的，那就麻烦你了", "我的宽带装了一个星期还没人来",
    "这个优惠活动我能参加吗", "我不太明白，你能再说一遍吗", "嗯，我知道了", "还有一个问题，积分怎么兑换",
    "Hello, I'd like to check my bill", "OK, thanks",
  ]
  private static let agentLines = [
    "好的，请您稍等，我帮您查询一下", "我理解您的心情，这个问题我来帮您处理", "您本月的费用包括套餐费和流量费",
    "已经帮您登记了，工作人员会在24小时内联系您", "请问还有什么可以帮您的吗", "这个活动您是可以参加的",
    "积分可以在营业厅或者手机客户端兑换", "麻烦您提供一下机主姓名和证件后四位", "好的，已经为您核实身份",
    "退款会在三到五个工作日原路返回",
  ]

  private static func dialogue(_ random: inout SplitMix64) -> [Utterance] {
    var lines: [(Bool, String)] = []
    let greeting =
      random.chance(0.9)
      ? "您好，很高兴为您服务，工号\(1000 + random.next(upTo: 9000))" : "喂，你好"
    lines.append((true, greeting))
    let turns = 8 + random.next(upTo: 10)
    for turn in 0..<turns {
      lines.append((false, customerLines[random.next(upTo: customerLines.count)]))
      var reply = agentLines[random.next(upTo: agentLines.count)]
      if random.chance(0.008) { reply = "这个我不知道，" + reply }
      if random.chance(0.004) { reply = "没办法，" + reply }
      if random.chance(0.002) { reply = "这不归我管，你去找别人" }
      if turn == turns / 2 && random.chance(0.01) { reply = "你要向我道歉，不然我没法帮你" }
      if turn == turns / 2 && random.chance(0.01) { reply = "你有病吧，闭嘴" }
      if random.chance(0.001) { reply = "您的手机号是13812345678，对吗" }
      lines.append((true, reply))
    }
    lines.append((true, random.chance(0.8) ? "请问还有其他需要吗？稍后请您对我的服务进行评价，谢谢" : "好的，再见"))
    lines.append((false, "好的，再见"))
    var time = random.chance(0.05) ? 12 + Double(random.next(upTo: 80)) / 10 : 1 + Double(random.next(upTo: 60)) / 10
    var result: [Utterance] = []
    for (agent, text) in lines {
      let length = Double(text.count) * 0.22 + 0.4
      var start = time
      // Now and then the agent cuts in before the customer has finished.
      if agent, let last = result.last, !last.agent, random.chance(0.03) { start = max(last.start + 0.2, last.end - 1.5) }
      let end = start + length
      result.append(Utterance(agent: agent, text: text, start: start, end: end))
      time = end + 0.3 + Double(random.next(upTo: 15)) / 10 + (random.chance(0.01) ? 12 : 0)
    }
    return result
  }

  private static func stamp(_ seconds: Double, comma: Bool = false) -> String {
    let millis = Int((seconds * 1000).rounded())
    let text = String(format: "%02d:%02d:%02d.%03d", millis / 3_600_000, (millis / 60_000) % 60, (millis / 1000) % 60, millis % 1000)
    return comma ? text.replacingOccurrences(of: ".", with: ",") : text
  }

  private static func plainText(_ utterances: [Utterance]) -> String {
    utterances.map { u in
      "[\(TranscriptTime.format(u.start))-\(TranscriptTime.format(u.end))] \(u.agent ? "坐席" : "客户"): \(u.text)"
    }.joined(separator: "\n") + "\n"
  }

  private static func vtt(_ utterances: [Utterance]) -> String {
    "WEBVTT\n\n"
      + utterances.map { u in
        "\(stamp(u.start)) --> \(stamp(u.end))\n<v \(u.agent ? "坐席" : "客户")>\(u.text)\n"
      }.joined(separator: "\n")
  }

  private static func srt(_ utterances: [Utterance]) -> String {
    utterances.enumerated().map { index, u in
      "\(index + 1)\n\(stamp(u.start, comma: true)) --> \(stamp(u.end, comma: true))\n\(u.agent ? "坐席" : "客户")：\(u.text)\n"
    }.joined(separator: "\n")
  }

  private static func json(_ utterances: [Utterance]) -> String {
    "[\n"
      + utterances.map { u in
        String(format: "  {\"start\": %.2f, \"end\": %.2f, ", u.start, u.end)
          + "\"speaker\": \"\(u.agent ? "agent" : "customer")\", \"text\": \"\(u.text)\"}"
      }.joined(separator: ",\n") + "\n]\n"
  }
}
extension SplitMix64 {
  fileprivate mutating func next(upTo bound: Int) -> Int { below(max(1, bound)) }
  fileprivate mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}
