#!/usr/bin/env bash
# One page of `call list` and `evaluation list` at 1M evaluations, per main filter.
# Usage: Benchmarks/list-queries.sh [DB] [PERIOD] [RUNS]
# Builds in release mode, generates the benchmark database when DB does not exist (the one
# `bench reports` uses: 600 agents in 50 teams, 12 months, 1,000,000 evaluations), then times
# each query through the library with `callqa bench lists` (--limit 50, best and median of
# RUNS), and the built binary end to end (process start, open, query, print) for two of them.
set -euo pipefail
db=${1:-/tmp/big.sqlite}
period=${2:-2026-05}
runs=${3:-5}
swift build -c release >/dev/null
bin=.build/release/callqa
if [ ! -e "$db" ]; then
  "$bin" bench generate --db "$db" --agents 600 --months 12 --evaluations 1000000
fi
"$bin" bench lists --db "$db" --period "$period" --runs "$runs"
time_process() {
  local best=
  for _ in $(seq "$runs"); do
    local start
    start=$(date +%s%N)
    "$bin" "$@" --db "$db" >/dev/null
    local ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf 'callqa %-55s whole process, best of %s: %4d ms\n' "$*" "$runs" "$best"
}
time_process evaluation list --limit 50
time_process evaluation list --period "$period" --item accurate-info --lost --limit 50
time_process call list --period "$period" --team "Team 1" --limit 50
