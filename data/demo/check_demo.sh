#!/usr/bin/env bash
# check_demo.sh — load the demo records into a fresh database and check that
# they give every figure of the seed report (/work/shared/seed/zeku-2024-report.txt,
# DOMAIN.md "Metrics in the seed report"), plus the 2023 figures the seed's
# year-on-year phrase needs.
#
#   data/demo/check_demo.sh          # prints each figure with OK / MISMATCH
#
# Exit status: 0 when every figure matches, 1 on a mismatch or a failed
# import. Needs build/fazhi (built here if missing) and sqlite3. The
# database lives in a temporary directory and is removed at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEMO="$ROOT/data/demo"
FZ="${FZ:-$ROOT/build/fazhi}"
[ -x "$FZ" ] || ninja -C "$ROOT/build" >/dev/null
command -v sqlite3 >/dev/null || { echo "check_demo.sh: sqlite3 is needed" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB="$TMP/demo.db"

echo "== fresh database, org tree, then every manifest entry in order"
"$FZ" --db "$DB" init
"$FZ" --db "$DB" org import "$ROOT/data/org/zeku.csv"
while read -r reg file; do
  [ -z "$reg" ] && continue
  case "$reg" in \#*) continue ;; esac
  if ! out=$("$FZ" --db "$DB" import "$reg" "$DEMO/$file" 2>&1); then
    printf '%s\n' "$out"
    echo "IMPORT FAILED: $reg $file"
    exit 1
  fi
  printf '%-20s %s\n' "$reg" "$out"
done <"$DEMO/manifest.txt"

q() { sqlite3 -batch -noheader "$DB" "$1"; }
FAILED=0
# check NAME EXPECTED SQL: the query's single value must equal EXPECTED.
check() {
  local got
  got=$(q "$3")
  if [ "$got" = "$2" ]; then
    printf '  OK        %-18s %s\n' "$got" "$1"
  else
    printf '  MISMATCH  %-18s %s (want %s)\n' "$got" "$1" "$2"
    FAILED=1
  fi
}
Y="'2024'"       # the report year
END="'2024-12-31'"
yr() { echo "substr($1,1,4)"; }

echo
echo "== 2024 figures of the seed report (org 632323000000 subtree, voided = 0)"

echo "（二）依法决策"
check "normdoc.reviewed.normative 行政规范性文件" 5 \
  "SELECT count(*) FROM normdoc_review WHERE voided=0 AND kind='normative' AND $(yr reviewed)=$Y"
check "normdoc.reviewed.general 一般性文件" 2 \
  "SELECT count(*) FROM normdoc_review WHERE voided=0 AND kind='general' AND $(yr reviewed)=$Y"
check "cleanup campaigns completed in 2024" 1 \
  "SELECT count(*) FROM cleanup_campaign WHERE voided=0 AND $(yr completed)=$Y"
check "cleanup window" "2022-07-01 – 2024-06-30" \
  "SELECT period_start||' – '||period_end FROM cleanup_campaign WHERE voided=0 AND $(yr completed)=$Y"
ITEMS="FROM cleanup_item i JOIN cleanup_campaign c ON c.id=i.campaign
       WHERE i.voided=0 AND c.voided=0 AND $(yr c.completed)=$Y"
check "cleanup.total 清理总数" 7 "SELECT count(*) $ITEMS"
check "cleanup.abolished+expired 废止、失效" 2 "SELECT count(*) $ITEMS AND i.outcome IN ('abolish','expire')"
check "cleanup.amended 予以修改" 3 "SELECT count(*) $ITEMS AND i.outcome='amend'"
check "cleanup.continued 继续有效" 2 "SELECT count(*) $ITEMS AND i.outcome='continue'"
check "decisions decided in 2024, all five procedures" "2/2" \
  "SELECT sum(public_participation IN ('done','not_required') AND expert_review IN ('done','not_required')
              AND risk_assessment IN ('done','not_required') AND legality_review_opinion IS NOT NULL
              AND collective_discussion_result='passed')||'/'||count(*)
     FROM decision WHERE voided=0 AND $(yr decided)=$Y"

echo "（三）执法监督"
check "policy_doc 印发 the seed's three documents" 3 \
  "SELECT count(*) FROM policy_doc WHERE voided=0 AND $(yr date)=$Y AND action='issued' AND title IN (
     '泽库县贯彻落实提升行政执法质量三年行动计划（2023-2025年）实施方案',
     '泽库县提升行政执法质量会商制度', '行政执法监督员管理办法')"
check "policy_doc 印发 in 2024 (all)" 3 \
  "SELECT count(*) FROM policy_doc WHERE voided=0 AND $(yr date)=$Y AND action='issued'"
check "policy_doc 转发 《行政机关负责人出庭应诉工作规则》" 1 \
  "SELECT count(*) FROM policy_doc WHERE voided=0 AND $(yr date)=$Y AND action='forwarded'
     AND title='行政机关负责人出庭应诉工作规则'"
check "exam.participants 资格考试人数" 59 \
  "SELECT count(*) FROM exam WHERE voided=0 AND $(yr date)=$Y"
check "enf_event.observation.units 观摩会参加单位" 21 \
  "SELECT sum(units) FROM enf_event WHERE voided=0 AND kind='observation' AND $(yr date)=$Y"
check "observation held at 县公安局执法办案管理中心" 1 \
  "SELECT count(*) FROM enf_event WHERE voided=0 AND kind='observation' AND $(yr date)=$Y
     AND title LIKE '%县公安局执法办案管理中心%'"
check "enforcement units with 在岗 officers" 21 \
  "SELECT count(DISTINCT unit) FROM officer WHERE voided=0 AND status='active'"
check "在岗 officers in 120–180" yes \
  "SELECT CASE WHEN count(*) BETWEEN 120 AND 180 THEN 'yes' ELSE count(*) END
     FROM officer WHERE voided=0 AND status='active'"
COVER="SELECT CASE WHEN sum(t)=count(*) THEN '100%' ELSE printf('%.2f%%', 100.0*sum(t)/count(*)) END
       FROM (SELECT o.id, EXISTS (SELECT 1 FROM training_attendance a JOIN training tr ON tr.id=a.training
                                  WHERE a.voided=0 AND tr.voided=0 AND a.officer=o.id AND $(yr tr.date)=YEAR) AS t
             FROM officer o WHERE o.voided=0 AND o.status='active' AND o.cert_issued<=YEAR||'-12-31')"
check "training.coverage 全员轮训" "100%" "${COVER//YEAR/$Y}"
check "trainings 2024: online and offline" "online,offline" \
  "SELECT (SELECT 'online' FROM training WHERE voided=0 AND $(yr date)=$Y AND mode='online' LIMIT 1)||','||
          (SELECT 'offline' FROM training WHERE voided=0 AND $(yr date)=$Y AND mode='offline' LIMIT 1)"
check "trainings 2024: political theory and party education" "political,party" \
  "SELECT (SELECT 'political' FROM training WHERE voided=0 AND $(yr date)=$Y AND kind='political' LIMIT 1)||','||
          (SELECT 'party' FROM training WHERE voided=0 AND $(yr date)=$Y AND kind='party' LIMIT 1)"
check "training.trainees = attendance rows" 0 \
  "SELECT count(*) FROM training t WHERE voided=0 AND trainees <>
     (SELECT count(*) FROM training_attendance a WHERE a.voided=0 AND a.training=t.id)"

echo "（四）安全稳定"
check "recon.received 收到复议申请" 5 \
  "SELECT count(*) FROM reconsideration WHERE voided=0 AND $(yr received)=$Y"
check "recon.accepted 受理" 4 \
  "SELECT count(*) FROM reconsideration WHERE voided=0 AND $(yr received)=$Y AND acceptance='accepted'"
check "recon.rejected 不予受理" 1 \
  "SELECT count(*) FROM reconsideration WHERE voided=0 AND $(yr received)=$Y AND acceptance='rejected'"
check "recon.accepted 2023" 2 \
  "SELECT count(*) FROM reconsideration WHERE voided=0 AND $(yr received)='2023' AND acceptance='accepted'"
check "recon.accepted.yoy" "同比增长100%" \
  "SELECT CASE WHEN n>l THEN '同比增长' WHEN n<l THEN '同比下降' ELSE '与上年持平' END
          ||CASE WHEN n=l THEN '' ELSE printf('%g%%', abs(n-l)*100.0/l) END
     FROM (SELECT sum($(yr received)=$Y) n, sum($(yr received)='2023') l FROM reconsideration
           WHERE voided=0 AND acceptance='accepted')"
check "recon.all_closed 均已办结 (closed in 2024)" 5 \
  "SELECT count(*) FROM reconsideration WHERE voided=0 AND $(yr received)=$Y AND closed<=$END"
check "litigation.cases 行政应诉" 2 \
  "SELECT count(*) FROM litigation WHERE voided=0 AND $(yr filed)=$Y"
check "litigation.withdrawn 均已撤诉" 2 \
  "SELECT count(*) FROM litigation WHERE voided=0 AND $(yr filed)=$Y AND outcome='withdrawn' AND closed IS NOT NULL"
check "litigation.head_rate 负责人出庭应诉率" "100%" \
  "SELECT CASE WHEN sum(head_appeared)=count(*) THEN '100%' ELSE printf('%.2f%%',100.0*sum(head_appeared)/count(*)) END
     FROM litigation WHERE voided=0 AND $(yr filed)=$Y AND hearing=1"
check "screening.times 排查次数" 4025 \
  "SELECT sum(times) FROM screening WHERE voided=0 AND $(yr date)=$Y"
check "screening offices (矛调中心 + 7 司法所)" 8 \
  "SELECT count(DISTINCT s.org) FROM screening s JOIN org_unit u ON u.code=s.org
     WHERE s.voided=0 AND $(yr s.date)=$Y AND u.kind IN ('center','judicial_office')"
check "mediation.accepted 受理矛盾纠纷" 355 \
  "SELECT count(*) FROM dispute WHERE voided=0 AND $(yr received)=$Y"
check "mediation.resolved 调处成功" 353 \
  "SELECT count(*) FROM dispute WHERE voided=0 AND $(yr received)=$Y AND result='resolved'"
check "mediation.rate 化解率" "99.44%" \
  "SELECT printf('%.2f%%', round(100.0*sum(result='resolved')/count(*) + 1e-9, 2))
     FROM dispute WHERE voided=0 AND $(yr received)=$Y"
check "disputes at 矛调中心 and 司法所 only" 0 \
  "SELECT count(*) FROM dispute d JOIN org_unit u ON u.code=d.org
     WHERE d.voided=0 AND u.kind NOT IN ('center','judicial_office')"
check "aid.accepted 受理法律援助" 168 \
  "SELECT count(*) FROM aid_case WHERE voided=0 AND $(yr accepted)=$Y"
check "aid.closed 已结案 (of 2024's cases)" 87 \
  "SELECT count(*) FROM aid_case WHERE voided=0 AND $(yr accepted)=$Y AND closed IS NOT NULL"
check "aid.closed 已结案 (closed in 2024)" 87 \
  "SELECT count(*) FROM aid_case WHERE voided=0 AND $(yr closed)=$Y"
check "aid.recovered 挽回经济损失" "2150万元" \
  "SELECT CASE WHEN s%1000000=0 THEN (s/1000000)||'万元' ELSE printf('%.2f万元', s/1e6) END
     FROM (SELECT sum(recovered) s FROM aid_case WHERE voided=0 AND $(yr accepted)=$Y)"
check "aid.recovered in fen" 2150000000 \
  "SELECT sum(recovered) FROM aid_case WHERE voided=0 AND $(yr accepted)=$Y"
check "aid.documents 代写法律文书" 557 \
  "SELECT sum(count) FROM aid_document WHERE voided=0 AND $(yr date)=$Y"
check "aid.consultations 法律咨询人次" 1733 \
  "SELECT sum(count) FROM consultation WHERE voided=0 AND $(yr date)=$Y"

echo "（五）普法"
check "publicity.activities (count)" 712 \
  "SELECT count(*) FROM activity WHERE voided=0 AND $(yr date)=$Y"
check "publicity.activities 普法活动" "700余次" \
  "SELECT (count(*)/100*100)||'余次' FROM activity WHERE voided=0 AND $(yr date)=$Y"
check "publicity.audience (sum)" 20560 \
  "SELECT sum(audience) FROM activity WHERE voided=0 AND $(yr date)=$Y"
check "publicity.audience 覆盖群众" "2万余人次" \
  "SELECT (sum(audience)/10000)||'万余人次' FROM activity WHERE voided=0 AND $(yr date)=$Y"
SITE="SELECT 1 FROM culture_site s WHERE s.voided=0 AND s.built<=$END AND s.org"
check "culture_site townships covered 乡镇全覆盖" "7/7" \
  "SELECT sum(EXISTS ($SITE=t.code))||'/'||count(*) FROM org_unit t
     WHERE t.kind='township' AND t.parent='632323000000'"
check "culture_site villages: townships not complete" "宁秀镇、王加乡" \
  "SELECT group_concat(name, '、') FROM (SELECT t.name FROM org_unit t
     WHERE t.kind='township' AND t.parent='632323000000' AND EXISTS (
       SELECT 1 FROM org_unit v WHERE v.parent=t.code AND v.kind='village' AND NOT EXISTS ($SITE=v.code))
     ORDER BY t.code)"
check "literate.classes 培训班" 1 \
  "SELECT count(*) FROM literate_class WHERE voided=0 AND $(yr date)=$Y"
check "literate.trained 法律明白人" 88 \
  "SELECT sum(trainees) FROM literate_class WHERE voided=0 AND $(yr date)=$Y"
check "literate trainee rows of 2024's class" 88 \
  "SELECT count(*) FROM literate_trainee t JOIN literate_class c ON c.id=t.literate_class
     WHERE t.voided=0 AND c.voided=0 AND $(yr c.date)=$Y"
MEDIA="FROM media_episode WHERE voided=0 AND $(yr recorded)=$Y AND series="
check "media 法治在线10分钟 recorded" 12 "SELECT count(*) $MEDIA'法治在线10分钟'"
check "media 法治在线10分钟 aired" 11 "SELECT count(aired) $MEDIA'法治在线10分钟'"
check "media 法治在线10分钟 aired in 2024" 11 \
  "SELECT count(*) FROM media_episode WHERE voided=0 AND $(yr aired)=$Y AND series='法治在线10分钟'"
check "media 谚语说法 recorded" 11 "SELECT count(*) $MEDIA'谚语说法'"
check "media 谚语说法 aired" 10 "SELECT count(aired) $MEDIA'谚语说法'"
check "media 谚语说法 views 总播放量" "60.4万" \
  "SELECT printf('%g万', sum(views)/10000.0) $MEDIA'谚语说法'"
check "media 谚语说法 views (sum)" 604000 "SELECT sum(views) $MEDIA'谚语说法'"

echo "（一）法治体系, 报告"
check "task ledger 2024: 15–25 tasks" yes \
  "SELECT CASE WHEN count(*) BETWEEN 15 AND 25 THEN 'yes' ELSE count(*) END
     FROM task WHERE voided=0 AND $(yr due)=$Y"
check "task categories used in 2024" 6 \
  "SELECT count(DISTINCT category) FROM task WHERE voided=0 AND $(yr due)=$Y"
check "tasks overdue at the end of 2024" 2 \
  "SELECT count(*) FROM task WHERE voided=0 AND $(yr due)=$Y AND status<>'done' AND due<=$END"
check "推进会 in 2024 (≥2)" yes \
  "SELECT CASE WHEN count(*)>=2 THEN 'yes' ELSE count(*) END FROM meeting WHERE voided=0 AND $(yr date)=$Y"
check "report 2024 of 632323000000-SFJ, draft" "1|draft" \
  "SELECT count(*)||'|'||max(status) FROM report WHERE voided=0 AND org='632323000000-SFJ' AND year=2024"
check "report narrative: opening, s1, s2, s3, problems, plans set; s4–s5 empty (the template has their figures)" "1111|1100" \
  "SELECT (opening LIKE '2024年，泽库县司法局%如下：')||(s1_system LIKE '一是加强组织领导%')
          ||(problems LIKE '2024年法治政府建设工作成效明显%')||(plans LIKE '下一步，县司法局%')||'|'
          ||(coalesce(s2_decision,'')<>'')||(coalesce(s3_enforcement,'')<>'')
          ||(coalesce(s4_stability,'')<>'')||(coalesce(s5_publicity,'')<>'')
     FROM report WHERE voided=0 AND org='632323000000-SFJ' AND year=2024"

echo
echo "== 2023, for comparison (not in the seed; only recon.accepted 2023 = 2 is required)"
q "SELECT '  disputes '||count(*)||', resolved '||sum(result='resolved') FROM dispute WHERE voided=0 AND $(yr received)='2023'"
q "SELECT '  aid cases '||count(*)||', recovered '||printf('%.2f万元', sum(recovered)/1e6) FROM aid_case WHERE voided=0 AND $(yr accepted)='2023'"
q "SELECT '  activities '||count(*)||', audience '||sum(audience) FROM activity WHERE voided=0 AND $(yr date)='2023'"
q "SELECT '  screening times '||sum(times) FROM screening WHERE voided=0 AND $(yr date)='2023'"
q "SELECT '  exam participants '||count(*) FROM exam WHERE voided=0 AND $(yr date)='2023'"
q "${COVER//YEAR/\'2023\'}" | sed 's/^/  training coverage /'

echo
if [ "$FAILED" = 0 ]; then
  echo "all figures OK"
else
  echo "MISMATCH: see above"
  exit 1
fi
