#!/usr/bin/env bash
# registers.sh — end-to-end tests of the register commands of the real fazhi
# binary (fields, add, get, list, update, void, history, import, export,
# audit verify), printed as TAP. Each case runs one command and checks its
# exit status and a fragment of its output; every failing write must leave
# the register unchanged.
# The same on PostgreSQL when FZ_BACKEND=pg (each database a new one in
# the test cluster).
# Usage: registers.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-e2e-XXXXXX")
. "$(dirname "$0")/tap.sh"
trap 'db_drop_all; rm -rf "$T"' EXIT
export FAZHI_DB=$(new_db fazhi)
export FAZHI_USER=e2e


# The register as JSON, voided records included: proves a failing command
# changed nothing.
snapshot() { "$FZ" list dispute --voided --json 2>&1 | md5sum; }
# The live records of database $1 as JSON, without what differs between
# databases (ids, who and when).
content() {
  "$FZ" --db "$1" list dispute --json |
    grep -Ev '^      "(id|created_at|created_by|updated_at|updated_by|batch|batch_row)"'
}

SFS=632323100000-SFS # 泽曲镇司法所

expect "init" 0 '已就绪' -- "$FZ" init
expect "org import" 0 '导入完成：新增 [0-9]+ 个机构' -- "$FZ" org import "$ROOT/data/org/zeku.csv"

# ---- fields ----
expect "fields lists the register" 0 '矛盾纠纷（dispute）的字段' -- "$FZ" fields dispute
expect "fields by Chinese name" 0 '矛盾纠纷（dispute）的字段' -- "$FZ" fields 矛盾纠纷
expect "fields shows enum choices" 0 'category +纠纷类型  选项（必填）：family=婚姻家庭、neighbour=邻里、grassland=草场' -- "$FZ" fields dispute
expect "fields shows unique" 0 'case_no +案号  文本（同一机构内不重复）' -- "$FZ" fields dispute
expect "fields of an unknown register" 2 '没有名为“nope”的登记簿' -- "$FZ" fields nope

# ---- add ----
expect "add" 0 '^已新增矛盾纠纷第 1 号记录$' -- "$FZ" add dispute org=$SFS case_no=泽调〔2024〕1号 \
  纠纷类型=草场 received=2024-03-05 parties=2 'summary=两户, "草场"边界' amount=1234.5 \
  result=调解成功 agreement=书面 closed=2024/3/20
before=$(snapshot)
expect "add a bad value names the field" 1 '值“2024-02-30”：受理日期：日期“2024-02-30”不存在' -- \
  "$FZ" add dispute org=$SFS category=草场 received=2024-02-30 result=调解中
expect "add a bad enum lists the choices" 1 '纠纷类型：“吵架”不是可选的值；可选：婚姻家庭（family）' -- \
  "$FZ" add dispute org=$SFS category=吵架 received=2024-03-05 result=调解中
expect "add an unknown field" 1 '列“bogus”，值“1”：矛盾纠纷没有字段“bogus”' -- \
  "$FZ" add dispute org=$SFS category=草场 received=2024-03-05 result=调解中 bogus=1
expect "add without =" 1 '值“草场”：参数应为 字段=值 的形式' -- \
  "$FZ" add dispute org=$SFS 草场 received=2024-03-05 result=调解中
expect "add lists every bad word" 1 '有 3 个字段的值不正确，未保存' -- \
  "$FZ" add dispute org=$SFS category=x received=y result=调解中 z
expect "add without a required field" 1 '缺少必填字段“纠纷类型”（category）' -- \
  "$FZ" add dispute org=$SFS received=2024-03-05 result=调解中
expect "add breaking a rule" 1 '调解中的纠纷不应有结案日期' -- \
  "$FZ" add dispute org=$SFS category=草场 received=2024-03-05 result=调解中 closed=2024-03-06
expect "add dates out of order" 1 '结案日期（2024-03-01）早于受理日期（2024-03-05）' -- \
  "$FZ" add dispute org=$SFS category=草场 received=2024-03-05 result=终止 closed=2024-03-01
expect "add to an unknown org" 1 '机构“632399999999”不存在' -- \
  "$FZ" add dispute org=632399999999 category=草场 received=2024-03-05 result=调解中
expect "add a duplicate case number" 1 '案号“泽调〔2024〕1号”在本机构已被第 1 号记录使用' -- \
  "$FZ" add dispute org=$SFS case_no=泽调〔2024〕1号 category=草场 received=2024-03-05 result=调解中
expect "add to an unknown register" 2 '没有名为“nope”的登记簿' -- "$FZ" add nope a=1
same "failed adds wrote nothing" "$(snapshot)" "$before"
same "failed adds left one record" "$(db_sql "$FAZHI_DB" 'SELECT count(*) FROM dispute')" 1
expect "add --json" 0 '"org": "632323101000-SFS"' -- "$FZ" add dispute --json org=麦秀镇司法所 \
  case_no=麦调〔2024〕1号 category=neighbour received=2024-04-01 result=调解中
expect "add by org name" 0 '已新增矛盾纠纷第 3 号记录' -- "$FZ" add dispute org=和日镇司法所 \
  case_no=和调〔2024〕1号 category=草场 received=2024-05-10 result=调解不成 closed=2024-06-01
expect "add at a village" 0 '已新增矛盾纠纷第 4 号记录' -- "$FZ" add dispute org=632323100001 \
  category=债务 received=2024-02-01 result=调解中 summary=借款及草场租金

# ---- get ----
expect "get shows labels" 0 '^  纠纷类型：草场$' -- "$FZ" get dispute 1
expect "get shows money in yuan" 0 '^  涉及金额：1234.50$' -- "$FZ" get dispute 1
expect "get shows the date as ISO" 0 '^  结案日期：2024-03-20$' -- "$FZ" get dispute 1
expect "get shows who" 0 '创建：[0-9T:-]+Z e2e' -- "$FZ" get dispute 1
expect "get --json has codes" 0 '"category": "grassland"' -- "$FZ" get dispute 1 --json
expect "get --json has money as text" 0 '"amount": "1234.50"' -- "$FZ" get dispute 1 --json
expect "get --json keeps quotes" 0 '"summary": "两户, \\"草场\\"边界"' -- "$FZ" get dispute 1 --json
expect "get --json integer" 0 '"parties": 2,' -- "$FZ" get dispute 1 --json
expect "get a missing record" 1 '矛盾纠纷第 99 号记录不存在' -- "$FZ" get dispute 99
expect "get a bad id" 2 '记录编号“abc”应为正整数' -- "$FZ" get dispute abc
expect "get without an id" 2 '缺少参数' -- "$FZ" get dispute

# ---- list ----
expect "list all" 0 '（共 4 条）' -- "$FZ" list dispute
expect "list filter by Chinese enum label" 0 '"total": 2' -- "$FZ" list dispute 纠纷类型=草场 --json
expect "list filter by label excludes others" 1 '^0$' -- bash -c "'$FZ' list dispute category=草场 | grep -c 麦调"
expect "list filter by code" 0 '^2	632323101000-SFS	麦调' -- "$FZ" list dispute category=neighbour
expect "list filter with a bad value" 1 '筛选条件纠纷类型' -- "$FZ" list dispute category=吵架
expect "list filter on an unknown field" 2 '矛盾纠纷没有字段“nope”' -- "$FZ" list dispute nope=1
expect "list filter without =" 2 '应为 字段=值' -- "$FZ" list dispute 草场
expect "list --org subtree" 0 '"total": 2' -- "$FZ" list dispute --org 632323100000 --json
expect "list --org subtree has the village" 0 '^4	632323100001	' -- "$FZ" list dispute --org 632323100000
expect "list --org excludes others" 1 '^0$' -- bash -c "'$FZ' list dispute --org 632323100000 | grep -c 632323102000"
expect "list --from/--to" 0 '"total": 2' -- "$FZ" list dispute --from 2024-03-01 --to 2024-04-30 --json
expect "list --from/--to in Chinese form" 0 '（共 2 条）' -- "$FZ" list dispute --from 2024年3月1日 --to 2024年4月30日
expect "list --from bad date" 2 '--from' -- "$FZ" list dispute --from 2024-13-01
expect "list --search" 0 '"total": 2' -- "$FZ" list dispute --search 草场 --json
expect "list --search case number" 0 '^3	632323102000-SFS	和调' -- "$FZ" list dispute --search 和调
expect "list --sort -received" 0 '^3	' -- bash -c "'$FZ' list dispute --sort -received | head -1"
expect "list --sort received" 0 '^4	' -- bash -c "'$FZ' list dispute --sort received | head -1"
expect "list --sort unknown" 2 '无法按“nope”排序' -- "$FZ" list dispute --sort nope
expect "list --limit/--offset total" 0 '"total": 4' -- "$FZ" list dispute --limit 2 --offset 1 --json
expect "list --limit/--offset page" 0 '^2$' -- bash -c "'$FZ' list dispute --limit 2 --offset 1 --json | grep -c '^      \"id\": [23],'"
expect "list --limit/--offset page size" 0 '^2$' -- bash -c "'$FZ' list dispute --limit 2 --offset 1 --json | grep -c '^      \"id\"'"
expect "list --limit bad" 2 '--limit 应为非负整数' -- "$FZ" list dispute --limit=-1
expect "list --json items" 0 '"items": \[' -- "$FZ" list dispute --json

# ---- update, void ----
before=$(snapshot)
expect "update a bad value" 1 '当事人数：“两”不是整数' -- "$FZ" update dispute 2 parties=两
expect "update breaking a rule" 1 '调解已有结果（调解成功），请填写结案日期' -- "$FZ" update dispute 2 result=调解成功
expect "update a missing record" 1 '第 99 号记录不存在' -- "$FZ" update dispute 99 parties=2
expect "update without fields" 2 '缺少参数' -- "$FZ" update dispute 2
same "failed updates changed nothing" "$(snapshot)" "$before"
expect "update" 0 '^已修改矛盾纠纷第 2 号记录$' -- "$FZ" update dispute 2 result=调解成功 agreement=口头 closed=2024-04-10
expect "update is stored" 0 '^  协议形式：口头$' -- "$FZ" get dispute 2
expect "update --json" 0 '"parties": 5' -- "$FZ" update dispute 2 parties=5 --json
before=$(snapshot)
expect "void without a reason" 1 '作废记录必须填写原因' -- "$FZ" void dispute 4
expect "void with an empty reason" 1 '作废记录必须填写原因' -- "$FZ" void dispute 4 --reason ' '
expect "void --reason without a value" 2 '需要一个值' -- "$FZ" void dispute 4 --reason
same "failed voids changed nothing" "$(snapshot)" "$before"
expect "void" 0 '^已作废矛盾纠纷第 4 号记录$' -- "$FZ" void dispute 4 --reason 重复登记
expect "update a voided record" 1 '矛盾纠纷第 4 号记录已作废，不能再修改' -- "$FZ" update dispute 4 parties=3
expect "void a voided record" 1 '已作废' -- "$FZ" void dispute 4 --reason 再次
expect "get shows voided" 0 '作废原因：重复登记' -- "$FZ" get dispute 4
expect "list leaves voided out" 0 '（共 3 条）' -- "$FZ" list dispute
expect "list --voided" 0 '^4	.*（已作废）$' -- "$FZ" list dispute --voided

# ---- history ----
expect "history shows the insert" 0 '^#[0-9]+  [0-9T:-]+Z  e2e  insert$' -- "$FZ" history dispute 2
expect "history shows the update" 0 '^#[0-9]+  [0-9T:-]+Z  e2e  update$' -- "$FZ" history dispute 2
expect "history update has the new value" 0 '"parties":5' -- "$FZ" history dispute 2
expect "history shows the void and why" 0 '^#[0-9]+  [0-9T:-]+Z  e2e  void  原因：重复登记$' -- "$FZ" history dispute 4
expect "history in order" 0 '^insert,update,update,$' -- bash -c "'$FZ' history dispute 2 | sed -n 's/^#[0-9]*  [^ ]*  e2e  \([a-z]*\).*/\1/p' | tr '\n' ,"
expect "history of a missing record" 1 '第 99 号记录不存在' -- "$FZ" history dispute 99

# ---- import ----
printf '%s\n' '机构,案号,纠纷类型,受理日期,当事人数,纠纷简要情况,涉及金额,调解结果,协议形式,结案日期' \
  "$SFS,泽调〔2024〕11号,邻里,2024-06-01,2,\"噪音, 夜间\",,调解中,," \
  '麦秀镇司法所,麦调〔2024〕11号,land,2024/6/2,3,地界,"1,000",调解成功,书面,2024-06-20' >"$T/u8.csv"
expect "import CSV" 0 '导入完成：2 条矛盾纠纷记录（UTF-8，批次 1）' -- "$FZ" import dispute "$T/u8.csv"
expect "imported values" 0 '^  涉及金额：1000.00$' -- "$FZ" get dispute 6
expect "imported text with a comma" 0 '"summary": "噪音, 夜间"' -- "$FZ" get dispute 5 --json
expect "get shows where an import came from" 0 '^  来源：文件 u8.csv第 3 行，由 e2e 于 [0-9T:-]+Z 导入（批次 1）$' -- "$FZ" get dispute 6
expect "get --json has the batch and row" 0 '"batch": 1,.*"batch_row": 3,' -- bash -c "'$FZ' get dispute 6 --json | tr -d '\n'"
expect "a record entered by hand has no source" 1 '^0$' -- bash -c "'$FZ' get dispute 1 | grep -c 来源"
printf '%s\n' '案号,org,category,received,result' "泽调〔2024〕12号,$SFS,婚姻家庭,2024-06-03,调解中" |
  iconv -f UTF-8 -t GB18030 >"$T/gb.csv"
check "the GB18030 file is not UTF-8" bash -c "! iconv -f UTF-8 -t UTF-8 '$T/gb.csv' >/dev/null 2>&1"
expect "import GB18030" 0 '导入完成：1 条矛盾纠纷记录（GB18030，批次 2）' -- "$FZ" import dispute "$T/gb.csv"
expect "GB18030 text arrives as UTF-8" 0 '^  纠纷类型：婚姻家庭$' -- "$FZ" get dispute 7
before=$(snapshot)
printf '%s\n' '机构,纠纷类型,受理日期,调解结果' "$SFS,草场,2024-06-05,调解中" "$SFS,土地,2024-06-06,调解中" >"$T/dry.csv"
expect "import --dry-run CSV" 0 '^检查通过（未写入）：2 条矛盾纠纷记录可以导入（UTF-8）$' -- "$FZ" import dispute --dry-run "$T/dry.csv"
same "a dry run changes nothing" "$(snapshot)" "$before"

# An XLSX made by fazhi from another database.
O=$(new_db other)
expect "other: init" 0 '已就绪' -- "$FZ" --db "$O" init
expect "other: org import" 0 '导入完成' -- "$FZ" --db "$O" org import "$ROOT/data/org/zeku.csv"
expect "other: add" 0 '已新增' -- "$FZ" --db "$O" add dispute org=$SFS case_no=泽调〔2024〕21号 \
  category=草场 received=2024-07-01 parties=4 'summary=第一行
第二行，"引号"' amount=0.5 result=调解成功 agreement=口头 closed=2024-07-15
expect "other: add" 0 '已新增' -- "$FZ" --db "$O" add dispute org=宁秀镇司法所 category=其他 \
  received=2024-07-02 result=调解中
expect "export xlsx" 0 '已导出 2 条矛盾纠纷记录到 .*other.xlsx' -- "$FZ" --db "$O" export dispute --format xlsx -o "$T/other.xlsx"
check "the export is a zip" bash -c "[ \"\$(head -c 4 '$T/other.xlsx' | od -An -c | tr -d ' ')\" = 'PK003004' ]"
check "the export has a frozen header" bash -c "unzip -p '$T/other.xlsx' xl/worksheets/sheet1.xml | grep -q 'ySplit=\"1\"'"
check "the export has column widths" bash -c "unzip -p '$T/other.xlsx' xl/worksheets/sheet1.xml | grep -q '<col '"
expect "import --dry-run XLSX" 0 '检查通过（未写入）：2 条矛盾纠纷记录可以导入（XLSX）' -- "$FZ" import dispute --dry-run "$T/other.xlsx"
expect "dry run wrote nothing" 0 '（共 6 条）' -- "$FZ" list dispute
expect "import XLSX" 0 '导入完成：2 条矛盾纠纷记录（XLSX，批次 3）' -- "$FZ" import dispute "$T/other.xlsx"
expect "imported from XLSX" 0 '"summary": "第一行\\n第二行，\\"引号\\""' -- "$FZ" get dispute 8 --json
expect "imported money from XLSX" 0 '"amount": "0.50"' -- "$FZ" get dispute 8 --json
expect "an XLSX source names the sheet" 0 '^  来源：文件 other.xlsx（工作表 矛盾纠纷）第 2 行，由 e2e 于 .*（批次 3）$' -- "$FZ" get dispute 8
THIRD=$(new_db third)
"$FZ" --db "$THIRD" init >/dev/null 2>&1
"$FZ" --db "$THIRD" org import "$ROOT/data/org/zeku.csv" >/dev/null 2>&1
expect "import --sheet by name" 0 '导入完成：2 条矛盾纠纷记录（XLSX，批次 1）' -- "$FZ" --db "$THIRD" import dispute --sheet 矛盾纠纷 "$T/other.xlsx"
same "XLSX round trip keeps every value" "$(content "$THIRD")" "$(content "$O")"
expect "import --sheet unknown" 1 '工作表“nope”不存在；本文件的工作表：矛盾纠纷' -- "$FZ" import dispute --sheet nope "$T/other.xlsx"
expect "import --sheet with a CSV" 2 '--sheet 只适用于 XLSX 文件' -- "$FZ" import dispute --sheet x "$T/u8.csv"

# Failing imports: every bad row listed, nothing changed.
before=$(snapshot)
printf '%s\n' '机构,案号,纠纷类型,受理日期,当事人数,调解结果,结案日期' \
  "$SFS,泽调〔2024〕31号,草场,2024-03-05,2,调解中," \
  "$SFS,泽调〔2024〕32号,草场,2024-03-05,两,调解中," \
  "$SFS,泽调〔2024〕33号,吵架,2023-02-29,2,调解中," \
  "632399999999,泽调〔2024〕34号,草场,2024-03-05,2,调解中," \
  "$SFS,泽调〔2024〕1号,草场,2024-03-05,2,调解中," \
  "$SFS,泽调〔2024〕31号,草场,2024-03-05,2,调解中," >"$T/bad.csv"
expect "a bad import fails" 1 '导入失败：发现 6 处错误，未导入任何数据' -- "$FZ" import dispute "$T/bad.csv"
expect "a bad import lists a wrong type" 1 '第3行，值“两”：当事人数：“两”不是整数' -- "$FZ" import dispute "$T/bad.csv"
expect "a bad import lists a bad date" 1 '第4行，值“2023-02-29”：受理日期：日期“2023-02-29”不存在' -- "$FZ" import dispute "$T/bad.csv"
expect "a bad import lists a bad enum" 1 '第4行，值“吵架”：纠纷类型' -- "$FZ" import dispute "$T/bad.csv"
expect "a bad import lists a missing org" 1 '第5行，值“632399999999”：机构：机构“632399999999”不存在' -- "$FZ" import dispute "$T/bad.csv"
expect "a bad import lists a duplicate of a record" 1 '第6行，值“泽调〔2024〕1号”：案号“泽调〔2024〕1号”在本机构已被第 1 号记录使用' -- "$FZ" import dispute "$T/bad.csv"
expect "a bad import lists a duplicate in the file" 1 '第7行，值“泽调〔2024〕31号”：案号“泽调〔2024〕31号”重复：与第2行相同' -- "$FZ" import dispute "$T/bad.csv"
expect "a bad import lists rows in order" 0 '^3,4,4,5,6,7,$' -- bash -c "'$FZ' import dispute '$T/bad.csv' 2>&1 | sed -n 's/^  第\([0-9]*\)行.*/\1/p' | tr '\n' ,"
expect "a bad dry run lists the same" 1 '导入失败：发现 6 处错误' -- "$FZ" import dispute --dry-run "$T/bad.csv"
printf '机构,案号,纠纷类型,受理日期,调解结果\n%s,泽调〔2024〕41号,草场,2024-03-05,调解中\n%s,"泽调〔2024〕42号,草场,2024-03-05,调解中\n' $SFS $SFS >"$T/quote.csv"
expect "a malformed CSV fails" 1 '第3行：引号未闭合' -- "$FZ" import dispute "$T/quote.csv"
printf '\xff\xfe\x3a\x67\x84\x67\n' >"$T/utf16.csv"
expect "a UTF-16 file fails" 1 'UTF-16 编码的文本' -- "$FZ" import dispute "$T/utf16.csv"
printf 'a,b\n\x80\x80,\xff\n' >"$T/junk.csv"
expect "an unknown encoding fails" 1 '编码无法识别：第2行' -- "$FZ" import dispute "$T/junk.csv"
echo 'not a zip' >"$T/fake.xlsx"
expect "an XLSX that is not a zip fails" 1 '不是有效的 XLSX 文件（不是 zip 压缩包）' -- "$FZ" import dispute "$T/fake.xlsx"
: >"$T/empty.csv"
expect "an empty file fails" 1 '是空的' -- "$FZ" import dispute "$T/empty.csv"
printf '机构,备注\n%s,x\n' $SFS >"$T/head.csv"
expect "an unknown column fails" 1 '第1行.*未知的列“备注”' -- "$FZ" import dispute "$T/head.csv"
expect "a missing required column fails" 1 '缺少必需的列“纠纷类型”（category）' -- "$FZ" import dispute "$T/head.csv"
expect "a missing file" 3 'nope.csv' -- "$FZ" import dispute "$T/nope.csv"
expect "import without a file" 2 '缺少参数' -- "$FZ" import dispute
same "failed imports changed nothing" "$(snapshot)" "$before"
expect "the unique index survived the failed imports" 1 '已被第 1 号记录使用' -- \
  "$FZ" add dispute org=$SFS case_no=泽调〔2024〕1号 category=草场 received=2024-03-05 result=调解中
same "no batch was left by the failed imports" \
  "$(db_sql "$FAZHI_DB" 'SELECT count(*), min(id), max(id) FROM import_batch')" '3|1|3'

# A record's history is its own: the import batches' audit rows (record_id
# = batch id) must not appear in the history of the record with that id.
check "history of a hand-made record 1 has no import row" \
  bash -c "! '$FZ' history dispute 1 | grep -q '  import'"

# ---- export ----
expect "export csv" 0 '^已导出 8 条矛盾纠纷记录到 .*out.csv$' -- "$FZ" export dispute --format csv -o "$T/out.csv"
check "CSV starts with a UTF-8 BOM" bash -c "[ \"\$(head -c 3 '$T/out.csv' | od -An -tx1 | tr -d ' ')\" = efbbbf ]"
expect "CSV header is the Chinese labels" 0 '^机构,案号,纠纷类型,受理日期,当事人数,纠纷简要情况,涉及金额,调解结果,协议形式,结案日期'$'\r''?$' -- \
  bash -c "head -1 '$T/out.csv' | tail -c +4"
expect "CSV has enum labels and yuan" 0 "^$SFS,泽调〔2024〕1号,草场,2024-03-05,2,\"两户, \"\"草场\"\"边界\",1234.50,调解成功,书面,2024-03-20" -- cat "$T/out.csv"
expect "CSV leaves voided out" 1 '^0$' -- bash -c "grep -c '^632323100001,' '$T/out.csv'"
expect "export --voided" 0 '^已导出 9 条' -- "$FZ" export dispute --voided --format csv -o "$T/all.csv"
expect "export --org" 0 '^已导出 [0-9]+ 条' -- "$FZ" export dispute --org 632323101000 --format csv -o "$T/maixiu.csv"
check "export --org has only that subtree" bash -c "[ \$(tail -n +2 '$T/maixiu.csv' | grep -vc '^632323101000') = 0 ]"
expect "export xlsx -o" 0 '^已导出 8 条矛盾纠纷记录到 .*out.xlsx$' -- "$FZ" export dispute --format xlsx -o "$T/out.xlsx"
expect "export --output=" 0 '^已导出 8 条' -- "$FZ" export dispute --format=csv --output="$T/out2.csv"
check "export forms agree" cmp "$T/out.csv" "$T/out2.csv"
expect "export without -o" 2 '请用 -o FILE 指定输出文件' -- "$FZ" export dispute --format csv
expect "export a bad format" 2 '导出格式应为 csv 或 xlsx' -- "$FZ" export dispute --format pdf -o "$T/x.pdf"
check "a failed export leaves no file" test ! -e "$T/x.pdf"
expect "export to a missing directory" 3 'nodir' -- "$FZ" export dispute --format csv -o "$T/nodir/x.csv"
FOURTH=$(new_db fourth)
"$FZ" --db "$FOURTH" init >/dev/null 2>&1
"$FZ" --db "$FOURTH" org import "$ROOT/data/org/zeku.csv" >/dev/null 2>&1
expect "the CSV export imports back" 0 '导入完成：8 条矛盾纠纷记录（UTF-8 BOM，批次 1）' -- "$FZ" --db "$FOURTH" import dispute "$T/out.csv"
same "CSV round trip keeps every value" "$(content "$FOURTH")" "$(content "$FAZHI_DB")"

# ---- audit verify ----
expect "audit verify" 0 '^审计日志完整：共 [0-9]+ 条，链尾 #[0-9]+ [0-9a-f]{64}$' -- "$FZ" audit verify
COPY=$(db_copy "$FAZHI_DB" copy)
id=$(db_sql "$FAZHI_DB" "SELECT min(id) FROM audit_log WHERE register='dispute' AND action='insert'")
db_sql "$FAZHI_DB" "UPDATE audit_log SET after_json=replace(after_json, '草场', '土地') WHERE id=$id"
expect "the tamper changed a row" 0 土地 -- db_sql "$FAZHI_DB" "SELECT after_json FROM audit_log WHERE id=$id"
expect "audit verify finds an edited row" 1 "审计日志已被篡改：第 $id 条审计记录的内容被修改（哈希不符）（第 $id 条）" -- "$FZ" audit verify
last=$(db_sql "$COPY" "SELECT max(id) FROM audit_log")
db_sql "$COPY" "DELETE FROM audit_log WHERE id=$last"
expect "audit verify finds a deleted last row" 1 "审计日志已被篡改：审计日志末尾的记录被删除（链头记到第 $last 条，现只到第 $((last - 1)) 条）（第 $last 条）" -- \
  "$FZ" --db "$COPY" audit verify
expect "audit verify with an argument" 2 '参数过多' -- "$FZ" audit verify extra

tap_done
