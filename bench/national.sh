#!/usr/bin/env bash
# national.sh — the report's figures at national scale (issue 9). Generates
# the national data set (bench/gen_national.py: ~3,000 counties, ~40,000
# townships, RECORDS records in 2024 over the busy registers and a quarter as
# many in 2023), loads it with fazhi's own commands (org import, import
# REGISTER FILE), then times the full set of metrics (`fazhi metrics --org X
# --year 2024 --json`, all 57 figures) for one county, one province and the
# whole country against two anchors measured in the same run:
#   sqlite3  Debian's sqlite3 CLI running bench/national.sql (hand-written
#            SQL, one scan per register) on the same database file;
#   DuckDB   npm @duckdb/node-api running the same SQL on the same data
#            loaded from the generated CSVs (bench/national_duckdb.js): a
#            column-store full scan, timed inside its process.
# The whole country is the org tree's root (000000000000, kind country, every
# province's parent), so it is one `fazhi metrics --org 000000000000` call
# like the other two scopes. It also times the three scopes' GET /api/metrics
# inside a running `fazhi serve --no-cache`, each as a leader scoped to that
# org. Each time is the median of 5 (best of 3 when a run takes over 10 s,
# one run when over 60 s). Prints every figure, the anchors' times and the
# ratios fazhi / anchor, and fails when a figure differs from either anchor.
# Usage: bench/national.sh [RECORDS]   (default 10000000; a tiny run: 20000)
#   NATIONAL_PROVINCES=P  only the first P provinces (tree and records scale)
#   NATIONAL_DIR=DIR      work there and keep it (default a fresh /tmp/national-XXXXXX,
#                         deleted at the end); NATIONAL_REUSE=1 with it skips
#                         generating and loading when DIR holds a finished load
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FZ=${FZ:-$ROOT/build/fazhi}
N=${1:-10000000}
P=${NATIONAL_PROVINCES:-31}
DUCKDB_VERSION=1.5.6-r.1
if [ -n "${NATIONAL_DIR:-}" ]; then
  W=$NATIONAL_DIR
  mkdir -p "$W"
else
  W=$(mktemp -d /tmp/national-XXXXXX)
  trap 'rm -rf "$W"' EXIT
fi
DATA=$W/data DB=$W/fazhi.db DUCK=$W/duck.db

# The DuckDB client, from the npm registry, kept under build/ (not committed).
NODE_DIR=$ROOT/build/bench-node
if [ ! -d "$NODE_DIR/node_modules/@duckdb/node-api" ]; then
  echo "==> npm install @duckdb/node-api@$DUCKDB_VERSION"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && { [ -f package.json ] || echo '{"private":true}' > package.json; } &&
    npm install --no-audit --no-fund --loglevel=error "@duckdb/node-api@$DUCKDB_VERSION" >/dev/null)
fi
export NODE_PATH=$NODE_DIR/node_modules

now() { date +%s%N; }
secs() { # seconds since START (a $(now))
  local d=$(($(date +%s%N) - $1))
  printf "%d.%03d" $((d / 1000000000)) $((d / 1000000 % 1000))
}
declare -A T
if [ "${NATIONAL_REUSE:-}" = 1 ] && [ -f "$W/loaded.env" ]; then
  echo "==> reusing the data set and databases in $W"
  # shellcheck disable=SC1091
  . "$W/loaded.env"
else
  rm -rf "$DATA" "$DB" "$DB"-* "$DUCK" "$DUCK".wal "$W/loaded.env"
  echo "==> generating $N records (2024) and $((N / 4)) (2023) over $P provinces"
  t0=$(now)
  python3 "$ROOT/bench/gen_national.py" "$DATA" "$N" --provinces "$P"
  T[gen]=$(secs "$t0")

  # The anchors' calendar: both due dates of the aid_case rules for every
  # start day (7 and 3 calendar days, an end on a 休假日 rolled to the next
  # working day; years the calendar lacks count weekends only, as fazhi does).
  python3 - "$ROOT/data/calendar/cn.csv" "$DATA/aid_due.csv" <<'PY'
import csv, datetime, sys
hol, work, years = set(), set(), set()
for row in csv.reader(l for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")):
    if row[0] != "CN":
        continue
    years.add(int(row[1]))
    if row[2] in ("holiday", "workday"):
        a, b = (datetime.date.fromisoformat(x) for x in row[3:5])
        while a <= b:
            (hol if row[2] == "holiday" else work).add(a)
            a += datetime.timedelta(days=1)
def workday(d):
    return d not in hol and (d in work or d.weekday() < 5)
def due(d, n):
    d += datetime.timedelta(days=n)
    while not workday(d):
        d += datetime.timedelta(days=1)
    return d
with open(sys.argv[2], "w") as f:
    f.write("start,decide_by,assign_by\n")
    d = datetime.date(2020, 1, 1)
    while d < datetime.date(2027, 1, 1):
        f.write(f"{d},{due(d, 7)},{due(d, 3)}\n")
        d += datetime.timedelta(days=1)
PY
  sqlite3 "$W/anchor.db" "DROP TABLE IF EXISTS aid_due" \
    "CREATE TABLE aid_due(start TEXT PRIMARY KEY, decide_by TEXT, assign_by TEXT) WITHOUT ROWID" \
    ".mode csv" ".import --skip 1 $DATA/aid_due.csv aid_due"

  echo "==> loading into fazhi (fazhi init, org import, import REGISTER FILE)"
  "$FZ" --db "$DB" init >/dev/null
  t0=$(now)
  "$FZ" --db "$DB" org import "$DATA/org.csv" >/dev/null
  T[org]=$(secs "$t0")
  t0=$(now)
  for f in "$DATA"/*-2023.csv "$DATA"/*-2024.csv; do
    b=$(basename "$f" .csv)
    t1=$(now)
    "$FZ" --db "$DB" import "${b%-*}" "$f" >/dev/null
    T[imp.$b]=$(secs "$t1")
  done
  T[import]=$(secs "$t0")
  T[dbsize]=$(du -cb "$DB"* | tail -1 | cut -f1)

  echo "==> loading the same CSVs into DuckDB"
  t0=$(now)
  node "$ROOT/bench/national_duckdb.js" load "$DATA" "$DUCK"
  T[duckload]=$(secs "$t0")
  T[ducksize]=$(du -cb "$DUCK"* | tail -1 | cut -f1)
  for k in "${!T[@]}"; do echo "T[$k]=${T[$k]}"; done > "$W/loaded.env"
fi

# The scopes and the SQL for each: the subtree's code range, as fazhi takes it.
read -r COUNTY PROVINCE COUNTRY < <(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(m['county'], m['province'], m.get('country', '-'))" "$DATA/meta.json")
if [ "$COUNTRY" = - ]; then
  echo "national.sh: $DATA was generated before the country root; run without NATIONAL_REUSE" >&2
  exit 1
fi
PROVINCES=$(python3 -c "import json,sys; print(' '.join(json.load(open(sys.argv[1]))['provinces']))" "$DATA/meta.json")
ASOF=$(python3 -c "import datetime; print(min(datetime.date.today(), datetime.date(2024, 12, 31)))")
sqlfor() { # NAME LO HI
  sed -e "s/@LO@/$2/g; s/@HI@/$3/g; s/@FROM@/2024-01-01/g; s/@TO@/2024-12-31/g" \
      -e "s/@PFROM@/2023-01-01/g; s/@PTO@/2023-12-31/g; s/@ASOF@/$ASOF/g" \
      "$ROOT/bench/national.sql" > "$W/q-$1.sql"
}
range() { # CODE DIGITS: the first DIGITS of CODE, and that prefix's last byte + 1
  python3 -c "import sys; p = sys.argv[1][:int(sys.argv[2])]; print(p, p[:-1] + chr(ord(p[-1]) + 1))" "$1" "$2"
}
# shellcheck disable=SC2046
sqlfor county $(range "$COUNTY" 6)
# shellcheck disable=SC2046
sqlfor province $(range "$PROVINCE" 2)
sqlfor country 0 ":"   # the country's range as fazhi takes it: every code starts with a digit; ':' follows '9'

echo "==> timing (county $COUNTY, province $PROVINCE, country $COUNTRY over $(wc -w <<<"$PROVINCES") provinces)"
python3 - "$FZ" "$DB" "$W" "$COUNTY" "$PROVINCE" "$COUNTRY" "$PROVINCES" "$ROOT/bench/national_duckdb.js" "$DUCK" \
  "$N" "$(declare -p T)" <<'PY'
import json, os, statistics, subprocess, sys, time
fz, db, w, county, province, country, provinces, duckjs, duck, n = sys.argv[1:11]
T = {}
for part in sys.argv[11].split("(", 1)[1].rsplit(")", 1)[0].split():
    k, v = part.split("=", 1)
    T[k.strip("[]")] = float(v.strip('"'))
provinces = provinces.split()

def timed(what, fn):
    """Median of 5 wall times in ms; best of 3 when a run is over 10 s, one
    run when it is over 60 s (keeps bench/run.sh under 30 minutes)."""
    ts, out, how = [], None, "median of 5"
    for i in range(5):
        t = time.perf_counter()
        out = fn()
        ts.append((time.perf_counter() - t) * 1000)
        if i == 0 and ts[0] > 60000:
            how = "one run"
            break
        if i == 2 and min(ts) > 10000:
            how = "best of 3"
            break
    ms = statistics.median(ts) if how == "median of 5" else min(ts)
    print(f"  {what}: {ms:.1f} ms ({how})", file=sys.stderr, flush=True)
    return ms, out, how

def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    return r.stdout

def fazhi(orgs):
    figs = {}
    for o in orgs:
        for m in json.loads(run([fz, "--db", db, "metrics", "--org", o, "--year", "2024", "--json"])):
            v = m["records"] if m["name"] == "culture.village_gaps" else m["value"]
            a, b = figs.get(m["name"], (0, 0))
            figs[m["name"]] = (a + v, b + m["denominator"])
    return figs

def sqlite(scope):
    out = run(["sqlite3", "-readonly", "-cmd", f"ATTACH '{w}/anchor.db' AS an", db,
               f".read {w}/q-{scope}.sql"])
    return {l.split("|")[0]: tuple(int(x) for x in l.split("|")[1:]) for l in out.splitlines()}

scopes = [("county", [county]), ("province", [province]), ("country", [country])]
res = {}
for s, orgs in scopes:
    res[s, "fazhi"] = timed(f"{s} fazhi", lambda: fazhi(orgs))
    res[s, "sqlite3"] = timed(f"{s} sqlite3", lambda: sqlite(s))
# what starting a process costs on this machine now, for reading the county's times
startup = {"fazhi": timed("fazhi --help", lambda: run([fz, "--help"]))[0],
           "sqlite3": timed("sqlite3 select 1", lambda: run(["sqlite3", ":memory:", "select 1"]))[0]}

def served():
    """The same figures inside a running `fazhi serve --no-cache` (no process
    start-up, no response cache): GET /api/metrics as a leader of the county,
    of the province and of the country — the first answer (everything
    computed) and the median of 5 more (the deadline walk is then kept while
    the data stays)."""
    import http.cookiejar, socket, urllib.request
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    pw = f"{w}/bench.pw"
    with open(pw, "w") as f:
        f.write("National-Bench-2024\n")
    users = (("county", "bench_county", county), ("province", "bench_province", province),
             ("country", "bench_country", country))
    for _, name, scope in users:
        subprocess.run([fz, "--db", db, "user", "add", name, "--role", "leader", "--scope", scope,
                        "--password-file", pw], capture_output=True)  # already there on a reuse
    srv = subprocess.Popen([fz, "--db", db, "serve", "--no-cache", "--listen", f"127.0.0.1:{port}"],
                           stderr=subprocess.DEVNULL)
    url, out = f"http://127.0.0.1:{port}", {}
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "/api/openapi.json", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        for s, name, org in users:
            op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
            op.open(urllib.request.Request(url + "/api/login", method="POST",
                    data=json.dumps({"name": name, "password": "National-Bench-2024"}).encode(),
                    headers={"Content-Type": "application/json"})).read()
            ts = []
            for _ in range(6):
                t = time.perf_counter()
                op.open(f"{url}/api/metrics?org={org}&year=2024").read()
                ts.append((time.perf_counter() - t) * 1000)
            out[s] = (ts[0], statistics.median(ts[1:]))
            print(f"  {s} fazhi serve: first {ts[0]:.1f} ms, again {out[s][1]:.1f} ms", file=sys.stderr, flush=True)
    finally:
        srv.terminate()
        srv.wait()
    return out

served_ms = served()
duck_out = run(["node", duckjs, "query", duck, "5"] + [f"{w}/q-{s}.sql" for s, _ in scopes])
for line, (s, _) in zip(duck_out.splitlines(), scopes):
    d = json.loads(line)
    res[s, "duckdb"] = (statistics.median(d["ms"]),
                        {r[0]: (int(r[1]), int(r[2])) for r in d["rows"]}, "median of 5")

# Every figure, and whether both anchors found the same.
bad = []
names = sorted(res["county", "fazhi"][1])
print(f"\n全国规模基准 national benchmark: {n} records in 2024 (+{int(n) // 4} in 2023)")
print(f"  figures of county {county} | province {province} | country {country} ({len(provinces)} provinces)"
      " — value[/denominator]; = means sqlite3 and DuckDB found the same")
for name in names:
    cells = []
    for s, _ in scopes:
        f = res[s, "fazhi"][1][name]
        ok = all(res[s, a][1].get(name) == f for a in ("sqlite3", "duckdb"))
        if not ok:
            bad.append(f"{s} {name}: fazhi {f}, sqlite3 {res[s, 'sqlite3'][1].get(name)},"
                       f" duckdb {res[s, 'duckdb'][1].get(name)}")
        cells.append(f"{f[0]}{'/' + str(f[1]) if f[1] else ''}{' =' if ok else ' ≠'}")
    print(f"  {name:30} {cells[0]:>16} {cells[1]:>20} {cells[2]:>22}")
for s, _ in scopes:
    for a in ("sqlite3", "duckdb"):
        g = res[s, a][1].get("guard.other_deadline_records")
        if g != (0, 0):
            bad.append(f"{s} {a}: registers with deadline rules the anchor does not compute hold {g} records")

if "gen" in T:
    rows = sum(int(v) for v in json.load(open(f"{w}/data/meta.json"))["rows"].values())
    meta = json.load(open(f"{w}/data/meta.json"))
    print(f"\n  data set: {meta['orgs']} orgs ({len(provinces)} provinces, {meta['prefectures']} prefectures,"
          f" {meta['counties']} counties, {meta['townships']} townships), {rows} records")
    print(f"  generation (gen_national.py): {T['gen']:.0f} s")
    print(f"  fazhi org import: {T['org']:.1f} s;  fazhi import of {rows} records: {T['import']:.0f} s"
          f" ({rows / T['import']:,.0f} rows/s)")
    for k in sorted(k for k in T if k.startswith("imp.")):
        r = meta["rows"][k[4:]]
        print(f"    {k[4:]:20} {r:>9} rows {T[k]:7.1f} s {r / T[k]:10,.0f} rows/s")
    print(f"  fazhi database: {T['dbsize'] / 2**30:.2f} GiB;  DuckDB load from the CSVs: {T['duckload']:.0f} s,"
          f" {T['ducksize'] / 2**30:.2f} GiB")

print("\n  time of the 57 figures (ms)    fazhi    sqlite3     DuckDB   fazhi/sqlite3  fazhi/DuckDB   target")
target = {"county": 50, "province": 200, "country": 1000}
for s, _ in scopes:
    f, q, d = res[s, "fazhi"][0], res[s, "sqlite3"][0], res[s, "duckdb"][0]
    print(f"  {s:9} {f:20.1f} {q:10.1f} {d:10.1f} {f / q:15.2f} {f / d:13.2f}"
          f"   < {target[s]} ms: {'met' if f < target[s] else 'NOT met'}")
other = [f"{s} {e}: {res[s, e][2]}" for s, _ in scopes for e in ("fazhi", "sqlite3", "duckdb")
         if res[s, e][2] != "median of 5"]
print("  each the median of 5 runs" + (" except " + ", ".join(other) if other else ""))
print("  fazhi and sqlite3 are whole processes (fazhi --help alone: %.1f ms, sqlite3 :memory: 'select 1': %.1f ms);"
      " DuckDB is the query inside a running process" % (startup["fazhi"], startup["sqlite3"]))
for s, _ in scopes:
    first, again = served_ms[s]
    d = res[s, "duckdb"][0]
    print(f"  {s} inside a running `fazhi serve --no-cache` (GET /api/metrics): first {first:.1f} ms"
          f" ({first / d:.2f} of DuckDB), again {again:.1f} ms"
          f"   < {target[s]} ms and < DuckDB: {'met' if first < target[s] and first < d else 'NOT met'}")
# A query inside a running process is compared with one inside a running
# process: a fazhi process spends ~20 ms loading its 40 shared libraries
# (libpq's Kerberos and LDAP, libxml2's ICU, GnuTLS) before it reads a page.
print("  (beating DuckDB is judged in-process, as DuckDB is timed; the whole-process"
      " times above include fazhi's start-up)")
if bad:
    print("\nFIGURES DIFFER:", *bad, sep="\n  ")
    sys.exit(1)
print(f"\n  all {len(names)} figures of the three scopes equal both anchors'")
PY
