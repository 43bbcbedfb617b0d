#!/usr/bin/env bash
# import.sh — fazhi import of a generated dispute CSV against the anchor:
# Debian's sqlite3 CLI `.import` of the same file into a bare table (which
# validates nothing), measured in the same run. Prints both rates, their
# ratio, and fazhi's peak memory at N and 2N rows (it must not grow with
# the file). Usage: bench/import.sh [ROWS]   (default 1000000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FZ="$ROOT/build/fazhi"
N=${1:-1000000}
W=$(mktemp -d "${TMPDIR:-/tmp}/fz-bench-XXXXXX")
trap 'rm -rf "$W"' EXIT

python3 "$ROOT/bench/gen_disputes.py" "$N" "$W/big.csv"
python3 "$ROOT/bench/gen_disputes.py" $((N * 2)) "$W/double.csv"

# seconds and peak KB of a command, from GNU time
measure() { /usr/bin/time -f "%e %M" -o "$W/t" "$@" >/dev/null 2>"$W/err" || {
  cat "$W/err" >&2; exit 1; }; cat "$W/t"; }

fresh_fazhi_db() {
  rm -f "$W/fz.db"*
  FAZHI_DB="$W/fz.db" "$FZ" init >/dev/null
  FAZHI_DB="$W/fz.db" "$FZ" org import "$ROOT/data/org/zeku.csv" >/dev/null
}

anchor() { # sqlite3 CLI, default settings, bare 10-column table
  rm -f "$W/s.db"*
  measure sqlite3 "$W/s.db" \
    "CREATE TABLE d(org,case_no,category,received,parties,summary,amount,result,agreement,closed)" \
    ".mode csv" ".import --skip 1 $W/big.csv d"
}

anchor_wal() { # the same in a WAL file with fazhi's durability (sync FULL)
  rm -f "$W/s.db"*
  measure sqlite3 "$W/s.db" "PRAGMA journal_mode=WAL" "PRAGMA synchronous=FULL" \
    "CREATE TABLE d(org,case_no,category,received,parties,summary,amount,result,agreement,closed)" \
    ".mode csv" ".import --skip 1 $W/big.csv d"
}

fazhi_import() { # FILE
  fresh_fazhi_db
  FAZHI_DB="$W/fz.db" measure "$FZ" import dispute "$1"
}

read -r tA _ < <(anchor)
read -r tW _ < <(anchor_wal)
read -r tF mF < <(fazhi_import "$W/big.csv")
read -r tD mD < <(fazhi_import "$W/double.csv")
FAZHI_DB="$W/fz.db" "$FZ" list dispute --limit 1 >/dev/null

python3 - "$N" "$tA" "$tW" "$tF" "$mF" "$tD" "$mD" <<'PY'
import sys
n, tA, tW, tF, mF, tD, mD = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"import of {n} dispute rows (10 columns, UTF-8 CSV)")
print(f"  anchor sqlite3 .import, bare table:          {n/tA:10.0f} rows/s ({tA:.2f} s)")
print(f"  sqlite3 .import, bare table, WAL+sync FULL:  {n/tW:10.0f} rows/s ({tW:.2f} s)")
print(f"  fazhi import (validated, indexed, audited):  {n/tF:10.0f} rows/s ({tF:.2f} s)")
print(f"  ratio fazhi / anchor: {tA/tF:.2f}   (target >= 0.50)")
print(f"  ratio fazhi / sqlite3 in WAL+FULL: {tW/tF:.2f}")
print(f"  fazhi {2*n} rows: {2*n/tD:.0f} rows/s ({tD:.2f} s)")
print(f"  fazhi peak memory: {mF/1024:.0f} MiB for {n} rows, {mD/1024:.0f} MiB for {2*n} rows"
      " (bounded: a 4 MiB page cache, whose size the index sorter's runs take,"
      " and the reader's ring of parsed rows)")
PY
