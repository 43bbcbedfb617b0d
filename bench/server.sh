#!/usr/bin/env bash
# server.sh — the JSON API under load against its anchor in the same run:
# nginx (Debian's nginx-light, started here on a free port) serving the very
# same response bytes as static files. wrk on loopback, 64 connections:
# GET a list of 50 records, GET the year's metrics, and POST new records
# (each one a durable commit), and the reads again on a --no-cache server
# (the cost of a miss). Prints requests/s, p50/p99 latency, the
# ratio to nginx, and the server's memory after the run and at its peak.
# Usage: bench/server.sh [SECONDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FZ="$ROOT/build/fazhi"
D=${1:-10}
W=$(mktemp -d "${TMPDIR:-/tmp}/fz-bench-srv-XXXXXX")
export FAZHI_DB="$W/demo.db"
P1=$((30000 + $$ % 10000)); P2=$((P1 + 1)); P3=$((P1 + 2))
cleanup() { [ -n "${SRV:-}" ] && kill "$SRV" 2>/dev/null; [ -n "${SRV2:-}" ] && kill "$SRV2" 2>/dev/null; [ -f "$W/nginx.pid" ] && kill "$(cat "$W/nginx.pid")" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT

"$FZ" demo --data "$ROOT/data" >/dev/null
echo 'Bench-Pass-2024' | "$FZ" user passwd zequ >/dev/null
"$FZ" serve --listen "127.0.0.1:$P1" 2>"$W/serve.log" &
SRV=$!
# the same, computing every answer afresh: what a cache miss costs
"$FZ" serve --listen "127.0.0.1:$P3" --no-cache 2>"$W/serve2.log" &
SRV2=$!
for _ in $(seq 50); do curl -s "http://127.0.0.1:$P1/api/openapi.json" >/dev/null && curl -s "http://127.0.0.1:$P3/api/openapi.json" >/dev/null && break; sleep 0.1; done
LOGIN=$(curl -s -c "$W/jar" -H 'Content-Type: application/json' \
  -d '{"name":"zequ","password":"Bench-Pass-2024"}' "http://127.0.0.1:$P1/api/login")
CSRF=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['csrf'])" "$LOGIN")
TOKEN=$(awk '$6 == "fz_session" {print $7}' "$W/jar")
LIST="/api/r/dispute?limit=50"
METRICS="/api/metrics?org=632323100000&year=2024"
mkdir -p "$W/www/api"
curl -s -b "$W/jar" "http://127.0.0.1:$P1$LIST" > "$W/www/list.json"
curl -s -b "$W/jar" "http://127.0.0.1:$P1$METRICS" > "$W/www/metrics.json"

cat > "$W/nginx.conf" <<NGX
daemon on; pid $W/nginx.pid; worker_processes 2; error_log $W/nginx.err;
events { worker_connections 1024; }
http { access_log off; default_type application/json;
  client_body_temp_path $W; proxy_temp_path $W; fastcgi_temp_path $W; uwsgi_temp_path $W; scgi_temp_path $W;
  server { listen 127.0.0.1:$P2; root $W/www; } }
NGX
nginx -c "$W/nginx.conf" -p "$W"

# run NAME URL [wrk args…]: requests/s, p50, p99 (ms)
run() {
  local name=$1 url=$2
  shift 2
  wrk -t2 -c64 -d"${D}s" --latency "$@" "$url" > "$W/$name.out"
  python3 - "$W/$name.out" "$name" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
def ms(p):
    m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, t)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
print(f"{sys.argv[2]} {rps:.0f} {ms(50):.2f} {ms(99):.2f}")
PY
}

cat > "$W/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"org":"632323100000-SFS","category":"草场","received":"2024-12-01","result":"调解中"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-Token"] = "$CSRF"
wrk.headers["Cookie"] = "fz_session=$TOKEN"
LUA

{
  run list "http://127.0.0.1:$P1$LIST" -H "Cookie: fz_session=$TOKEN"
  run nginx_list "http://127.0.0.1:$P2/list.json"
  run metrics "http://127.0.0.1:$P1$METRICS" -H "Cookie: fz_session=$TOKEN"
  run nginx_metrics "http://127.0.0.1:$P2/metrics.json"
  run list_nocache "http://127.0.0.1:$P3$LIST" -H "Cookie: fz_session=$TOKEN"
  run metrics_nocache "http://127.0.0.1:$P3$METRICS" -H "Cookie: fz_session=$TOKEN"
  run create "http://127.0.0.1:$P1/api/r/dispute" -s "$W/post.lua"
} > "$W/results"
# the anchor of a durable commit: this disk's synchronous 4 KiB write, timed
# now (each commit waits for one; one writer at a time cannot go faster)
FSYNC_MS=$(python3 - "$W/sync.bin" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_DSYNC)
t = time.time()
for _ in range(200):
    os.write(fd, b"x" * 4096)
print(f"{(time.time() - t) / 200 * 1000:.2f}")
PY
)
HWM=$(awk '/VmHWM/ {print $2}' /proc/$SRV/status)
RSS=$(awk '/VmRSS/ {print $2}' /proc/$SRV/status)
python3 - "$W/results" "$HWM" "$D" "$RSS" "$FSYNC_MS" <<'PY'
import sys
r = {l.split()[0]: list(map(float, l.split()[1:])) for l in open(sys.argv[1])}
print(f"fazhi serve vs nginx, wrk -t2 -c64 -d{sys.argv[3]}s on loopback (requests/s, p50 / p99 ms)")
for name, anchor in (("list", "nginx_list"), ("metrics", "nginx_metrics")):
    a, b = r[name], r[anchor]
    print(f"  {name:8} {a[0]:9.0f}/s  p50 {a[1]:6.2f}  p99 {a[2]:6.2f}   nginx {b[0]:9.0f}/s  p99 {b[2]:6.2f}"
          f"   ratio {a[0]/b[0]:.2f} (target >= 0.50, p99 < 20 ms)")
for name in ("list", "metrics"):
    a = r[name + "_nocache"]
    print(f"  {name:8} {a[0]:9.0f}/s  p50 {a[1]:6.2f}  p99 {a[2]:6.2f}   with --no-cache (every answer computed: a cache miss)")
c = r["create"]
fs = float(sys.argv[5])
print(f"  create   {c[0]:9.0f}/s  p50 {c[1]:6.2f}  p99 {c[2]:6.2f}   (each a durable commit; target >= 1000/s)")
print(f"           this disk's O_DSYNC 4 KiB write: {fs:.2f} ms, so at most {1000 / fs:.0f} commits/s one at a time;"
      f" create reaches {c[0] * fs / 1000:.2f} of that")
print(f"  server memory after the run {int(sys.argv[4]) / 1024:.0f} MiB (target < 50 MiB);"
      f" peak {int(sys.argv[2]) / 1024:.0f} MiB, of which 64 MiB is one Argon2id login (libsodium's interactive limit)")
PY
