#!/usr/bin/env bash
# One page of `call list` and `evaluation list` at 1M evaluations, per main filter.
# Usage: Benchmarks/list-queries.sh [DB] [PERIOD] [RUNS]
# Builds in release mode, generates the benchmark database when DB does not exist (the one
# `bench reports` uses: 600 agents in 50 teams, 12 months, 1,000,000 evaluations), then times
# each query through the library with `callqa bench lists` (--limit 50, best and median of
# RUNS) on it and on a copy with a call log added, and the built binary end to end (process
# start, open, query, print) for three of them.
set -euo pipefail
db=${1:-/tmp/big.sqlite}
period=${2:-2026-05}
runs=${3:-5}
swift build -c release >/dev/null
bin=.build/release/callqa
if [ ! -e "$db" ]; then
  "$bin" bench generate --db "$db" --agents 600 --months 12 --evaluations 1000000
fi
echo "== the benchmark database: every call evaluated, no recordings, no complaint names a call"
"$bin" bench lists --db "$db" --period "$period" --runs "$runs"
# The same centre with its call log, as a centre that imports it has: 500,000 more calls that
# nobody evaluated over the 12 months (half with a recording, a quarter with a transcript, a
# third outbound) and 5,000 complaints about calls. Built once, beside DB.
log=${db%.sqlite}-calllog.sqlite
if [ ! -e "$log" ]; then
  sqlite3 "$db" "VACUUM INTO '$log'"
  sqlite3 "$log" <<'SQL'
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000)
INSERT INTO calls (external_id, agent_id, started_at, duration, direction, recording, transcript)
SELECT 'LOG' || i, (SELECT min(id) FROM agents) + (i * 7919) % (SELECT count(*) FROM agents),
  printf('%04d-%02d-%02dT%02d:%02d:%02d+08:00', CASE WHEN i % 12 = 0 THEN 2025 ELSE 2026 END,
         CASE WHEN i % 12 = 0 THEN 12 ELSE i % 12 END, 1 + (i * 31) % 28, 8 + i % 12, i % 60, (i * 7) % 60),
  60 + (i * 13) % 900, CASE WHEN i / 12 % 3 = 0 THEN 'outbound' ELSE 'inbound' END,
  CASE WHEN i / 12 % 2 = 0 THEN 'rec/LOG' || i || '.wav' END,
  CASE WHEN i / 12 % 4 = 0 THEN 'txt/LOG' || i || '.vtt' END
FROM n;
INSERT INTO complaints (agent_id, date, call_id, valid, created_at)
SELECT agent_id, substr(started_at, 1, 10), id, 1, 'bench' FROM calls WHERE id % 300 = 7 LIMIT 5000;
COMMIT;
SQL
fi
echo "== the same centre with its call log: $log"
"$bin" bench lists --db "$log" --period "$period" --runs "$runs"
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
