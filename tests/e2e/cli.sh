#!/usr/bin/env bash
# cli.sh — end-to-end tests of the real fazhi binary, printed as TAP.
# Each case runs one command and checks its exit status and a fragment of its
# output; every failing case must also leave the database unchanged.
# On the PostgreSQL run (FZ_BACKEND=pg) the database is a new one in the
# test cluster, and the cases about SQLite's file itself are left out.
# Usage: cli.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-e2e-XXXXXX")
. "$(dirname "$0")/tap.sh"
trap 'db_drop_all; rm -rf "$T"' EXIT
export FAZHI_DB=$(new_db fazhi)

# The database's org rows, to prove a failing command changed nothing.
snapshot() { "$FZ" org list 2>&1 | md5sum; }

expect "help lists commands" 0 'org import' -- "$FZ" --help
expect "help names every command" 0 'init.*' -- "$FZ" help
expect "help for one command" 0 '用法：fazhi org list' -- "$FZ" help org list
expect "--help after a command" 0 '用法：fazhi org import' -- "$FZ" org import --help
expect "version" 0 'fazhi [0-9]+\.[0-9]+' -- "$FZ" version
expect "no command" 2 '缺少命令' -- "$FZ"
expect "unknown command" 2 '未知命令“frobnicate”' -- "$FZ" frobnicate
expect "unknown subcommand" 2 '可用的有：org import、org list' -- "$FZ" org nope
expect "unknown option" 2 '没有选项“--bogus”' -- "$FZ" org list --bogus
expect "unknown short option" 2 '未知选项“-x”' -- "$FZ" -x version
expect "missing argument" 2 '缺少参数' -- "$FZ" org import
expect "extra argument" 2 '参数过多' -- "$FZ" init extra
expect "missing value" 2 '需要一个值' -- "$FZ" org list --under
if ! on_pg; then # a file that is not there, or not a database
  expect "missing database" 1 '不存在.*fazhi init' -- "$FZ" org list
  [ ! -e "$FAZHI_DB" ] && echo "ok $((n += 1)) - missing database not created" ||
    { echo "not ok $((n += 1)) - missing database was created"; failed=$((failed + 1)); }

  printf 'not a database at all, just text that is long enough for a header.%.0s' {1..4} > "$T/junk.db"
  expect "not a database" 3 '不是 fazhi 数据库' -- "$FZ" --db "$T/junk.db" org list
  expect "a directory" 3 '是目录' -- "$FZ" --db "$T" org list
fi

# The latest schema version as this build reports it: 2 brought the audit log.
latest=$("$FZ" version | sed -n 's/.*（数据库结构版本 \([0-9]*\)）.*/\1/p')
expect "init creates" 0 "已就绪（结构版本 ${latest:-none}）" -- "$FZ" init
expect "init again is a no-op" 0 "已就绪（结构版本 ${latest:-none}）" -- "$FZ" init
if on_pg; then tables="SELECT tablename FROM pg_tables WHERE tablename='audit_log'"
else tables="SELECT name FROM sqlite_schema WHERE name='audit_log'"; fi
expect "init creates the audit log" 0 '^audit_log$' -- db_sql "$FAZHI_DB" "$tables"
expect "--db= form" 0 '已就绪' -- "$FZ" --db="$(new_db other)" init
expect "empty tree" 0 '没有组织机构' -- "$FZ" org list

expect "import demo tree" 0 '导入完成：新增 [0-9]+ 个机构' -- "$FZ" org import "$ROOT/data/org/zeku.csv"
expect "re-import is safe" 0 '新增 0 个机构，[0-9]+ 个已存在且相同' -- "$FZ" org import "$ROOT/data/org/zeku.csv"
expect "list shows the tree" 0 '^630000000000  省级行政区  青海省' -- "$FZ" org list
expect "list is indented" 0 '^      632323100000  乡级行政区  泽曲镇' -- "$FZ" org list
expect "list under a township" 0 '^632323100000  乡级行政区  泽曲镇' -- "$FZ" org list --under 632323100000
expect "list under excludes others" 1 '^0$' -- bash -c "'$FZ' org list --under 632323100000 | grep -c 麦秀镇"
expect "list under an unknown org" 1 '组织机构“632399000000”不存在' -- "$FZ" org list --under 632399000000
expect "list json" 0 '"kind_label": "司法所"' -- "$FZ" org list --json --under 632323100000-SFS
expect "21 enforcement units" 0 '^21$' -- bash -c "'$FZ' org list | grep -c '行政执法单位'"

before=$(snapshot)
printf '编码,上级,类型,名称\n632323104000,632323000000,township,新镇\n632323104000,632323000000,township,新镇\n' > "$T/dup.csv"
expect "duplicate code" 1 '第3行.*重复：与第2行相同' -- "$FZ" org import "$T/dup.csv"
printf '编码,上级,类型,名称\n632323105000,632323999000,township,无上级镇\n' > "$T/noparent.csv"
expect "missing parent" 1 '第2行.*上级“632323999000”不存在' -- "$FZ" org import "$T/noparent.csv"
printf '编码,上级,类型,名称\n6323231060,632323000000,township,短码镇\n' > "$T/badcode.csv"
expect "invalid code" 1 '第2行.*不是12位统计用区划代码' -- "$FZ" org import "$T/badcode.csv"
printf '编码,上级,类型,名称\n632323107000,632323000000,township,\xff\xfe镇\n' > "$T/badutf8.csv"
expect "invalid UTF-8" 1 '编码无法识别' -- "$FZ" org import "$T/badutf8.csv"
: > "$T/empty.csv"
expect "empty file" 1 '是空的' -- "$FZ" org import "$T/empty.csv"
expect "unreadable file" 3 'nope.csv' -- "$FZ" org import "$T/nope.csv"
printf '编码,上级,类型,名称\n632323108000,632323000000,township,好镇\n632323109000,632323000000,township,\n' > "$T/half.csv"
expect "one bad row imports nothing" 1 '未导入任何数据' -- "$FZ" org import "$T/half.csv"
printf '编码,上级,类型,名称\n632323110000,632323000000,township,试镇\n' > "$T/ok.csv"
expect "dry run writes nothing" 0 '检查通过（未写入）：新增 1 个机构' -- "$FZ" org import --dry-run "$T/ok.csv"
after=$(snapshot)
n=$((n + 1))
if [ "$before" = "$after" ]; then echo "ok $n - failed imports changed nothing"; else
  echo "not ok $n - failed imports changed the database"; failed=$((failed + 1)); fi

expect "user add reads the password from stdin" 0 '已添加用户 admin' -- bash -c "echo 'Zeku-Admin-2024' | '$FZ' user add admin --role admin --scope 632323000000 --display 管理员"
expect "a weak password is refused" 1 '至少需要10个字符' -- bash -c "echo short | '$FZ' user add clerk --role clerk --scope 632323100000"
expect "an unknown role is refused" 1 '角色“boss”无效' -- bash -c "echo 'Clerk-Pass-2024' | '$FZ' user add clerk --role boss --scope 632323100000"
expect "user list" 0 'admin +管理员 +系统管理员 +632323000000' -- "$FZ" user list
expect "no password in the database's audit log" 0 '^0$' -- db_sql "$FAZHI_DB" "SELECT count(*) FROM audit_log WHERE after_json LIKE '%argon2%' OR after_json LIKE '%Zeku-Admin%'"
expect "user disable" 0 '已停用用户 admin' -- "$FZ" user disable admin

db_sql "$FAZHI_DB" "UPDATE fz_meta SET value='99' WHERE key='schema_version'"
expect "newer schema refused" 1 '结构版本为 99.*升级 fazhi' -- "$FZ" org list
[ "$(db_sql "$FAZHI_DB" "SELECT value FROM fz_meta WHERE key='schema_version'")" = 99 ] &&
  echo "ok $((n += 1)) - newer database left untouched" ||
  { echo "not ok $((n += 1)) - newer database was changed"; failed=$((failed + 1)); }

tap_done
