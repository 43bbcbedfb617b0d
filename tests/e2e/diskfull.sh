#!/usr/bin/env bash
# diskfull.sh — a full disk under `fazhi serve`, as TAP: the server runs
# under a file-size limit just above its database (SIGXFSZ ignored, so a
# write past the limit fails like ENOSPC would). Writes then get a clear
# 503 while reads go on; once the limit is lifted (prlimit) writes work
# again, and nothing is corrupt or half-written.
# Usage: diskfull.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-full-XXXXXX")
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') # a port the kernel says is free
URL="http://127.0.0.1:$PORT"
. "$(dirname "$0")/tap.sh"
export FAZHI_DB="$T/full.db"
SRV=
trap '[ -n "$SRV" ] && kill $SRV 2>/dev/null; rm -rf "$T"' EXIT
JSON="Content-Type: application/json"

"$FZ" demo --data "$ROOT/data" >/dev/null
echo 'Full-Pass-2024' | "$FZ" user passwd zequ >/dev/null
# the limit (KiB): the database and 256 KiB more of WAL
LIMIT=$(($(stat -c %s "$FAZHI_DB") / 1024 + 256))
(trap "" XFSZ; ulimit -S -f "$LIMIT"; exec "$FZ" serve --listen "127.0.0.1:$PORT") 2>"$T/serve.log" &
SRV=$!
for _ in $(seq 100); do curl -s -o /dev/null "$URL/api/openapi.json" && break; sleep 0.05; done
CSRF=$(curl -s -c "$T/jar" -H "$JSON" -d '{"name":"zequ","password":"Full-Pass-2024"}' "$URL/api/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
BEFORE=$("$FZ" list dispute --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
post() {
  curl -s -o "$T/body" -w '%{http_code}' -b "$T/jar" -H "X-CSRF-Token: $CSRF" -H "$JSON" \
    -d '{"org":"632323100000-SFS","category":"草场","received":"2024-12-01","result":"调解中","summary":"'"$(head -c 400 /dev/zero | tr '\0' x)"'"}' \
    "$URL/api/r/dispute"
}
ok201=0 status=
for _ in $(seq 400); do
  status=$(post)
  [ "$status" = 201 ] && ok201=$((ok201 + 1)) || break
done
same "a write past the limit gets 503" "$status" 503
expect "saying the write could not be stored" 0 '"code":"io","message":"[^"]*(磁盘已满)[^"]*数据未能写入' -- cat "$T/body"
same "the server stays up and serves reads" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$URL/api/r/dispute?limit=5")" 200
same "another write is refused the same way" "$(post)" 503
prlimit --pid "$SRV" --fsize=unlimited:unlimited
same "once there is room, writes work again" "$(post)" 201
ok201=$((ok201 + 1))
kill -TERM "$SRV"
wait "$SRV"
SRV=
same "the database is whole" "$(sqlite3 "$FAZHI_DB" 'PRAGMA integrity_check')" ok
expect "the audit chain verifies" 0 '审计日志完整' -- "$FZ" audit verify
same "every acknowledged write is there, and nothing else" \
  "$("$FZ" list dispute --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" \
  "$((BEFORE + ok201))"
tap_done
