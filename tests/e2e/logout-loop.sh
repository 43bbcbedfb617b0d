#!/usr/bin/env bash
# logout-loop.sh — run logout-loop.mjs against fresh servers: ROUNDS times a
# new demo database copy, a new `fazhi serve` and a new browser profile
# (the flake ui.sh saw came on the very first logout after the server
# started), LOOPS log in / log out each.
# Usage: logout-loop.sh PATH/TO/fazhi SOURCE_ROOT [ROUNDS] [LOOPS]
set -u
FZ=$1
ROOT=$(cd "$2" && pwd)
ROUNDS=${3:-5}
LOOPS=${4:-20}
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-lo-XXXXXX")
SRV=
trap '[ -n "$SRV" ] && kill $SRV 2>/dev/null; rm -rf "$T"' EXIT
FAZHI_DB="$T/base.db" "$FZ" demo --data "$ROOT/data" >/dev/null
echo 'Zeku-Admin-2024' | FAZHI_DB="$T/base.db" "$FZ" user passwd admin >/dev/null
fails=0
for r in $(seq "$ROUNDS"); do
  rm -f "$T"/ui.db*
  cp "$T/base.db" "$T/ui.db"
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  URL="http://127.0.0.1:$PORT"
  FAZHI_DB="$T/ui.db" "$FZ" serve --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
  SRV=$!
  for _ in $(seq 50); do curl -s "$URL/api/openapi.json" >/dev/null && break; sleep 0.1; done
  echo "# round $r"
  FZ_URL="$URL" FZ_ROOT="$ROOT" FZ_TMP="$T" FZ_LOOPS="$LOOPS" node "$ROOT/tests/e2e/logout-loop.mjs" || fails=$((fails + 1))
  kill $SRV; wait $SRV 2>/dev/null; SRV=
  cp "$T"/logout-fail-*.png "${TMPDIR:-/tmp}/" 2>/dev/null
done
echo "# $fails of $ROUNDS rounds had a failed logout"
[ "$fails" -eq 0 ]
