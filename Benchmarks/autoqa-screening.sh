#!/usr/bin/env bash
# Benchmark of auto-QA screening: CALLS synthetic transcripts on one core.
# Usage: Benchmarks/autoqa-screening.sh [CALLS] [BUILD_DIR]
# 1. in memory: parse + rules + predicted score + ranking (generation not timed);
# 2. from files, creating a database with one call per transcript;
# 3. end to end: `callqa autoscore --period 2026-11 --format csv` on that database.
# Pinned to CPU 0 with taskset when available; the bench reports wall and thread-CPU time.
set -euo pipefail
calls=${1:-100000}
bin=${2:-.build/release}/callqa
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)
"${pin[@]}" "$bin" autoscore bench --calls "$calls"
"${pin[@]}" "$bin" autoscore bench --calls "$calls" --dir "$work/transcripts" --db "$work/bench.sqlite"
echo "end to end: callqa autoscore --period 2026-11 --format csv"
time "${pin[@]}" "$bin" autoscore --period 2026-11 --db "$work/bench.sqlite" --format csv > "$work/queue.csv"
echo "queue: $(($(wc -l < "$work/queue.csv") - 1)) calls"
