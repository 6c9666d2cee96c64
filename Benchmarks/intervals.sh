#!/usr/bin/env bash
# Issue #23: do the intervals slow the reports? Times whole report commands of two builds
# (before and after) at the same database, alternating old and new in every run, best wall
# and best CPU (user + sys) of RUNS kept per side. Each build gets its own copy of the database
# (a build migrates the file it opens).
#
#   OLD=/tmp/callqa-old NEW=.build/release/callqa OLD_DB=/tmp/old.sqlite NEW_DB=/tmp/new.sqlite \
#     PERIOD=2026-05 RUNS=5 Benchmarks/intervals.sh
set -u
old=${OLD:?the build before}; new=${NEW:?the build after}
old_db=${OLD_DB:?its database}; new_db=${NEW_DB:?a copy for the new build}
period=${PERIOD:-2026-05}
runs=${RUNS:-5}
cmds=(
  "quality --period $period"
  "report agents --period $period"
  "report leaderboard --period $period"
  "report trend --period $period --by week"
  "performance --period $period"
)
"$old" quality --period "$period" --db "$old_db" --format json > /dev/null   # migrate and warm up
"$new" quality --period "$period" --db "$new_db" --format json > /dev/null
printf "%-40s %10s %10s %6s %10s %10s %6s\n" command "old wall" "new wall" ratio "old cpu" "new cpu" ratio
for c in "${cmds[@]}"; do
  declare -A we wc
  we[old]=999; we[new]=999; wc[old]=999; wc[new]=999
  for i in $(seq "$runs"); do
    for side in old new; do
      if [ $side = old ]; then bin=$old; db=$old_db; else bin=$new; db=$new_db; fi
      # shellcheck disable=SC2086
      out=$( { /usr/bin/time -f "%e %U %S" "$bin" $c --db "$db" --format json > /dev/null; } 2>&1 | tail -1)
      e=$(echo "$out" | awk '{print $1}'); cpu=$(echo "$out" | awk '{print $2+$3}')
      we[$side]=$(python3 -c "print(min(${we[$side]},$e))"); wc[$side]=$(python3 -c "print(min(${wc[$side]},$cpu))")
    done
  done
  python3 -c "print('%-40s %10.2f %10.2f %5.2f× %10.2f %10.2f %5.2f×' % ('$c', ${we[old]}, ${we[new]}, ${we[new]}/${we[old]}, ${wc[old]}, ${wc[new]}, ${wc[new]}/${wc[old]}))"
done
