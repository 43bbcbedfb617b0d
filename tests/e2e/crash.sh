#!/usr/bin/env bash
# crash.sh — kill -9 under load, as TAP: writers POST records to `fazhi
# serve` while it is killed with SIGKILL at random moments, KILLS times
# (FZ_CRASH_KILLS, default 20; the long run is FZ_CRASH_KILLS=500). After
# every kill the database passes SQLite's integrity check, the audit chain
# verifies, the kept figures equal a recomputation, and every write the
# client saw acknowledged is there; the server starts again and serves.
# Usage: crash.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
KILLS=${FZ_CRASH_KILLS:-20}
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-crash-XXXXXX")
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') # a port the kernel says is free
URL="http://127.0.0.1:$PORT"
. "$(dirname "$0")/tap.sh"
export FAZHI_DB="$T/crash.db"
SRV=
trap '[ -n "$SRV" ] && kill -9 $SRV 2>/dev/null; rm -rf "$T"' EXIT

"$FZ" demo --data "$ROOT/data" >/dev/null
echo 'Crash-Pass-2024' | "$FZ" user passwd zequ >/dev/null
start() {
  "$FZ" serve --listen "127.0.0.1:$PORT" 2>>"$T/serve.log" &
  SRV=$!
  for _ in $(seq 100); do curl -s -o /dev/null "$URL/api/openapi.json" && return 0; sleep 0.05; done
  return 1
}
start
LOGIN=$(curl -s -c "$T/jar" -H 'Content-Type: application/json' \
  -d '{"name":"zequ","password":"Crash-Pass-2024"}' "$URL/api/login")
CSRF=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf"])' "$LOGIN")
TOKEN=$(awk '$6 == "fz_session" {print $7}' "$T/jar")
: > "$T/acked"
bad_integrity=0 bad_chain=0 bad_lost=0 bad_start=0 bad_kept=0
for k in $(seq "$KILLS"); do
  [ -n "$SRV" ] || start || bad_start=$((bad_start + 1))
  python3 "$(dirname "$0")/crash_client.py" "$URL" "$TOKEN" "$CSRF" "k$k" 3 "$T/acked" &
  CLIENT=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.2, 1.2), 2))')"
  kill -9 "$SRV"
  wait "$SRV" 2>/dev/null
  SRV=
  wait "$CLIENT"
  [ "$(sqlite3 "$FAZHI_DB" 'PRAGMA integrity_check')" = ok ] || bad_integrity=$((bad_integrity + 1))
  "$FZ" audit verify >/dev/null 2>&1 || bad_chain=$((bad_chain + 1))
  "$FZ" figures verify >/dev/null 2>&1 || bad_kept=$((bad_kept + 1))
  sqlite3 "$FAZHI_DB" "SELECT case_no FROM dispute WHERE case_no LIKE 'k%'" | sort > "$T/stored"
  sort "$T/acked" > "$T/acked.sorted"
  lost=$(comm -23 "$T/acked.sorted" "$T/stored" | wc -l)
  [ "$lost" -eq 0 ] || { bad_lost=$((bad_lost + lost)); comm -23 "$T/acked.sorted" "$T/stored" | head -3 | sed 's/^/# lost: /'; }
done
ACKED=$(wc -l < "$T/acked")
same "$KILLS kills under load: the integrity check passed after every one" "$bad_integrity" 0
same "the audit chain verified after every kill" "$bad_chain" 0
same "the kept figures equalled a recomputation after every kill" "$bad_kept" 0
same "every acknowledged write survived ($ACKED writes acknowledged)" "$bad_lost" 0
same "the server started again every time" "$bad_start" 0
check "writes were acknowledged at all" test "$ACKED" -gt "$KILLS"
start
same "and serves after the last kill" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$URL/api/me")" 200
kill -TERM "$SRV"
wait "$SRV"
SRV=
tap_done
