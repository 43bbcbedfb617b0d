#!/usr/bin/env bash
# memcheck.sh — the demo path under valgrind memcheck, as TAP: the demo
# database, the metrics, the report in every format, the checker, an
# export and its re-import, the kept figures' check, and the server
# answering a login, a list, the metrics and a create, then stopping on
# SIGTERM. Each run must end with no memory error and no definite leak
# (valgrind's exit status 99 says otherwise).
# Usage: memcheck.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-vg-XXXXXX")
. "$(dirname "$0")/tap.sh"
export FAZHI_DB="$T/demo.db"
VG=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --log-file="$T/vg.%p.log")
trap 'rm -rf "$T"' EXIT

# vg NAME COMMAND...: the command under memcheck exits 0 with a clean log
vg() {
  local name=$1 status
  shift
  "${VG[@]}" "$@" >"$T/out" 2>&1
  status=$?
  if [ "$status" -eq 0 ] && ! grep -q . "$T"/vg.*.log 2>/dev/null; then ok "$name"; else
    not_ok "$name" "exit status $status" "$(cat "$T"/vg.*.log 2>/dev/null | head -20)" \
      "$(head -5 "$T/out")"
  fi
  rm -f "$T"/vg.*.log
}

vg "fazhi demo" "$FZ" demo --data "$ROOT/data"
vg "fazhi metrics" "$FZ" metrics --org 632323000000 --year 2024
for f in md html docx; do
  vg "fazhi report --format $f" "$FZ" report --org 632323000000 --year 2024 --format "$f" -o "$T/r.$f"
done
vg "fazhi check" "$FZ" check "$T/r.md"
vg "fazhi export (xlsx)" "$FZ" export dispute --format xlsx -o "$T/d.xlsx"
FAZHI_DB="$T/fresh.db" "$FZ" init >/dev/null
FAZHI_DB="$T/fresh.db" "$FZ" org import "$ROOT/data/org/zeku.csv" >/dev/null
FAZHI_DB="$T/fresh.db" vg "fazhi import of that export into a new database" \
  "$FZ" import dispute "$T/d.xlsx"
"$FZ" void dispute 1 --reason 测试 >/dev/null
vg "fazhi figures verify" "$FZ" figures verify
vg "fazhi audit verify" "$FZ" audit verify

# the server: a few requests, then SIGTERM (no request may hang the run)
curl() { command curl --max-time 60 "$@"; }
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
echo 'Memcheck-Pass-2024' | "$FZ" user passwd zequ >/dev/null
"${VG[@]}" "$FZ" serve --listen "127.0.0.1:$PORT" >"$T/serve.out" 2>&1 &
SRV=$!
for _ in $(seq 300); do curl -s "$URL/api/openapi.json" >/dev/null && break; sleep 0.2; done
CSRF=$(curl -s -c "$T/jar" -H 'Content-Type: application/json' \
  -d '{"name":"zequ","password":"Memcheck-Pass-2024"}' "$URL/api/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin).get("csrf",""))')
same "the server under memcheck signs in" "${#CSRF}" 64
same "lists" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$URL/api/r/dispute?limit=50")" 200
same "computes the metrics" \
  "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$URL/api/metrics?org=632323100000&year=2024")" 200
same "creates (through the committer)" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" \
  -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
  -d '{"org":"632323100000-SFS","case_no":"VG-1","category":"邻里","received":"2024-05-01","result":"调解中"}' \
  "$URL/api/r/dispute")" 201
# a stop that never comes is a failure here, not a hung test run
kill -TERM "$SRV"
for _ in $(seq 600); do kill -0 "$SRV" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$SRV" 2>/dev/null; then
  kill -KILL "$SRV"
  echo "the server under memcheck did not stop within 120 s of SIGTERM" > "$T/vg.stop.log"
fi
wait "$SRV"
status=$?
if [ "$status" -eq 0 ] && ! grep -q . "$T"/vg.*.log 2>/dev/null; then ok "and stops with no memory error or leak"; else
  not_ok "and stops with no memory error or leak" "exit status $status" "$(cat "$T"/vg.*.log 2>/dev/null | head -20)"
fi
tap_done
