#!/usr/bin/env bash
# migrate.sh — `fazhi migrate` end to end, as TAP: the demo county (with an
# approved report) from its SQLite file into another database (PostgreSQL
# on the -pg run) and back into a new SQLite file gives the same records of
# every register, the same figures and report, and audit chains that
# verify; re-running is a no-op; a second history of the same county is
# refused (nothing changes) unless --replace; a broken source chain and an
# unreachable server are refused clearly.
# Usage: migrate.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-migrate-XXXXXX")
. "$(dirname "$0")/tap.sh"
trap 'db_drop_all; rm -rf "$T"' EXIT
unset FAZHI_DB
S1="$T/county.db"
S3="$T/back.db"
M=$(new_db shared)

"$FZ" --db "$S1" demo --data "$ROOT/data" >/dev/null
"$FZ" --db "$S1" report approve --org 632323000000 --year 2024 >/dev/null
"$FZ" --db "$S1" void dispute 3 --reason 重复录入 >/dev/null
printf 'region,year,kind,from,to,name\nCN,2027,year,,,\nCN,2027,holiday,2027-01-01,2027-01-03,元旦\n' > "$T/cal.csv"
"$FZ" --db "$S1" calendar import "$T/cal.csv" >/dev/null
expect "migrate the county out of its file" 0 '已迁移机构 632323000000：5074 条记录、27 个导入批次、6 个用户、1 份审定快照' -- \
  "$FZ" migrate --from "$S1" --to "$M"
same "its holiday calendar went along" "$(db_sql "$M" "SELECT name, loaded_at FROM calendar_file")" \
  "$(db_sql "$S1" "SELECT name, loaded_at FROM calendar_file")"
if "$FZ" --db "$M" due --today 2024-12-20 | grep -q '2027 年的节假日安排尚未导入'; then
  not_ok "the target's deadlines use it"; else ok "the target's deadlines use it"; fi
expect "the target's audit chain verifies" 0 '审计日志完整' -- "$FZ" --db "$M" audit verify
expect "re-running changes nothing" 0 '已经迁移过，未作任何更改' -- "$FZ" migrate --from "$S1" --to "$M"
N0=$(db_sql "$M" "SELECT count(*) FROM audit_log")
"$FZ" --db "$T/other.db" demo --data "$ROOT/data" >/dev/null
expect "another history of the same county is refused" 1 '已有机构 632323000000 的 [0-9]+ 条记录，未作任何更改；.*--replace' -- \
  "$FZ" migrate --from "$T/other.db" --to "$M"
same "and nothing was written" "$(db_sql "$M" "SELECT count(*) FROM audit_log")" "$N0"
printf 'region,year,kind,from,to,name\nCN,2027,year,,,\nCN,2027,workday,2027-01-02,2027-01-02,调休\n' > "$T/cal2.csv"
"$FZ" --db "$T/other.db" calendar import "$T/cal2.csv" >/dev/null
expect "a holiday calendar at odds with the target's is refused" 1 '节假日安排与目标数据库已有的不一致，未作任何更改' -- \
  "$FZ" migrate --from "$T/other.db" --to "$M" --replace
same "and nothing was written either" "$(db_sql "$M" "SELECT count(*) FROM audit_log")/$(db_sql "$M" "SELECT count(*) FROM calendar_file")" "$N0/1"
db_sql "$T/other.db" "DELETE FROM calendar_file"
expect "migrate back into a new SQLite file" 0 '已迁移机构 632323000000：5074 条记录' -- "$FZ" migrate --from "$M" --to "$S3"
expect "whose audit chain verifies" 0 '审计日志完整' -- "$FZ" --db "$S3" audit verify
same "and which has the calendar once" "$(db_sql "$S3" "SELECT count(*) FROM calendar_file")" 1

# the round trip keeps every register's records (voided ones too)
for r in activity aid_case aid_document cleanup_campaign cleanup_item consultation culture_site \
  decision dispute enf_case enf_event exam literate_class literate_trainee litigation \
  media_episode meeting normdoc_review officer policy_doc progress_update reconsideration \
  report screening task training training_attendance; do
  "$FZ" --db "$S1" export "$r" --voided --format csv -o "$T/a.csv" >/dev/null
  "$FZ" --db "$S3" export "$r" --voided --format csv -o "$T/b.csv" >/dev/null
  cmp -s "$T/a.csv" "$T/b.csv" || not_ok "the round trip keeps $r" "$(diff "$T/a.csv" "$T/b.csv" | head -3)"
done
ok "the round trip keeps every register's records"
"$FZ" --db "$S1" metrics --org 632323000000 --year 2024 --json > "$T/m1.json"
"$FZ" --db "$M" metrics --org 632323000000 --year 2024 --json > "$T/m2.json"
"$FZ" --db "$S3" metrics --org 632323000000 --year 2024 --json > "$T/m3.json"
check "the shared database gives the same figures" cmp "$T/m1.json" "$T/m2.json"
check "and so does the file it came back into" cmp "$T/m1.json" "$T/m3.json"
"$FZ" --db "$S1" report --org 632323000000 --year 2024 --format md -o "$T/r1.md" >/dev/null
"$FZ" --db "$S3" report --org 632323000000 --year 2024 --format md -o "$T/r3.md" >/dev/null
check "and the same report" cmp "$T/r1.md" "$T/r3.md"
expect "the approved snapshot came along" 0 '所有数字均未变化' -- "$FZ" --db "$S3" report diff --org 632323000000 --year 2024
expect "the voided record stays voided" 0 '作废' -- "$FZ" --db "$S3" get dispute 3
expect "provenance came along" 0 '来源：文件 dispute.csv第 6 行' -- "$FZ" --db "$S3" get dispute 5
Q="SELECT at, actor, register, action, before_json, after_json, reason FROM audit_log ORDER BY id"
N1=$(db_sql "$S1" "SELECT count(*) FROM audit_log")
same "the log keeps every entry's time, actor, action and contents" \
  "$(db_sql "$S3" "$Q LIMIT $N1" | md5sum)" "$(db_sql "$S1" "$Q" | md5sum)"
expect "and ends with where it came from" 0 '"from":"postgresql://|"from":"/' -- \
  db_sql "$S3" "SELECT after_json FROM audit_log WHERE action = 'migrate' ORDER BY id DESC LIMIT 1"

# --replace: the other history takes the county's place, chain intact
expect "--replace takes the other history" 0 '已迁移机构 632323000000：5074 条记录' -- \
  "$FZ" migrate --from "$T/other.db" --to "$M" --replace
expect "the chain still verifies" 0 '审计日志完整' -- "$FZ" --db "$M" audit verify
same "one copy of the county's records" "$(db_sql "$M" "SELECT count(*) FROM dispute")" \
  "$(db_sql "$S1" "SELECT count(*) FROM dispute")"

# refused: a broken source chain, an unreachable server, the same database
cp "$S1" "$T/broken.db"
db_sql "$T/broken.db" "UPDATE audit_log SET actor = 'x' WHERE id = 2" >/dev/null
expect "a source whose chain is broken is refused" 1 '源数据库的审计日志在第 2 条处断开' -- \
  "$FZ" migrate --from "$T/broken.db" --to "$T/new.db"
expect "an unreachable server is a clear error" 3 '无法连接 PostgreSQL 数据库' -- \
  "$FZ" migrate --from "$S1" --to "postgresql://fazhi@127.0.0.1:1/none"
expect "source and target must differ" 2 '相同' -- "$FZ" migrate --from "$S1" --to "$S1"
tap_done
