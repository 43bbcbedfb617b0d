#!/usr/bin/env bash
# check.sh — `fazhi check` end to end, as TAP: the seed report (plain text)
# has its 99.43% flagged as a truncation of 353/355 and its sums found to
# hold; our own generated 2024 report, as Markdown, HTML and DOCX, has no
# failing relation, and with --previous (the 2023 report) its change on last
# year holds; --json parses; the corpus passages give their verdicts through
# the CLI too; unreadable files are answered with exit 3.
# (On PostgreSQL too when FZ_BACKEND=pg.)
# Usage: check.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-check-XXXXXX")
. "$(dirname "$0")/tap.sh"
trap 'db_drop_all; rm -rf "$T"' EXIT
export FAZHI_DB=$(new_db demo)
C="$ROOT/tests/check/corpus"
SEED="$C/seed-zeku-2024.txt"

expect "seed: 99.43% is a truncation of 353/355" 1 '353 ÷ 355 = 99\.4366…%.*截断为 99\.43%' -- "$FZ" check "$SEED"
expect "seed: says what it should have been" 1 '所写 99\.43% 是截断所得，按四舍五入应为 99\.44%' -- "$FZ" check "$SEED"
expect "seed: cleanup 7 = 2 + 3 + 2 holds" 1 '7 = 2 \+ 3 \+ 2' -- "$FZ" check "$SEED"
expect "seed: reconsideration 5 = 4 + 1 holds" 1 '5 = 4 \+ 1' -- "$FZ" check "$SEED"
expect "seed: exactly one failure" 1 '结论：不成立 1 处' -- "$FZ" check "$SEED"
expect "seed: the failure names its file" 1 '中有 1 处数字关系不成立' -- "$FZ" check "$SEED"

"$FZ" check "$SEED" --json > "$T/seed.json" 2>/dev/null
if python3 - "$T/seed.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rel = d["relations"]; cl = d["claims"]
fails = [r for r in rel if r["verdict"] == "fails"]
assert len(fails) == 1 and cl[fails[0]["claim"]]["text"] == "99.43%", fails
sums = {cl[r["claim"]]["text"]: [cl[i]["text"] for i in r["against"]] for r in rel if r["kind"] == "sum"}
assert sums["7件"] == ["2件", "3件", "2件"], sums
# the 5 + 2 documents reviewed (line 13) are in no relation
rev = [i for i, c in enumerate(cl) if c["line"] == 13 and c["text"] in ("5件", "2件")]
assert len(rev) == 2
used = {r["claim"] for r in rel} | {i for r in rel for i in r["against"]}
assert not used & set(rev), rev
assert d["summary"]["fails"] == 1
PY
then ok "seed --json: one failure, the 7 split into 2+3+2, the reviewed 5+2 unrelated"; else not_ok "seed --json"; fi

expect "demo loads" 0 '完成' -- "$FZ" demo --data "$ROOT/data"
for y in 2023 2024; do
  for fmt in md html docx; do
    "$FZ" report --org 632323000000 --year $y --format $fmt -o "$T/r$y.$fmt" >/dev/null || not_ok "report $y $fmt"
  done
done
for fmt in md html docx; do
  expect "our report as $fmt: nothing fails" 0 '结论：不成立 0 处' -- "$FZ" check "$T/r2024.$fmt"
  expect "our report as $fmt: 99.44% holds" 0 '成立  第[0-9]+行第[0-9]+列  比率与计数：99\.44%' -- "$FZ" check "$T/r2024.$fmt"
  expect "our report as $fmt: 7 = 2 + 3 + 2" 0 '7 = 2 \+ 3 \+ 2' -- "$FZ" check "$T/r2024.$fmt"
done
expect "--previous: 同比增长100% holds against 2023's 2 件" 0 '成立  第[0-9]+行第[0-9]+列  同比变化：100%' -- "$FZ" check "$T/r2024.md" --previous "$T/r2023.docx"
expect "--previous: the recomputation" 0 '今年 4件，上年 2件' -- "$FZ" check "$T/r2024.docx" --previous "$T/r2023.html"
expect "without --previous the change is unclear" 0 '无法确定.*同比变化' -- "$FZ" check "$T/r2024.md"
"$FZ" check "$T/r2024.docx" --json > "$T/r.json"
if python3 -c "import json,sys; d=json.load(open('$T/r.json')); assert d['summary']['fails']==0 and len(d['claims'])>=30" 2>/dev/null; then
  ok "our docx --json parses, no failure"; else not_ok "our docx --json"; fi

# A seed with its error corrected passes; one with a broken sum fails.
sed 's/99\.43%/99.44%/' "$SEED" > "$T/fixed.txt"
expect "seed with 99.44%: nothing fails" 0 '结论：不成立 0 处' -- "$FZ" check "$T/fixed.txt"
sed 's/予以修改 3 件/予以修改 4 件/' "$SEED" > "$T/broken.txt"
expect "seed with 2 + 4 + 2 ≠ 7 under exclusive categories fails" 1 '不成立.*合计与分项：7件' -- "$FZ" check "$T/broken.txt"

# Corpus passages through the CLI: the exit status follows the verdicts.
expect "corpus: truncated rate" 1 '截断' -- "$FZ" check "$C/rate-truncated.txt"
expect "corpus: decoys have no claims" 0 '找到 0 个数字' -- "$FZ" check "$C/decoys.txt"
expect "corpus: yoy with --previous" 1 '同比变化：15%' -- "$FZ" check "$C/yoy-fails.txt" --previous "$C/yoy-fails.prev"

# Markdown keeps the author's lines and columns.
printf '# 标题\n\n**（一）** 共受理矛盾纠纷 355 起，调处 353 起，化解率达到 99.43%%。\n' > "$T/a.md"
expect "markdown: line and column of the figure" 1 '第3行第[0-9]+列  比率与计数：99\.43%' -- "$FZ" check "$T/a.md"
printf '<html><head><title>x</title><style>p{}</style></head><body><p>共受理矛盾纠纷 355 起，<b>调处 353 起</b>，化解率达到 99.43%%。</p></body></html>' > "$T/a.html"
expect "html: inline markup is read through" 1 '353 ÷ 355' -- "$FZ" check "$T/a.html"

# The approval gate: the report text is checked before its figures freeze.
# A narrative paragraph with a rate that fits none of its counts blocks
# `report approve` until an override reason is given (and audited).
"$FZ" update report 1 "plans=下一步，全年计划受理矛盾纠纷 100 起，调处 98 起，化解率达到 97%。" >/dev/null ||
  not_ok "narrative update"
expect "approve: the text's failing rate blocks it" 1 '正文有 1 处数字关系不成立.*--override' -- "$FZ" report approve --org 632323000000 --year 2024
expect "approve: the failure is quoted with its recomputation" 1 '化解率达到 97%.*98 ÷ 100 = 98\.00%' -- "$FZ" report approve --org 632323000000 --year 2024
expect "approve: an override reason lets it through" 0 '已审定' -- "$FZ" report approve --org 632323000000 --year 2024 --override 计划数字为估算
same "approve: the override reason is audited" \
  "$(db_sql "$FAZHI_DB" "SELECT reason FROM audit_log WHERE register='report_snapshot' ORDER BY id DESC LIMIT 1")" 计划数字为估算

expect "a missing file: exit 3" 3 '无法读取' -- "$FZ" check "$T/none.txt"
printf 'PK\003\004junk' > "$T/bad.docx"
expect "a broken docx: exit 1" 1 'DOCX' -- "$FZ" check "$T/bad.docx"
expect "usage: no file" 2 '' -- "$FZ" check
tap_done
