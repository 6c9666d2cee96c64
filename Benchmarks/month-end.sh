#!/usr/bin/env bash
# Benchmark of the month-end commands on a large call log.
# Usage: Benchmarks/month-end.sh [AGENTS] [CALLS_PER_AGENT_PER_DAY] [BUILD_DIR]
# Builds a database with AGENTS agents and 21 days of calls (the week sampled plus one
# week either side) with sqlite3, then times `callqa sample`, `coverage` and `performance`.
set -euo pipefail
agents=${1:-300}
per_day=${2:-60}
bin=${3:-.build/debug}/callqa
work=$(mktemp -d)
db=$work/bench.sqlite
trap 'rm -rf "$work"' EXIT
"$bin" init --db "$db" >/dev/null
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $agents)
INSERT INTO agents (code, name, team, active, created_at)
SELECT printf('A%04d', i), printf('Agent %d', i), printf('T%d', i % 10), 1, '2026-11-01T00:00:00Z' FROM n;
WITH RECURSIVE d(day) AS (SELECT 0 UNION ALL SELECT day + 1 FROM d WHERE day < 20),
  k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < $per_day)
INSERT INTO calls (external_id, agent_id, started_at, duration, direction)
SELECT printf('C%d-%d-%d', a.id, day, j), a.id,
  strftime('%Y-%m-%dT', '2026-11-09', '+' || day || ' days') || printf('%02d:%02d:00+08:00', 8 + j % 12, j % 60),
  (a.id * 7 + day * 13 + j * 31) % 600, CASE j % 3 WHEN 0 THEN 'outbound' ELSE 'inbound' END
FROM agents a, d, k;
COMMIT;
SQL
calls=$(sqlite3 "$db" "SELECT COUNT(*) FROM calls")
echo "agents: $agents, calls: $calls"
for command in "sample --week 2026-W47 --seed 1 --format csv" "coverage --period 2026-11 --format csv" \
  "performance --period 2026-11 --format csv"; do
  start=$(date +%s.%N)
  "$bin" $command --db "$db" >/dev/null 2>&1
  end=$(date +%s.%N)
  printf '%-45s %6.2f s\n' "callqa $command" "$(echo "$end - $start" | bc)"
done
