#!/usr/bin/env bash
# PostgreSQL import benchmark (issue 21): `callqa evaluation import` into PostgreSQL against
# the floor, `psql \copy` of the very same rows into the same tables, in one run.
#
#   Benchmarks/import-bench-postgres.sh ADMIN_URL [N ...]   (default N: 100000)
#
# ADMIN_URL is a PostgreSQL URL whose user may create databases (for instance the throwaway
# cluster of scripts/postgres-test-cluster.sh: postgresql://callqa@127.0.0.1:54400/postgres).
# For each N it generates N evaluations with `callqa bench import-data`, then times, each into
# a new database:
#   1. callqa evaluation import data.jsonl        (parse, validate, score, insert, audit)
#   2. the floor: every row step 1 wrote (every table), dumped with `\copy … TO` and loaded
#      with `\copy … FROM` in one transaction (`psql -1`) into a database with callqa's exact
#      schema (`pg_dump --schema-only`: tables, indexes, triggers) — no parsing, no checks, no
#      scoring, one COPY per table.
# Time and peak memory (max RSS) come from /usr/bin/time; a Markdown table is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ADMIN=${1:?the admin URL of a PostgreSQL server}
shift
for tool in psql pg_dump; do command -v $tool >/dev/null || { echo "bench: $tool is needed (apt-get install postgresql-client)" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

swift build -c release --product callqa >&2
BIN="$PWD/.build/release/callqa"
WORK="${BENCH_DIR:-/tmp/callqa-bench-pg}"
mkdir -p "$WORK"
cd "$WORK"
TABLES="scorecards agents inspectors teams settings calls calibration_sessions evaluations section_scores item_scores audit_log summary_evaluations summary_sections summary_items"
results=()
url() { echo "${ADMIN%/*}/$1"; }

timed() { # timed OUT command… → sets SECS and MAXRSS_MB
  /usr/bin/time -f "%e %M" -o "$1.time" "${@:2}" >"$1.out" 2>"$1.err" || { cat "$1.err" >&2; exit 1; }
  read -r SECS KB <"$1.time"
  MAXRSS_MB=$(awk -v kb="$KB" 'BEGIN { printf "%.0f", kb / 1024 }')
}

fresh() { psql "$ADMIN" -X -q -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1; }

for N in "${@:-100000}"; do
  echo "bench: generating $N evaluations" >&2
  "$BIN" bench import-data --evaluations "$N" --out "data-$N.jsonl" >/dev/null

  echo "bench: callqa evaluation import (JSONL) into PostgreSQL" >&2
  fresh "import_$N"
  "$BIN" init --db "$(url "import_$N")" >/dev/null
  timed "import-$N" "$BIN" evaluation import "data-$N.jsonl" --db "$(url "import_$N")"
  I_SECS=$SECS; I_MB=$MAXRSS_MB

  echo "bench: psql \\copy of the same rows" >&2
  fresh "floor_$N"
  pg_dump --schema-only --no-owner "$(url "import_$N")" | psql "$(url "floor_$N")" -X -q >/dev/null
  ROWS=0
  : >"floor-$N.sql"
  for t in $TABLES; do
    psql "$(url "import_$N")" -X -q -c "\\copy $t TO 'floor-$N-$t.copy'"
    echo "\\copy $t FROM 'floor-$N-$t.copy'" >>"floor-$N.sql"
    ROWS=$((ROWS + $(psql "$(url "import_$N")" -X -q -A -t -c "SELECT count(*) FROM $t")))
  done
  timed "floor-$N" psql "$(url "floor_$N")" -X -q -1 -v ON_ERROR_STOP=1 -f "floor-$N.sql"
  F_SECS=$SECS; F_MB=$MAXRSS_MB

  row() { awk -v n="$N" -v rows="$ROWS" -v s="$2" -v f="$F_SECS" -v mb="$3" -v name="$1" \
    'BEGIN { printf "| %s | %d | %d | %.1f | %.0f | %.0f | %.2f× | %s |\n", name, n, rows, s, n / s, rows / s, s / f, mb }'; }
  results+=("$(row "callqa evaluation import (JSONL)" "$I_SECS" "$I_MB")")
  results+=("$(row "psql \\\\copy (floor)" "$F_SECS" "$F_MB")")
done

echo
echo "| run | evaluations | rows | seconds | evaluations/s | rows/s | vs floor | peak MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${results[@]}"
