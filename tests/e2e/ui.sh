#!/usr/bin/env bash
# ui.sh — the browser UI end to end, as TAP: a real `fazhi serve` on the
# demo county, driven in Debian's Chromium by playwright-core (tests/e2e/
# ui.mjs). Screenshots of every step go to BUILD_DIR/ui-screenshots/.
# Usage: ui.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-ui-XXXXXX")
export FAZHI_DB="$T/ui.db"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') # a port the kernel says is free
URL="http://127.0.0.1:$PORT"
SHOTS="$(cd "$(dirname "$FZ")" && pwd)/ui-screenshots"

if [ ! -x /usr/bin/chromium ] || [ ! -d "$ROOT/web/node_modules/playwright-core" ]; then
  echo "1..0 # SKIP chromium or playwright-core missing (scripts/deps.sh installs both)"
  exit 0
fi

"$FZ" demo --data "$ROOT/data" >/dev/null
# the demo made one user per role with random passwords: set known ones
echo 'Zeku-Admin-2024' | "$FZ" user passwd admin >/dev/null
echo 'Leader-Pass-2024' | "$FZ" user passwd leader >/dev/null
echo 'Clerk-Pass-2024' | "$FZ" user passwd zequ >/dev/null
echo 'Reader-Pass-2024' | "$FZ" user passwd huangnan >/dev/null
"$FZ" serve --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
SRV=$!
trap 'kill $SRV 2>/dev/null; wait $SRV 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do curl -s "$URL/api/openapi.json" >/dev/null && break; sleep 0.1; done

rm -rf "$SHOTS"
mkdir -p "$SHOTS"
FZ_URL="$URL" FZ_SHOTS="$SHOTS" FZ_ROOT="$ROOT" FZ_TMP="$T" node "$ROOT/tests/e2e/ui.mjs"
status=$?
cp "$T/serve.log" "$SHOTS/serve.log"
kill -0 $SRV 2>/dev/null || { echo "# the server died:"; sed 's/^/#   /' "$T/serve.log" | tail -20; status=1; }
exit $status
