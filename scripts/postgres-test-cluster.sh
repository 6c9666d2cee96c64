#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (issue #21), on a loopback port and a socket in
# DIR; nothing is kept (fsync off). initdb refuses root, so as root the cluster runs as nobody.
#   scripts/postgres-test-cluster.sh start DIR [PORT]   prints the admin URL (database "postgres")
#   scripts/postgres-test-cluster.sh stop DIR
set -euo pipefail
command=${1:?start or stop}
dir=${2:?a folder for the cluster}
port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres-test-cluster: no PostgreSQL server here (apt-get install postgresql)" >&2
  exit 1
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
case $command in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown nobody "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U callqa -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # The server must not inherit this script's output: a caller reading it to the end would
    # wait for the server to exit.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
      -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -w start \
      </dev/null >"$dir/pg_ctl.log" 2>&1 \
      || { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
    echo "postgresql://callqa@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop </dev/null >/dev/null 2>&1
    ;;
  *)
    echo "postgres-test-cluster: start or stop, not $command" >&2
    exit 2
    ;;
esac
