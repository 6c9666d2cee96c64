#!/usr/bin/env bash
# Benchmark of `callqa calibration report`: builds a database with SESSIONS calibration sessions
# on inbound-service, each scored by RATERS inspectors with random disagreements (seeded), then
# times the report (table and JSON) and one `calibration show`.
#
#   Benchmarks/calibration-report.sh [SESSIONS=200] [RATERS=6]
#   CALLQA=.build/release/callqa Benchmarks/calibration-report.sh 500 8
#   KEEP=/tmp/bench.sqlite Benchmarks/calibration-report.sh   # keep (or reuse) the database
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-200}
raters=${2:-6}
callqa=${CALLQA:-.build/debug/callqa}
[ -x "$callqa" ] || swift build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CALLQA_DB="${KEEP:-$work/bench.sqlite}" NO_COLOR=1 CALLQA_USER=bench
time_it() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
  printf '%-40s %8.3f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
}
report() {
  echo "sessions=$sessions raters=$raters binary=$callqa"
  time_it "calibration report (table)" "$callqa" calibration report
  time_it "calibration report --format json" "$callqa" calibration report --format json
  time_it "calibration show 1" "$callqa" calibration show 1
  time_it "report inspectors" "$callqa" report inspectors
}
if [ -n "${KEEP:-}" ] && [ -f "$KEEP" ]; then report; exit 0; fi
"$callqa" init >/dev/null
"$callqa" agent add A001 --name Bench --team T1 >/dev/null
for r in $(seq 1 "$raters"); do "$callqa" inspector add "QA$r" --name "QA$r" >/dev/null; done
python3 - "$work" "$sessions" "$raters" <<'PY'
import random, sys
work, sessions, raters = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(7)
base = {"three-rings": "yes", "greeting": "10", "enunciation": "5", "closing": "yes", "accurate-info": "15",
        "needs-identified": "yes", "solved-within-policy": "yes", "let-customer-finish": "0", "acknowledge": "yes",
        "hold-etiquette": "na", "forbidden-phrases": "0", "first-contact-ownership": "yes", "correct-transfer": "na",
        "complaint-recorded": "na", "identity-verified": "yes", "data-confidential": "yes", "no-abuse": "yes"}
alternatives = {"three-rings": ["no"], "greeting": ["5", "0"], "enunciation": ["3", "0"], "closing": ["no"],
                "accurate-info": ["8", "0"], "acknowledge": ["no"], "let-customer-finish": ["1", "2"],
                "forbidden-phrases": ["1", "2"], "hold-etiquette": ["yes", "no"]}
for s in range(1, sessions + 1):
    for r in range(1, raters + 1):
        answers = dict(base)
        for key, options in alternatives.items():
            if random.random() < 0.15 + 0.05 * (r % 3):
                answers[key] = random.choice(options)
        with open(f"{work}/s{s}-r{r}.yaml", "w") as f:
            f.write("answers:\n" + "".join(f"  {k}: {v}\n" for k, v in answers.items()))
PY
start=$(date +%s.%N)
for s in $(seq 1 "$sessions"); do
  "$callqa" score --scorecard inbound-service --agent A001 --call "C-$s" --inspector QA1 \
    --answers "$work/s$s-r1.yaml" --call-started-at 2026-11-03T09:00:00+08:00 >/dev/null
  "$callqa" calibration create --call "C-$s" --scorecard inbound-service --expert QA1 >/dev/null
  for r in $(seq 1 "$raters"); do
    "$callqa" score --calibration "$s" --answers "$work/s$s-r$r.yaml" --inspector "QA$r" >/dev/null
  done
done
setup=$(echo "$(date +%s.%N) - $start" | bc)
printf '%-40s %8.3f s\n' "setup (CLI scoring, one process each)" "$setup"
report
