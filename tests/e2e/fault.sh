#!/usr/bin/env bash
# fault.sh — fault injection end to end (issue 9), as TAP. Each write path
# (an org tree import; a register's import of a CSV and of an XLSX, add,
# update, void; a create and an import through the API) runs with its Nth
# allocation failing (FZ_FAULT=alloc:N: the process dies as on a real
# out-of-memory) or its Nth database call failing (FZ_FAULT=db:N: an error
# to the user), for N = 1, 2, … past the last call. A run that fails
# leaves the database exactly as before (the dump, byte for byte; the audit
# chain verifies; the integrity check passes); only a server that dies
# after its commit (while it answers) may leave the finished operation
# instead. FZ_FAULT_SAMPLES=K tries K points a path and kind, spread over
# all of them (default 3, plus the last three: the commit and what comes
# after it); 0 tries every N. Then the bugs this found, each aimed at its
# statement (FZ_FAULT=db:N:SQL).
# Usage: fault.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-fault-XXXXXX")
trap 'rm -rf "$T"' EXIT
ulimit -c 0 # the alloc runs abort on purpose
export FAZHI_DB="$T/run.db"
export FAZHI_USER=e2e
unset FZ_FAULT
SAMPLES=${FZ_FAULT_SAMPLES:-3}
. "$(dirname "$0")/tap.sh"

SFS=632323100000-SFS

# dump DB: the whole content, in a stable order (sqlite3's .dump).
dump() { sqlite3 "$1" .dump; }
# masked DB: the dump without what differs between two runs of the same
# operation (timestamps, the audit hashes made of them, and the random
# data version each write stores).
masked() {
  dump "$1" | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/<T>/g; s/[0-9a-f]{64}/<H>/g' |
    sed -E "s/'data_version','[0-9]+'/'data_version','<V>'/"
}

# fresh: run.db is the base state again, without the last run's log.
fresh() {
  rm -f "$T/run.db" "$T/run.db-wal" "$T/run.db-shm"
  cp "$T/base.db" "$T/run.db"
}

# points COUNT: the Ns to try for a path with COUNT calls of a kind.
points() {
  local count=$1 k
  if [ "$SAMPLES" -eq 0 ] || [ "$count" -le $((SAMPLES + 3)) ]; then
    seq 1 "$count"
    return
  fi
  k=$(((count + SAMPLES - 1) / SAMPLES))
  { seq 1 "$k" "$count"; seq $((count - 2)) "$count"; } | sort -nu
}

# The base state every run starts from: the demo tree and two records; an
# XLSX of five records made by fazhi from another database.
"$FZ" init >/dev/null
"$FZ" org import "$ROOT/data/org/zeku.csv" >/dev/null
"$FZ" add dispute org=$SFS case_no=泽调〔2024〕1号 category=草场 received=2024-03-05 \
  parties=2 summary=草场边界 amount=1234.5 result=调解中 >/dev/null
"$FZ" add dispute org=和日镇司法所 category=邻里 received=2024-05-10 result=调解中 >/dev/null
printf '%s\n' '机构,案号,纠纷类型,受理日期,当事人数,纠纷简要情况,涉及金额,调解结果,协议形式,结案日期' \
  "$SFS,泽调〔2024〕11号,邻里,2024-06-01,2,\"噪音, 夜间\",,调解中,," \
  '麦秀镇司法所,麦调〔2024〕11号,land,2024/6/2,3,地界,"1,000",调解成功,书面,2024-06-20' \
  "$SFS,泽调〔2024〕12号,婚姻家庭,2024-06-03,4,,200.5,调解成功,口头,2024-06-10" \
  "$SFS,泽调〔2024〕13号,债务,2024-06-04,2,借款,,调解中,," \
  '和日镇司法所,和调〔2024〕11号,草场,2024-06-05,5,草场租金,"12,000",调解不成,,2024-06-30' >"$T/rows.csv"
"$FZ" --db "$T/other.db" init >/dev/null
"$FZ" --db "$T/other.db" org import "$ROOT/data/org/zeku.csv" >/dev/null
"$FZ" --db "$T/other.db" import dispute "$T/rows.csv" >/dev/null
"$FZ" --db "$T/other.db" export dispute --format xlsx -o "$T/rows.xlsx" >/dev/null
sqlite3 "$FAZHI_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
mv "$FAZHI_DB" "$T/base.db"
rm -f "$FAZHI_DB-wal" "$FAZHI_DB-shm"
BEFORE=$(dump "$T/base.db")
fresh
expect "the base state's audit chain verifies" 0 '审计日志完整' -- "$FZ" audit verify

# after_failure NAME: run.db after a failed run — exactly the base, or
# (ALLOW_DONE) exactly the finished operation — with its chain and pages whole.
after_failure() {
  local name=$1 state
  state=$(dump "$T/run.db")
  if [ "$state" != "$BEFORE" ] && ! { [ -n "$ALLOW_DONE" ] && [ "$(masked "$T/run.db")" = "$DONE" ]; }; then
    not_ok "$name: the database is as before" "$(diff <(printf '%s\n' "$BEFORE") <(printf '%s\n' "$state") | head -8)"
    return
  fi
  [ "$state" != "$BEFORE" ] && NDONE=$((NDONE + 1))
  if ! out=$("$FZ" audit verify 2>&1); then
    not_ok "$name: the audit chain verifies" "$out"
  elif [ "$(sqlite3 "$T/run.db" 'PRAGMA integrity_check')" != ok ]; then
    not_ok "$name: the integrity check passes"
  else
    NPASS=$((NPASS + 1))
  fi
}

# one_run KIND N CMD…: run CMD with the Nth call of KIND failing and check
# what it left. Sets RAN_OK when CMD succeeded; counts into NPASS and
# NDONE, and reads LABEL, DONE and count, of fault_path.
one_run() {
  local kind=$1 nth=$2 out status name
  shift 2
  name="$LABEL, $kind:$nth"
  fresh
  out=$(FZ_FAULT=$kind:$nth "$@" 2>&1)
  status=$?
  RAN_OK=0
  if [ "$status" -eq 0 ]; then
    RAN_OK=1
    [ "$nth" -le "$count" ] && echo "# $name: succeeded although that call failed"
    if [ "$(masked "$T/run.db")" != "$DONE" ]; then
      not_ok "$name: succeeded, so the change is all there" "$out"
    else
      NPASS=$((NPASS + 1))
    fi
    return
  fi
  # an injected database error reaches the user as itself (exit 3); an
  # injected out-of-memory kills the process as a real one would
  if [ "$kind" = db ] && { [ "$status" -ne 3 ] || ! printf '%s' "$out" | grep -q "注入的故障：第 $nth 次数据库调用"; }; then
    not_ok "$name: a clear error (status $status)" "$(printf '%s' "$out" | head -5)"
    return
  fi
  if [ "$kind" = alloc ] && ! printf '%s' "$out" | grep -q '内存不足'; then
    not_ok "$name: dies of the out-of-memory (status $status)" "$(printf '%s' "$out" | head -5)"
    return
  fi
  ALLOW_DONE= after_failure "$name"
}

# fault_path LABEL CMD…: CMD once as it is (the calls it makes, counted,
# and the state it leaves), then with each chosen call failing; after
# the last call the run must succeed.
fault_path() {
  local kind count nth counts
  LABEL=$1
  shift
  fresh
  counts=$(FZ_FAULT=count "$@" 2>&1 >/dev/null | sed -n 's/^fazhi: 故障注入计数：alloc \([0-9]*\)，db \([0-9]*\)$/\1 \2/p')
  DONE=$(masked "$T/run.db")
  if [ -z "$counts" ] || [ "$DONE" = "$(masked "$T/base.db")" ]; then
    not_ok "$LABEL: runs and changes the database without a fault"
    return
  fi
  for kind in alloc db; do
    if [ $kind = alloc ]; then count=${counts% *}; else count=${counts#* }; fi
    NPASS=0 NDONE=0
    local tried=0
    for nth in $(points "$count"); do
      one_run "$kind" "$nth" "$@"
      tried=$((tried + 1))
    done
    same "$LABEL, $kind: every failing run left the database whole ($tried of $count points)" "$NPASS" "$tried"
    [ "$NDONE" -gt 0 ] && echo "# $LABEL, $kind: $NDONE runs died after their commit, leaving the finished operation"
    # past the last call nothing fails (a thread may shift the count a little)
    nth=$count
    while [ "$nth" -lt $((count + 20)) ]; do
      nth=$((nth + 1))
      one_run "$kind" "$nth" "$@"
      [ "$RAN_OK" -eq 1 ] && break
    done
    same "$LABEL, $kind:$nth: past the last call the operation succeeds" "$RAN_OK" 1
  done
}

printf '%s\n' '编码,上级,类型,名称' '632323110000,632323000000,township,试镇' \
  '632323110001,632323110000,village,试一村' '632323110002,632323110000,village,试二村' >"$T/orgs.csv"
fault_path "org import" "$FZ" org import "$T/orgs.csv"
fault_path "import CSV" "$FZ" import dispute "$T/rows.csv"
fault_path "import XLSX" "$FZ" import dispute "$T/rows.xlsx"
fault_path "add" "$FZ" add dispute org=$SFS case_no=泽调〔2024〕2号 category=婚姻家庭 \
  received=2024-07-01 parties=2 result=调解中
fault_path "update" "$FZ" update dispute 1 result=调解成功 agreement=书面 closed=2024-03-20 amount=99
fault_path "void" "$FZ" void dispute 2 --reason 重复登记

# Regressions. Reading the registers' signature when the database opens:
# a failure was taken for "no signature", the error left behind, and the
# command went on to succeed.
fresh
expect "a failed read of the register signature fails the command" 3 '注入的故障：第 2 次数据库调用' -- \
  env FZ_FAULT=db:2:reg_signature "$FZ" add dispute org=$SFS category=草场 received=2024-07-02 result=调解中
same "and changes nothing" "$(dump "$T/run.db")" "$BEFORE"
# The record read back after add (and update) for its answer: read after
# the commit, its failure reported as failed a write that was kept.
for nth in 1 2; do
  fresh
  expect "add: the read-back failing ($nth) fails the add" 3 "注入的故障：第 $nth 次数据库调用" -- \
    env "FZ_FAULT=db:$nth:FROM dispute WHERE id=?" "$FZ" add dispute org=$SFS category=草场 received=2024-07-02 result=调解中
  same "add: the read-back failing ($nth) leaves no record" "$(dump "$T/run.db")" "$BEFORE"
done

# ---- writes through the API ----
# The server's own startup and a request's calls are counted apart: the
# points tried are those of the request. Sessions are left out of the
# comparison (a request may note the session's last use). The server's
# temporary files (an upload) go to $T/tmp, to be seen removed.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
mkdir "$T/tmp"
# serve: the server on run.db (FZ_FAULT as the caller set it), once it listens.
serve() {
  TMPDIR="$T/tmp" "$FZ" serve --threads 1 --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
  SRV=$!
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
    kill -0 $SRV 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}
# stop: SIGTERM and its exit status (a server that died already has its own).
stop() { kill -TERM $SRV 2>/dev/null; { wait $SRV; } 2>/dev/null; }
trap 'kill $SRV 2>/dev/null; rm -rf "$T"' EXIT
# The requests: each prints the HTTP status, the body in $T/body.
api_create() {
  curl -s -o "$T/body" -w '%{http_code}' -b "$T/jar" -H "X-CSRF-Token: $CSRF" \
    -H 'Content-Type: application/json' \
    -d '{"org":"632323100000-SFS","case_no":"泽调〔2024〕3号","category":"草场","received":"2024-12-01","result":"调解中"}' \
    "$URL/api/r/dispute"
}
api_import() {
  curl -s -o "$T/body" -w '%{http_code}' -b "$T/jar" -H "X-CSRF-Token: $CSRF" \
    --data-binary @"$T/api.csv" "$URL/api/r/dispute/import?filename=api.csv"
}
# (the clerk's township only: the user's scope)
printf '%s\n' '机构,案号,纠纷类型,受理日期,当事人数,调解结果,结案日期' \
  "$SFS,泽调〔2024〕21号,邻里,2024-08-01,2,调解中," \
  "$SFS,泽调〔2024〕22号,草场,2024-08-02,3,调解成功,2024-08-20" \
  "$SFS,泽调〔2024〕23号,债务,2024-08-03,2,调解中," >"$T/api.csv"
counts() { sed -n 's/^fazhi: 故障注入计数：alloc \([0-9]*\)，db \([0-9]*\)$/\1 \2/p' "$T/serve.log"; }

# api_run KIND N REQUEST STATUS: one request to a server whose Nth call of
# KIND fails, and what it left. NPASS/NDONE as in one_run.
api_run() {
  local kind=$1 nth=$2 req=$3 want=$4 name="$LABEL, $1:$2" status
  fresh
  FZ_FAULT=$kind:$nth serve || { not_ok "$name: the server starts" "$(cat "$T/serve.log")"; return; }
  status=$($req)
  if [ "$status" = "$want" ]; then
    stop
    echo "# $name: succeeded although that call failed"
    if [ "$(masked "$T/run.db")" = "$DONE" ]; then NPASS=$((NPASS + 1)); else not_ok "$name: succeeded, so the change is all there"; fi
    return
  fi
  if [ $kind = db ]; then
    # the client hears why, and the server goes on serving
    if [ "$status" != 500 ] || ! grep -q "注入的故障：第 $nth 次数据库调用" "$T/body"; then
      not_ok "$name: a clear error (HTTP $status)" "$(head -c 300 "$T/body")"
      stop
      return
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$URL/api/r/dispute/1")" != 200 ]; then
      not_ok "$name: the server still serves"
      stop
      return
    fi
    stop || { not_ok "$name: the server stops cleanly" "$(tail -20 "$T/serve.log")"; return; }
    if [ -n "$(ls -A "$T/tmp")" ]; then
      not_ok "$name: no temporary file is left" "$(ls "$T/tmp")"
      return
    fi
  elif stop; then
    not_ok "$name: the server dies of the out-of-memory (HTTP $status)"
    return
  elif ! grep -q '内存不足' "$T/serve.log"; then
    not_ok "$name: the server dies of the out-of-memory" "$(tail -5 "$T/serve.log")"
    return
  fi
  rm -f "$T"/tmp/* # what a server that died left
  # a server that dies after its commit, while it answers, leaves it done
  ALLOW_DONE=$([ "$kind" = alloc ] && echo 1) after_failure "$name"
}

# fault_api LABEL REQUEST STATUS: as fault_path, for one request that
# answers STATUS without a fault.
fault_api() {
  local req=$2 want=$3 start total kind first last nth tried
  LABEL=$1
  fresh
  FZ_FAULT=count serve
  stop
  start=$(counts)
  fresh
  FZ_FAULT=count serve
  same "$LABEL without a fault" "$($req)" "$want"
  stop
  DONE=$(masked "$T/run.db")
  total=$(counts)
  for kind in alloc db; do
    if [ $kind = alloc ]; then first=${start% *} last=${total% *}; else first=${start#* } last=${total#* }; fi
    NPASS=0 NDONE=0 tried=0
    for nth in $(points $((last - first))); do
      api_run "$kind" $((first + nth)) "$req" "$want"
      tried=$((tried + 1))
    done
    same "$LABEL, $kind: every failing run left the database whole ($tried of $((last - first)) points)" "$NPASS" "$tried"
    [ "$NDONE" -gt 0 ] && echo "# $LABEL, $kind: $NDONE runs died after their commit, leaving the finished operation"
  done
  fresh
  FZ_FAULT=db:$((${total#* } + 1)) serve
  same "$LABEL, past the last call: it succeeds" "$($req)" "$want"
  stop
}

fresh
echo 'Clerk-Pass-2024' | "$FZ" user add zequ --role clerk --scope 632323100000 >/dev/null
serve
CSRF=$(curl -s -c "$T/jar" -H 'Content-Type: application/json' \
  -d '{"name":"zequ","password":"Clerk-Pass-2024"}' "$URL/api/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin).get("csrf",""))')
stop
same "the API: a session to write with" "${#CSRF}" 64
sqlite3 "$FAZHI_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$FAZHI_DB" "$T/base.db"
# the dump without the sessions, which a request may touch whatever else
# fails, and the data version such a touch stores
dump() { sqlite3 "$1" .dump | grep -v -e '^INSERT INTO app_session ' -e "^INSERT INTO fz_meta VALUES('data_version'"; }
BEFORE=$(dump "$T/base.db")

fault_api "API create" api_create 201
fault_api "API import" api_import 201

# Regression: a session lookup the database failed was a 401 (log in
# again) for a valid session; it is the server's fault, and says so.
fresh
FZ_FAULT=db:1:app_session serve
expect "a failed session lookup is a 500 with the database's message" 0 '"message":"注入的故障：第 1 次数据库调用".* 500$' -- \
  curl -s -w ' %{http_code}' -b "$T/jar" "$URL/api/r/dispute/1"
same "and the next request is served" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$URL/api/r/dispute/1")" 200
stop

tap_done
