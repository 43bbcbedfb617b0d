#!/usr/bin/env bash
# pgcluster.sh — a throwaway PostgreSQL cluster for the tests: initdb in a
# temporary folder, a free loopback port, run as a non-root user (the
# postgres user when we are root), trust authentication on loopback only.
#   pgcluster.sh start DIR [--durable]
#                            prints the base URL postgresql://fazhi@127.0.0.1:PORT
#                            (DIR's parents must be open to the postgres user);
#                            without fsync unless --durable (the benchmarks):
#                            a cluster thrown away after the run needs no
#                            crash safety, and the unit tests' hundreds of
#                            new databases took minutes of fsync
#   pgcluster.sh stop DIR    stops it and removes DIR
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "pgcluster.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 3; }
cmd=$1
dir=$2
sync="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${3:-}" = --durable ] && sync=""

as_owner() { # the cluster refuses to run as root
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case $cmd in
start)
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  as_owner "$PGBIN/initdb" -D "$dir/data" -U fazhi --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 3; }
  port=$(free_port)
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 $sync" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 3; }
  echo "postgresql://fazhi@127.0.0.1:$port"
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: pgcluster.sh start|stop DIR" >&2
  exit 2
  ;;
esac
