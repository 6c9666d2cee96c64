#!/usr/bin/env bash
# Times `callqa case export` in every format on N tagged cases (default 200) sharing a
# 60-minute 8 kHz mono PCM WAV, each case cutting a 10-minute clip (4.8 MB) from it.
#
#   Benchmarks/case-export.sh [N]        (uses .build/debug/callqa, or CALLQA=path/to/callqa)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"
callqa="${CALLQA:-.build/debug/callqa}"
[ -x "$callqa" ] || swift build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CALLQA_DB="$work/qa.sqlite" NO_COLOR=1

python3 - "$work/hour.wav" <<'PY'
import struct, sys, wave
frames = 8000 * 3600
block = b"".join(struct.pack("<h", (i * 37) % 20000 - 10000) for i in range(8000))
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
    for _ in range(3600): w.writeframes(block)
PY
"$callqa" init >/dev/null
"$callqa" agent add A001 --name 王小明 >/dev/null
"$callqa" inspector add QA1 --name 李质检 >/dev/null
cat > "$work/a.yaml" <<'YAML'
answers: {three-rings: yes, greeting: 10, enunciation: 5, closing: yes, accurate-info: 15, needs-identified: yes,
  solved-within-policy: yes, let-customer-finish: 0, acknowledge: yes, hold-etiquette: na, forbidden-phrases: 0,
  first-contact-ownership: yes, correct-transfer: na, complaint-recorded: na, identity-verified: yes,
  data-confidential: yes, no-abuse: yes}
notes: {acknowledge: "客户电话 13812345678，邮箱 a@b.cn"}
YAML
start=$(date +%s.%N)
for i in $(seq 1 "$n"); do
  "$callqa" score --scorecard inbound-service --agent A001 --call "C-$i" --inspector QA1 --answers "$work/a.yaml" \
    --call-started-at 2026-11-03T09:15:00+08:00 --recording "$work/hour.wav" >/dev/null
  "$callqa" case tag "$i" --title "标准服务示范 $i" --clip 10:00-20:00 >/dev/null
done
echo "setup: $n scored + tagged calls in $(echo "$(date +%s.%N) - $start" | bc) s"
for format in md html json zip; do
  out="$work/lib-$format"; [ "$format" = zip ] && out="$out.zip"
  start=$(date +%s.%N)
  "$callqa" case export --out "$out" --format "$format" >/dev/null
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  size=$(du -sh "$out" | cut -f1)
  echo "export $format: $n cases in $elapsed s ($size)"
done
