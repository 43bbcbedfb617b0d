#!/usr/bin/env bash
# backup.sh — `fazhi backup` and `fazhi restore` end to end, as TAP: a
# backup taken while `fazhi serve` takes writes is one consistent snapshot
# (integrity check, audit chain, every record with its audit row), a
# restore gives back the same figures and exports, nothing is overwritten
# without --force, a restore over a running server's database is seen at
# once, and files that are not fazhi backups are refused clearly.
# Usage: backup.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-bak-XXXXXX")
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') # a port the kernel says is free
URL="http://127.0.0.1:$PORT"
. "$(dirname "$0")/tap.sh"
export FAZHI_DB="$T/live.db"
JSON="Content-Type: application/json"

"$FZ" demo --data "$ROOT/data" >/dev/null
echo 'Zeku-Admin-2024' | "$FZ" user passwd admin >/dev/null
"$FZ" serve --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
SRV=$!
trap 'kill $SRV ${WRITER:-} 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do curl -s "$URL/api/me" >/dev/null && break; sleep 0.1; done
CSRF=$(curl -s -c "$T/jar" -H "$JSON" -d '{"name":"admin","password":"Zeku-Admin-2024"}' \
  "$URL/api/login" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("csrf",""))')
same "signed in" "${#CSRF}" 64
BASE=$(sqlite3 "$FAZHI_DB" "SELECT max(id) FROM dispute")

# writes through the API until told to stop, one acknowledged id a line
writer() {
  local i=0
  while [ ! -e "$T/stop" ] && [ $i -lt 2000 ]; do
    i=$((i + 1))
    curl -s -o /dev/null -w '%{http_code}\n' -b "$T/jar" -H "X-CSRF-Token: $CSRF" -H "$JSON" \
      -d "{\"org\":\"632323100000-SFS\",\"category\":\"草场\",\"received\":\"2024-12-01\",\"result\":\"调解中\",\"parties\":$((i % 9 + 2))}" \
      "$URL/api/r/dispute"
  done >"$T/codes"
}
writer &
WRITER=$!
for _ in $(seq 100); do [ "$(grep -c 201 "$T/codes" 2>/dev/null)" -ge 20 ] && break; sleep 0.1; done
expect "a backup while the server takes writes" 0 '完整性检查通过' -- "$FZ" backup -o "$T/hot.db"
AT_BACKUP=$(grep -c 201 "$T/codes")
sleep 0.5
touch "$T/stop"
wait $WRITER
WRITER=
ACKED=$(grep -c 201 "$T/codes")
same "every write during the backup was acknowledged" "$(grep -vc 201 "$T/codes")" 0
check "writes went on after the backup" test "$ACKED" -gt "$AT_BACKUP"
same "the copy passes SQLite's integrity check" "$(sqlite3 "$T/hot.db" 'PRAGMA integrity_check')" ok
expect "the copy's audit chain verifies" 0 '审计日志完整' -- "$FZ" --db "$T/hot.db" audit verify
N_REC=$(sqlite3 "$T/hot.db" "SELECT count(*) FROM dispute WHERE id > $BASE")
N_AUD=$(sqlite3 "$T/hot.db" "SELECT count(*) FROM audit_log WHERE register='dispute' AND action='insert'")
check "the copy holds some of the writes" test "$N_REC" -gt 0
same "one snapshot: every copied record has its audit row and no more" "$N_AUD" "$N_REC"
check "the copy is one self-contained file (no -wal beside it)" test ! -e "$T/hot.db-wal"
cp "$T/hot.db" "$T/again.db"
expect "an existing backup file is not overwritten" 1 '已存在.*--force' -- "$FZ" backup -o "$T/again.db"
expect "unless --force" 0 '完整性检查通过' -- "$FZ" backup -o "$T/again.db" --force
expect "the backup file may not be the database itself" 2 '不能是数据库' -- "$FZ" backup -o "$FAZHI_DB"
expect "nor the same file under another name" 2 '就是要复制的数据库本身' -- "$FZ" backup -o "$T/./live.db" --force

# the round trip: a backup of the quiet database, restored into a new file
"$FZ" backup -o "$T/quiet.db" >/dev/null
expect "restore into a new database" 0 '已从 .*quiet.db 恢复' -- "$FZ" --db "$T/restored.db" restore "$T/quiet.db"
metrics() { "$FZ" --db "$1" metrics --org 632323000000 --year 2024 --json; }
same "the same figures (metrics --json)" "$(metrics "$T/restored.db" | md5sum)" "$(metrics "$FAZHI_DB" | md5sum)"
"$FZ" export dispute --format csv -o "$T/live.csv" >/dev/null
"$FZ" --db "$T/restored.db" export dispute --format csv -o "$T/restored.csv" >/dev/null
same "the same export" "$(md5sum <"$T/restored.csv")" "$(md5sum <"$T/live.csv")"
expect "the restored audit chain verifies" 0 '审计日志完整' -- "$FZ" --db "$T/restored.db" audit verify
expect "the restored database takes writes" 0 '新增' -- "$FZ" --db "$T/restored.db" add dispute org=632323100000-SFS category=草场 received=2024-12-02 result=调解中

# never overwrite without --force
BEFORE=$(md5sum <"$T/restored.db")
expect "restore refuses an existing database" 1 '已存在.*--force' -- "$FZ" --db "$T/restored.db" restore "$T/hot.db"
same "which is left as it was" "$(md5sum <"$T/restored.db")" "$BEFORE"
expect "with --force it is replaced" 0 '恢复' -- "$FZ" --db "$T/restored.db" restore "$T/hot.db" --force
same "by the backup's content" "$(sqlite3 "$T/restored.db" 'SELECT count(*) FROM dispute')" "$(sqlite3 "$T/hot.db" 'SELECT count(*) FROM dispute')"

# over the running server's database: one transaction, seen at once
total() { curl -s -b "$T/jar" "$URL/api/r/dispute?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
LIVE_TOTAL=$(total)
HOT_TOTAL=$("$FZ" --db "$T/hot.db" list dispute --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
check "the live database has more than the early backup ($LIVE_TOTAL > $HOT_TOTAL)" test "$LIVE_TOTAL" -gt "$HOT_TOTAL"
expect "restore --force over the server's database" 0 '恢复' -- "$FZ" restore "$T/hot.db" --force
same "the server answers from the restored data" "$(total)" "$HOT_TOTAL"
same "the server's database passes the integrity check" "$(sqlite3 -cmd '.timeout 5000' "$FAZHI_DB" 'PRAGMA integrity_check')" ok
check "the server is still up" kill -0 $SRV

# files that are not a fazhi backup
echo '这不是数据库' >"$T/text.db"
expect "a text file is refused" 3 '不是 fazhi 数据库' -- "$FZ" --db "$T/n1.db" restore "$T/text.db"
sqlite3 "$T/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
expect "another SQLite database is refused" 1 'SQLite 数据库，但不是 fazhi 数据库' -- "$FZ" --db "$T/n2.db" restore "$T/other.db"
head -c 40000 "$T/quiet.db" >"$T/cut.db"
expect "a cut-off backup is refused" 3 '损坏' -- "$FZ" --db "$T/n3.db" restore "$T/cut.db"
cp "$T/quiet.db" "$T/newer.db"
sqlite3 "$T/newer.db" "UPDATE fz_meta SET value='999' WHERE key='schema_version'"
expect "a backup from a newer fazhi is refused" 1 '更新版本的 fazhi' -- "$FZ" --db "$T/n4.db" restore "$T/newer.db"
expect "a missing file is named" 1 '备份文件 .*nope.db 不存在' -- "$FZ" --db "$T/n5.db" restore "$T/nope.db"
printf 'stale' >"$T/n6.db-wal"
expect "a log left by a deleted database is not replayed into the restore" 1 'n6.db-wal 是以前在此的数据库留下的日志' -- "$FZ" --db "$T/n6.db" restore "$T/quiet.db"
check "no refused restore left a database behind" test ! -e "$T/n1.db" -a ! -e "$T/n2.db" -a ! -e "$T/n3.db" -a ! -e "$T/n4.db" -a ! -e "$T/n5.db" -a ! -e "$T/n6.db"

# PostgreSQL: its own tools, named with the exact command
if [ -n "${FZ_TEST_PG:-}" ]; then
  PGDB="fz_bak_$$"
  psql -qAtX "$FZ_TEST_PG/postgres" -c "CREATE DATABASE \"$PGDB\"" >/dev/null
  "$FZ" --db "$FZ_TEST_PG/$PGDB" init >/dev/null
  expect "a PostgreSQL backup names pg_dump (exit 2)" 2 "pg_dump --format=custom --file='$T/pg.dump' '$FZ_TEST_PG/$PGDB'" -- "$FZ" --db "$FZ_TEST_PG/$PGDB" backup -o "$T/pg.dump"
  expect "and a restore names pg_restore" 2 'pg_restore' -- "$FZ" --db "$FZ_TEST_PG/$PGDB" restore "$T/quiet.db"
  psql -qAtX "$FZ_TEST_PG/postgres" -c "DROP DATABASE \"$PGDB\" WITH (FORCE)" >/dev/null
fi
tap_done
