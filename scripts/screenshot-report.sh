#!/usr/bin/env bash
# Renders an HTML report with headless Chromium and saves a PNG screenshot (and a PDF when
# asked), to check charts and Chinese text by eye. Skips (exit 0) when no browser is installed:
#   apt-get install -y chromium fonts-noto-cjk   # without the font every Chinese character is a box
# Usage: scripts/screenshot-report.sh report.html [out.png] [out.pdf]
set -euo pipefail
html=${1:?usage: $0 report.html [out.png] [out.pdf]}
png=${2:-${html%.html}.png}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "skip: no chromium/chrome on PATH (apt-get install -y chromium fonts-noto-cjk)"
  exit 0
fi
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1400 \
  --screenshot="$png" "$url" >/dev/null 2>&1
echo "wrote $png"
if [ $# -ge 3 ]; then
  "$browser" --headless --no-sandbox --disable-gpu --print-to-pdf="$3" "$url" >/dev/null 2>&1
  echo "wrote $3"
fi
