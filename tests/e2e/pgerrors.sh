#!/usr/bin/env bash
# pgerrors.sh — what goes wrong with a PostgreSQL database, as TAP (the
# PostgreSQL run only): an unreachable server, an unknown user, a database
# of a newer schema, and a connection killed in the middle of an import —
# each a clear error, and nothing half-written.
# Usage: pgerrors.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-pgerr-XXXXXX")
. "$(dirname "$0")/tap.sh"
trap 'db_drop_all; rm -rf "$T"' EXIT
if [ "${FZ_BACKEND:-sqlite}" != pg ]; then
  echo "1..0 # SKIP PostgreSQL only"
  exit 0
fi
HOSTPORT=${FZ_TEST_PG#postgresql://fazhi@}

expect "an unreachable server is a clear error" 3 '无法连接 PostgreSQL 数据库.*Connection refused' -- \
  "$FZ" --db "postgresql://fazhi@127.0.0.1:1/none" list dispute
expect "an unknown user is a clear error" 3 '无法连接 PostgreSQL 数据库.*"nobody"' -- \
  "$FZ" --db "postgresql://nobody@$HOSTPORT/postgres" list dispute
expect "a password in the URL is never shown" 3 '无法连接' -- \
  bash -c "'$FZ' --db 'postgresql://nobody:s3cret-pw@$HOSTPORT/postgres' list dispute 2>&1 | grep -v s3cret-pw; exit 3"

DB=$(new_db errors)
"$FZ" --db "$DB" init >/dev/null
"$FZ" --db "$DB" org import "$ROOT/data/org/zeku.csv" >/dev/null
db_sql "$DB" "UPDATE fz_meta SET value = '99' WHERE key = 'schema_version'" >/dev/null
expect "a database of a newer schema is refused" 1 '结构版本为 99.*升级 fazhi' -- "$FZ" --db "$DB" org list
same "and left untouched" "$(db_sql "$DB" "SELECT value FROM fz_meta WHERE key = 'schema_version'")" 99
db_sql "$DB" "UPDATE fz_meta SET value = '$("$FZ" version | sed -n 's/.*数据库结构版本 \([0-9]*\).*/\1/p')' WHERE key = 'schema_version'" >/dev/null

# a connection killed in the middle of an import: all or nothing
python3 "$ROOT/bench/gen_disputes.py" 100000 "$T/big.csv"
python3 "$ROOT/bench/gen_disputes.py" 100 "$T/small.csv"
HEAD0=$(db_sql "$DB" "SELECT value FROM fz_meta WHERE key = 'audit_head'")
"$FZ" --db "$DB" import dispute "$T/big.csv" >"$T/import.out" 2>&1 &
IMP=$!
for _ in $(seq 100); do # until its inserts are under way
  [ "$(db_sql "$DB" "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' OR (datname = current_database() AND query LIKE 'INSERT INTO dispute%')")" -gt 0 ] && break
  sleep 0.1
done
db_sql "$DB" "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null
wait $IMP
same "the killed import fails" "$?" 3
expect "saying the connection broke" 0 '连接中断|connection' -- cat "$T/import.out"
same "and nothing was imported" "$(db_sql "$DB" "SELECT count(*) FROM dispute")" 0
same "no batch was recorded" "$(db_sql "$DB" "SELECT count(*) FROM import_batch")" 0
same "the audit head is where it was" "$(db_sql "$DB" "SELECT value FROM fz_meta WHERE key = 'audit_head'")" "$HEAD0"
expect "the audit chain verifies" 0 '审计日志完整' -- "$FZ" --db "$DB" audit verify
expect "and the database takes the next import" 0 '导入完成：100 条矛盾纠纷记录' -- "$FZ" --db "$DB" import dispute "$T/small.csv"
tap_done
