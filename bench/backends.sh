#!/usr/bin/env bash
# backends.sh — the same work on SQLite and on PostgreSQL, in one run: a
# synthetic province (40 counties) with ROWS disputes is imported into a
# SQLite file and into a throwaway PostgreSQL cluster, then a county's and
# the province's year figures (fazhi metrics, the 57 metrics) and reports
# (Markdown) are timed on each, best of 3. Prints both and the ratio.
# Usage: bench/backends.sh [ROWS]   (default 200000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FZ="$ROOT/build/fazhi"
N=${1:-200000}
W=$(mktemp -d "${TMPDIR:-/tmp}/fz-bench-be-XXXXXX")
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/fz-bench-pg-XXXXXX") # its own: the cluster's user must reach it
cleanup() { "$ROOT/scripts/pgcluster.sh" stop "$PGDIR"; rm -rf "$W"; }
trap cleanup EXIT
PG=$("$ROOT/scripts/pgcluster.sh" start "$PGDIR" --durable) # fsync, as SQLite's synchronous=FULL
psql -qAtX "$PG/postgres" -c 'CREATE DATABASE bench' >/dev/null
python3 "$ROOT/bench/gen_province.py" "$N" "$W/data"

# best of three wall times of a command, in ms
best() {
  local b=999999 t0 t1 i
  for i in 1 2 3; do
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    b=$(((t1 - t0) / 1000000 < b ? (t1 - t0) / 1000000 : b))
  done
  echo "$b"
}

declare -A T
for be in sqlite pg; do
  if [ $be = sqlite ]; then DB="$W/bench.db"; else DB="$PG/bench"; fi
  "$FZ" --db "$DB" init >/dev/null
  "$FZ" --db "$DB" org import "$ROOT/data/org/zeku.csv" >/dev/null
  "$FZ" --db "$DB" org import "$W/data/org.csv" >/dev/null
  t0=$(date +%s%N)
  "$FZ" --db "$DB" import dispute "$W/data/disputes.csv" >/dev/null
  T[$be.import]=$((($(date +%s%N) - t0) / 1000000))
  T[$be.county]=$(best "$FZ" --db "$DB" metrics --org 910101000000 --year 2024 --json)
  T[$be.province]=$(best "$FZ" --db "$DB" metrics --org 910000000000 --year 2024 --json)
  T[$be.county_report]=$(best "$FZ" --db "$DB" report --org 910101000000 --year 2024 --format md -o "$W/c.md")
  T[$be.province_report]=$(best "$FZ" --db "$DB" report --org 910000000000 --year 2024 --format md -o "$W/p.md")
  "$FZ" --db "$DB" metrics --org 910000000000 --year 2024 --json > "$W/$be.json"
done
cmp -s "$W/sqlite.json" "$W/pg.json" && same=yes || same=NO

echo "SQLite vs PostgreSQL, $N disputes over 40 counties (ms, best of 3; ratio PostgreSQL / SQLite)"
for k in import county province county_report province_report; do
  printf "  %-16s SQLite %8d   PostgreSQL %8d   ratio %.2f\n" "$k" "${T[sqlite.$k]}" "${T[pg.$k]}" \
    "$(python3 -c "print(${T[pg.$k]} / max(${T[sqlite.$k]}, 1))")"
done
echo "  the province's 57 figures are identical on both: $same"
