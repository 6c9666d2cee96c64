#!/usr/bin/env bash
# Builds a small case library with Chinese text, exports it as HTML and takes a headless
# Chromium screenshot of its index (and of one case page), to check by eye that the pages
# render Chinese, the audio player and the breakdown offline.
#
#   scripts/case-library-screenshot.sh [OUTPUT_DIR]     (default: .build/case-library-screenshot)
#
# Needs: a built callqa (swift build), python3. Without chromium it says so and exits 0.
# For Chinese glyphs install fonts-noto-cjk (apt-get install chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
done
if [ -z "$browser" ]; then
  echo "skipped: no chromium on this machine (apt-get install chromium fonts-noto-cjk)"
  exit 0
fi
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
  echo "warning: no CJK font installed: Chinese will show as boxes (apt-get install fonts-noto-cjk)" >&2
fi

callqa=".build/debug/callqa"
[ -x "$callqa" ] || swift build >/dev/null
out="${1:-.build/case-library-screenshot}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CALLQA_DB="$work/qa.sqlite" NO_COLOR=1 CALLQA_USER=trainer

"$callqa" init >/dev/null
"$callqa" agent add A001 --name 王小明 --team 一组 >/dev/null
"$callqa" agent add A002 --name 李娜 --team 二组 >/dev/null
"$callqa" inspector add QA1 --name 李质检 >/dev/null
python3 - "$work/call.wav" <<'PY'
import math, struct, sys, wave
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
    w.writeframes(b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(8000 * 20)))
PY
cat > "$work/good.yaml" <<'YAML'
answers: {three-rings: yes, greeting: 10, enunciation: 5, closing: yes, accurate-info: 15, needs-identified: yes,
  solved-within-policy: yes, let-customer-finish: 0, acknowledge: yes, hold-etiquette: na, forbidden-phrases: 0,
  first-contact-ownership: yes, correct-transfer: na, complaint-recorded: na, identity-verified: yes,
  data-confidential: yes, no-abuse: yes}
notes: {acknowledge: "客户情绪激动，坐席先致歉再复述问题；客户留了电话 13812345678"}
comment: 全程耐心，首问负责落实到位。
YAML
sed -e 's/data-confidential: yes/data-confidential: no/' -e 's/comment: .*/comment: 未核实身份即报出账户余额。/' "$work/good.yaml" > "$work/bad.yaml"
printf '[00:01.0] 坐席: 您好，很高兴为您服务。\n[00:05.0] 客户: 我的宽带又断了！\n[00:09.5] 坐席: 非常抱歉给您带来不便，我马上为您查询。\n[00:16.0] 客户: 好吧。\n' > "$work/call.txt"
"$callqa" score --scorecard inbound-service --agent A001 --call C-1001 --inspector QA1 --answers "$work/good.yaml" \
  --call-started-at 2026-11-03T09:15:00+08:00 --recording "$work/call.wav" >/dev/null
"$callqa" score --scorecard inbound-service --agent A002 --call C-1002 --inspector QA1 --answers "$work/bad.yaml" \
  --call-started-at 2026-11-04T14:02:00+08:00 >/dev/null
sqlite3 "$CALLQA_DB" "UPDATE calls SET transcript = '$work/call.txt', duration = 20 WHERE external_id = 'C-1001'" 2>/dev/null || true
"$callqa" case tag 1 --title 耐心安抚投诉客户 --level beginner --clip 00:04-00:17 --note "先致歉、再复述、后处理的标准示范" >/dev/null
"$callqa" case tag 2 --title 未核实身份泄露账户信息 --kind cautionary --level intermediate >/dev/null
"$callqa" case export --out "$work/library" --format html --lang zh
mkdir -p "$out"
shoot() {
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,"$2" \
    --screenshot="$1" "file://$3" >/dev/null 2>&1
}
shoot "$out/index.png" 900 "$work/library/index.html"
page=$(ls "$work/library/cases/"case-0001-*.html)
shoot "$out/case-page.png" 1600 "$page"
echo "screenshots: $out/index.png $out/case-page.png"
