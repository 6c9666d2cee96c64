#!/usr/bin/env bash
# Import benchmark: `callqa evaluation import` against the floor, the sqlite3 shell's `.import`
# of the very same rows into the same tables, measured side by side in one run.
#
#   Benchmarks/import-bench.sh [N ...]        (default: 100000; e.g. 100000 1000000)
#
# For each N it generates N evaluations (inbound-service, 17 items each) with
# `callqa bench import-data`, then times, each into a fresh database with the same schema:
#   1. callqa evaluation import data.jsonl   (parse, validate, score, insert)
#   2. callqa evaluation import data.csv
#   3. sqlite3 .import of the rows step 1 wrote (scorecards, agents, inspectors, calls,
#      evaluations, section_scores, item_scores, audit_log and the report summaries), dumped as CSV, into an empty
#      database with callqa's schema (indexes and triggers included), in one transaction
#      (WAL, synchronous=NORMAL; foreign keys and CHECKs off, see below: this favours the floor).
# Time and peak memory (max RSS) come from /usr/bin/time. Files go to $BENCH_DIR
# (default /tmp/callqa-bench); a Markdown table is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

swift build -c release --product callqa >&2
BIN="$PWD/.build/release/callqa"
WORK="${BENCH_DIR:-/tmp/callqa-bench}"
mkdir -p "$WORK"
cd "$WORK"
TABLES="scorecards agents inspectors calls evaluations section_scores item_scores audit_log summary_evaluations summary_sections summary_items"
results=()

timed() { # timed OUT command… → sets SECS and MAXRSS_MB
  /usr/bin/time -f "%e %M" -o "$1.time" "${@:2}" >"$1.out" 2>"$1.err" || { cat "$1.err" >&2; exit 1; }
  read -r SECS KB <"$1.time"
  MAXRSS_MB=$(awk -v kb="$KB" 'BEGIN { printf "%.0f", kb / 1024 }')
}

fresh() { rm -f "$1" "$1-wal" "$1-shm"; "$BIN" init --db "$1" >/dev/null; }

for N in "${@:-100000}"; do
  echo "bench: generating $N evaluations" >&2
  "$BIN" bench import-data --evaluations "$N" --out "data-$N.jsonl" >/dev/null
  "$BIN" bench import-data --evaluations "$N" --out "data-$N.csv" >/dev/null

  echo "bench: callqa evaluation import (JSONL)" >&2
  fresh "jsonl-$N.sqlite"
  timed "jsonl-$N" "$BIN" evaluation import "data-$N.jsonl" --db "jsonl-$N.sqlite"
  J_SECS=$SECS; J_MB=$MAXRSS_MB

  echo "bench: callqa evaluation import (CSV)" >&2
  fresh "csv-$N.sqlite"
  timed "csv-$N" "$BIN" evaluation import "data-$N.csv" --db "csv-$N.sqlite"
  C_SECS=$SECS; C_MB=$MAXRSS_MB

  echo "bench: sqlite3 .import of the same rows" >&2
  ROWS=0
  {
    echo "PRAGMA synchronous=NORMAL;"
    # .import turns empty CSV cells into '' rather than NULL, which the nullable foreign keys
    # (calibration_session_id, revision_of) and CHECKs (overridden IN (0, 1)) would reject:
    # the floor runs without FK and CHECK enforcement, which only makes it faster than
    # callqa, which enforces both.
    echo "PRAGMA foreign_keys=OFF;"
    echo "PRAGMA ignore_check_constraints=ON;"
    echo "BEGIN;"
    for t in $TABLES; do
      sqlite3 -csv "jsonl-$N.sqlite" "SELECT * FROM $t" >"floor-$N-$t.csv"
      echo ".import --csv floor-$N-$t.csv $t"
    done
    echo "COMMIT;"
  } >"floor-$N.sql"
  for t in $TABLES; do ROWS=$((ROWS + $(sqlite3 "jsonl-$N.sqlite" "SELECT COUNT(*) FROM $t"))); done
  # The floor database gets callqa's exact schema (tables, indexes, triggers), empty, in WAL mode.
  rm -f "floor-$N.sqlite" "floor-$N.sqlite-wal" "floor-$N.sqlite-shm"
  # Two changes, both because .import writes '' where callqa stores NULL, and those '' would
  # collide: the unique index on revision_of (NULL for every imported row) becomes a plain
  # index of the same column, and the trigger refusing an insert over a submitted evaluation
  # skips an empty revision_of (it still runs its lookups for every row).
  sqlite3 "jsonl-$N.sqlite" .schema \
    | sed -e 's/CREATE UNIQUE INDEX evaluations_revision_of/CREATE INDEX evaluations_revision_of/' \
      -e "s/WHERE revision_of = NEW.revision_of AND/WHERE revision_of = NEW.revision_of AND NEW.revision_of <> '' AND/" \
    >"floor-$N-schema.sql"
  sqlite3 "floor-$N.sqlite" "PRAGMA journal_mode=WAL;" ".read floor-$N-schema.sql" >/dev/null
  timed "floor-$N" sqlite3 "floor-$N.sqlite" ".read floor-$N.sql"
  F_SECS=$SECS; F_MB=$MAXRSS_MB
  for t in evaluations item_scores; do
    a=$(sqlite3 "jsonl-$N.sqlite" "SELECT COUNT(*) FROM $t"); b=$(sqlite3 "floor-$N.sqlite" "SELECT COUNT(*) FROM $t")
    c=$(sqlite3 "csv-$N.sqlite" "SELECT COUNT(*) FROM $t")
    [ "$a" = "$b" ] && [ "$a" = "$c" ] || { echo "bench: $t row counts differ: $a / $c / $b" >&2; exit 1; }
  done

  row() { # label secs mb
    awk -v l="$1" -v s="$2" -v m="$3" -v n="$N" -v r="$ROWS" -v f="$F_SECS" 'BEGIN {
      printf "| %s | %d | %d | %.1f | %d | %d | %.2f× | %d |\n", l, n, r, s, n / s, r / s, s / f, m }'
  }
  results+=("$(row "callqa evaluation import (JSONL)" "$J_SECS" "$J_MB")")
  results+=("$(row "callqa evaluation import (CSV)" "$C_SECS" "$C_MB")")
  results+=("$(row "sqlite3 .import (floor)" "$F_SECS" "$F_MB")")
done

echo "| run | evaluations | rows | seconds | evaluations/s | rows/s | vs floor | peak MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${results[@]}"
