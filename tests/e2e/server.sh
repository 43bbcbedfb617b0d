#!/usr/bin/env bash
# server.sh — the JSON API of `fazhi serve` end to end, as TAP: login and
# sessions (logout, idle expiry), roles and scope, CSRF on every write, the error envelope with
# the fields at fault, the demo county's figures and deadlines, and a clean
# stop on SIGTERM. Usage: server.sh PATH/TO/fazhi SOURCE_ROOT
set -u
FZ=$1
ROOT=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/fz-srv-XXXXXX")
# three ports the kernel says are free (held together, so all different)
read -r PORT PORT_TLS PORT2 < <(python3 -c 'import socket
s = [socket.socket() for _ in range(3)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
URL="http://127.0.0.1:$PORT"
. "$(dirname "$0")/tap.sh"
export FAZHI_DB=$(new_db srv)
JSON="Content-Type: application/json"

"$FZ" demo --data "$ROOT/data" >/dev/null
# the demo made one user per role with random passwords: set known ones
echo 'Zeku-Admin-2024' | "$FZ" user passwd admin >/dev/null
echo 'Clerk-Pass-2024' | "$FZ" user passwd zequ >/dev/null
echo 'Reader-Pass-2024' | "$FZ" user passwd huangnan >/dev/null
echo 'Fuyi-Pass-2024' | "$FZ" user passwd fuyi >/dev/null
echo 'Keshi-Pass-2024' | "$FZ" user passwd clerk >/dev/null
"$FZ" serve --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
SRV=$!
trap 'kill $SRV ${SRV2:-} 2>/dev/null; db_drop_all; rm -rf "$T"' EXIT
for _ in $(seq 50); do curl -s "$URL/api/me" >/dev/null && break; sleep 0.1; done

# login NAME PASSWORD JAR: prints the CSRF token
login() { curl -s -c "$3" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$1\",\"password\":\"$2\"}" "$URL/api/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin).get("csrf",""))'; }
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }

expect "the OpenAPI description is public" 0 '"openapi":"3.0.3"' -- curl -s "$URL/api/openapi.json"
expect "no session: 401 and the envelope" 0 '"code":"forbidden","message":"请先登录"' -- curl -s "$URL/api/me"
expect "a wrong password says nothing more" 0 '用户名或密码错误' -- curl -s -H "$JSON" -d '{"name":"zequ","password":"nope-nope-nope"}' "$URL/api/login"
CSRF=$(login zequ Clerk-Pass-2024 "$T/clerk")
same "login returns a CSRF token" "${#CSRF}" 64
expect "the session cookie is HttpOnly and SameSite" 0 'HttpOnly; SameSite=Strict' -- curl -s -i -H "$JSON" -d '{"name":"zequ","password":"Clerk-Pass-2024"}' "$URL/api/login"
expect "me" 0 '"scope":"632323100000"' -- curl -s -b "$T/clerk" "$URL/api/me"
expect "registers with their fields" 0 '"name":"dispute","label":"矛盾纠纷"' -- curl -s -b "$T/clerk" "$URL/api/registers"
expect "list within scope, filtered by a Chinese label" 0 '"total":[1-9]' -- curl -s -b "$T/clerk" "$URL/api/r/dispute?f.result=%E8%B0%83%E8%A7%A3%E6%88%90%E5%8A%9F&limit=2"
same "list outside scope is 403" "$(code -b "$T/clerk" "$URL/api/r/dispute?org=632323101000")" 403
same "an unknown register is 404" "$(code -b "$T/clerk" "$URL/api/r/nope")" 404
same "an unknown path is 404" "$(code -b "$T/clerk" "$URL/api/nope")" 404
same "a wrong method is 405" "$(code -X DELETE -b "$T/clerk" "$URL/api/r/dispute")" 405
D='{"org":"632323100000-SFS","category":"草场","received":"2024-12-01","result":"调解中"}'
same "a JSON write with another content type is 415" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: text/plain' -d "$D" "$URL/api/r/dispute")" 415
expect "frames are refused" 0 "frame-ancestors 'none'" -- curl -s -D - -o /dev/null "$URL/api/openapi.json"
same "malformed JSON is 400" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{"org":' "$URL/api/r/dispute")" 400
same "an unknown field is 422" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{"org":"632323100000-SFS","colour":"red"}' "$URL/api/r/dispute")" 422
same "a write without CSRF is 403" "$(code -b "$T/clerk" -H "$JSON" -d "$D" "$URL/api/r/dispute")" 403
same "a write with CSRF creates (201)" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d "$D" "$URL/api/r/dispute")" 201
ID=$(python3 -c "import json; print(json.load(open('$T/body'))['id'])")
same "bad fields are 422" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{"org":"632323100000-SFS","category":"牛羊","received":"2023-02-29","result":"调解中"}' "$URL/api/r/dispute")" 422
expect "the envelope names every field at fault" 0 '"column":"纠纷类型","value":"牛羊".*"column":"受理日期","value":"2023-02-29"' -- cat "$T/body"
same "a record outside scope is refused (403)" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{"org":"632323101000-SFS","category":"草场","received":"2024-12-01","result":"调解中"}' "$URL/api/r/dispute")" 403
same "update" "$(code -X PATCH -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{"parties":3}' "$URL/api/r/dispute/$ID")" 200
expect "the update is kept" 0 '"parties":3' -- cat "$T/body"
# the response cache: reads are kept until the data changes, from here or
# from another process, and never outlive a write
# (each worker thread's first look after a change misses; which of the 16
# gets a request is the kernel's choice)
for _ in $(seq 200); do
  curl -s -D - -o /dev/null -b "$T/clerk" "$URL/api/r/dispute/$ID" >> "$T/cache.h"
  grep -q 'X-Cache: hit' "$T/cache.h" && break
done
expect "a repeated read is answered from the cache" 0 'X-Cache: hit' -- cat "$T/cache.h"
expect "which says the record as it is" 0 '"parties":3' -- curl -s -b "$T/clerk" "$URL/api/r/dispute/$ID"
code -X PATCH -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{"parties":4}' "$URL/api/r/dispute/$ID" >/dev/null
expect "a write through the API is seen at once" 0 '"parties":4' -- curl -s -b "$T/clerk" "$URL/api/r/dispute/$ID"
"$FZ" update dispute "$ID" parties=5 >/dev/null
expect "and so is a write by another process" 0 '"parties":5' -- curl -s -b "$T/clerk" "$URL/api/r/dispute/$ID"
expect "twice (each worker thread sees it)" 0 '"parties":5' -- curl -s -b "$T/clerk" "$URL/api/r/dispute/$ID"
same "void without a reason is 422" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{}' "$URL/api/r/dispute/$ID/void")" 422
same "void" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{"reason":"重复录入"}' "$URL/api/r/dispute/$ID/void")" 200
expect "history: insert, update, void" 0 '"action":"insert".*"action":"update".*"action":"void"' -- curl -s -b "$T/clerk" "$URL/api/r/dispute/$ID/history"
RCSRF=$(login huangnan Reader-Pass-2024 "$T/reader")
same "a reader cannot write (403)" "$(code -b "$T/reader" -H "X-CSRF-Token: $RCSRF" -H "$JSON" -d "$D" "$URL/api/r/dispute")" 403
expect "a reader sees ID numbers masked" 0 '"id_number":"[0-9]{6}\*{8}[0-9X]{4}"' -- curl -s -b "$T/reader" "$URL/api/r/aid_case?limit=1"
expect "the prefecture's counties side by side" 0 '"name":"泽库县","total":false,"values":\[\{"text":"[0-9]+","value":[0-9]+,"den":0\},\{"text":"99.44%"' -- curl -s -b "$T/reader" "$URL/api/report/breakdown?org=632300000000&year=2024"
same "and as XLSX" "$(code -b "$T/reader" "$URL/api/report/breakdown?org=632300000000&year=2024&format=xlsx")" 200
expect "metrics of the county" 0 '"mediation.rate":\{"label":"矛盾纠纷化解率","text":"99.44%"' -- curl -s -b "$T/reader" "$URL/api/metrics?org=632323000000&year=2024"
expect "deadlines" 0 '"state":"overdue"' -- curl -s -b "$T/reader" "$URL/api/due?today=2024-12-20"
expect "org tree of the scope" 0 '"code":"632323100000","parent":"632323000000","kind":"township","name":"泽曲镇"' -- curl -s -b "$T/clerk" "$URL/api/org"
# files: the report, an export, an import (dry run, bad rows, then real)
same "the report as DOCX" "$(code -b "$T/reader" "$URL/api/report?org=632323000000&year=2024&format=docx")" 200
expect "a DOCX is a zip" 0 '^PK' -- head -c 2 "$T/body"
expect "the report as Markdown says 99.44%" 0 '化解率达到99.44%' -- curl -s -b "$T/reader" "$URL/api/report?org=632323000000&year=2024&format=md"
expect "the download is named" 0 "filename\*=UTF-8''632323000000-2024" -- curl -s -D - -o /dev/null -b "$T/reader" "$URL/api/report?org=632323000000&year=2024&format=html"
same "a report outside scope is 403" "$(code -b "$T/clerk" "$URL/api/report?org=632323000000&year=2024&format=md")" 403
same "export CSV" "$(code -b "$T/clerk" "$URL/api/r/dispute/export?format=csv")" 200
check "the CSV starts with a UTF-8 BOM" bash -c "[ \"\$(head -c 3 '$T/body' | od -An -tx1 | tr -d ' ')\" = efbbbf ]"
expect "the CSV has Chinese headers" 0 '机构,案号,纠纷类型' -- head -1 "$T/body"
printf '机构,纠纷类型,受理日期,调解结果\n632323100000-SFS,草场,2024-12-02,调解中\n632323100000-SFS,牛羊,2024-12-03,调解中\n' > "$T/bad.csv"
same "a bad import is 422" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" --data-binary @"$T/bad.csv" "$URL/api/r/dispute/import?filename=bad.csv")" 422
expect "the bad import names its row" 0 '"row":3,"column":"纠纷类型","value":"牛羊"' -- cat "$T/body"
printf '机构,纠纷类型,受理日期,调解结果\n632323100000-SFS,草场,2024-12-02,调解中\n' > "$T/good.csv"
same "an import dry run" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" --data-binary @"$T/good.csv" "$URL/api/r/dispute/import?filename=good.csv&dry_run=1")" 200
expect "the dry run counts the rows" 0 '"rows":1,"batch":0' -- cat "$T/body"
same "an import" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" --data-binary @"$T/good.csv" "$URL/api/r/dispute/import?filename=good.csv")" 201
same "an import without CSRF is 403" "$(code -b "$T/clerk" --data-binary @"$T/good.csv" "$URL/api/r/dispute/import?filename=good.csv")" 403
# the browser's upload: multipart/form-data, the file in the part "file"
same "a multipart dry run" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -F "file=@$T/bad.csv" "$URL/api/r/dispute/import?dry_run=1")" 422
expect "names the bad row" 0 '"row":3,"column":"纠纷类型","value":"牛羊"' -- cat "$T/body"
same "a multipart import" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -F "file=@$T/good.csv;filename=上报.csv" "$URL/api/r/dispute/import")" 201
BATCH=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["batch"])' "$T/body")
expect "the records remember the uploaded file's name" 0 '"batch":'"$BATCH" -- curl -s -b "$T/clerk" "$URL/api/r/dispute?sort=-id&limit=1"
same "and the batch is named for the upload" "$(db_sql "$FAZHI_DB" "SELECT file FROM import_batch WHERE id = $BATCH")" 上报.csv
same "a multipart form without a file part is 400" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -F "other=@$T/good.csv" "$URL/api/r/dispute/import")" 400
same "a multipart body without a boundary is 400" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: multipart/form-data' --data-binary @"$T/good.csv" "$URL/api/r/dispute/import")" 400
# grouped counts for the dashboard, and the records behind a figure
expect "disputes by month" 0 '"key":"2024-03","label":"2024年3月","count":6' -- curl -s -b "$T/clerk" "$URL/api/r/dispute/stats?by=month&from=2024-01-01&to=2024-12-31"
expect "publicity audience by month, summed" 0 '"by":"month","groups":\[\{"key":"2024-01","label":"2024年1月","count":[0-9]+,"sum":[0-9]+' -- curl -s -b "$T/reader" "$URL/api/r/activity/stats?by=month&sum=audience&org=632323000000&from=2024-01-01&to=2024-12-31"
expect "resolved disputes by township" 0 '"key":"632323100000","label":"泽曲镇","count":[0-9]+' -- curl -s -b "$T/reader" "$URL/api/r/dispute/stats?by=org&org=632323000000&f.result=调解成功"
expect "by an enum field, with its Chinese label" 0 '"key":"resolved","label":"调解成功"' -- curl -s -b "$T/reader" "$URL/api/r/dispute/stats?by=result&org=632323000000"
same "grouping by a free-text field is 400" "$(code -b "$T/reader" "$URL/api/r/dispute/stats?by=summary")" 400
same "stats outside the scope are 403" "$(code -b "$T/clerk" "$URL/api/r/dispute/stats?by=month&org=632323000000")" 403
expect "the 353 resolved disputes behind 化解率" 0 '"metric":"mediation.rate","label":"矛盾纠纷化解率","register":"dispute","total":353' -- curl -s -b "$T/reader" "$URL/api/metrics/records?metric=mediation.rate&org=632323000000&year=2024"
same "a figure that counts no records is 400" "$(code -b "$T/reader" "$URL/api/metrics/records?metric=culture.townships&org=632323000000&year=2024")" 400
same "an unknown metric is 404" "$(code -b "$T/reader" "$URL/api/metrics/records?metric=nope&org=632323000000&year=2024")" 404
expect "me: the registers one writes and the CSRF token" 0 '"writes":\["activity","aid_case","aid_document","consultation","dispute","screening"\],"csrf":"'"$CSRF"'"' -- curl -s -b "$T/clerk" "$URL/api/me"
# user administration: admins only, within their scope
same "a clerk cannot list users" "$(code -b "$T/clerk" "$URL/api/users")" 403
ACSRF=$(login admin Zeku-Admin-2024 "$T/admin")
expect "an admin lists users" 0 '"name":"fuyi","display":"行政复议应诉科","role":"editor","scope":"632323000000","registers":"reconsideration,litigation"' -- curl -s -b "$T/admin" "$URL/api/users"
same "an admin adds a user" "$(code -b "$T/admin" -H "X-CSRF-Token: $ACSRF" -H "$JSON" -d '{"name":"maixiu","display":"拉毛","role":"clerk","scope":"632323101000","password":"Maixiu-Pass-2024"}' "$URL/api/users")" 201
same "a weak password is 422" "$(code -b "$T/admin" -H "X-CSRF-Token: $ACSRF" -H "$JSON" -d '{"name":"heri","role":"clerk","scope":"632323102000","password":"short"}' "$URL/api/users")" 422
same "a scope outside the admin's is 403" "$(code -b "$T/admin" -H "X-CSRF-Token: $ACSRF" -H "$JSON" -d '{"name":"tongren","role":"clerk","scope":"632300000000","password":"Tongren-Pass-2024"}' "$URL/api/users")" 403
MCSRF=$(login maixiu Maixiu-Pass-2024 "$T/maixiu")
same "the new user can log in" "${#MCSRF}" 64
same "an admin resets a password" "$(code -b "$T/admin" -H "X-CSRF-Token: $ACSRF" -H "$JSON" -d '{"password":"Maixiu-New-2024"}' "$URL/api/users/maixiu/password")" 200
same "which ends that user's sessions" "$(code -b "$T/maixiu" "$URL/api/me")" 401
same "an admin disables a user" "$(code -b "$T/admin" -H "X-CSRF-Token: $ACSRF" -X POST "$URL/api/users/maixiu/disable")" 200
expect "a disabled user cannot log in" 0 '用户名或密码错误' -- curl -s -H "$JSON" -d '{"name":"maixiu","password":"Maixiu-New-2024"}' "$URL/api/login"
# one's own password: the old one first; then every session ends
FCSRF=$(login fuyi Fuyi-Pass-2024 "$T/fuyi")
same "a wrong old password is 422" "$(code -b "$T/fuyi" -H "X-CSRF-Token: $FCSRF" -H "$JSON" -d '{"old":"nope","new":"Fuyi-Next-2024"}' "$URL/api/me/password")" 422
expect "and says which field" 0 '"field":"原密码"' -- cat "$T/body"
same "a user changes their own password" "$(code -b "$T/fuyi" -H "X-CSRF-Token: $FCSRF" -H "$JSON" -d '{"old":"Fuyi-Pass-2024","new":"Fuyi-Next-2024"}' "$URL/api/me/password")" 200
same "which ends the session" "$(code -b "$T/fuyi" "$URL/api/me")" 401
FCSRF=$(login fuyi Fuyi-Next-2024 "$T/fuyi")
same "and the new one works" "${#FCSRF}" 64
echo 'Fuyi-Pass-2024' | "$FZ" user passwd fuyi >/dev/null
same "logout" "$(code -b "$T/clerk" -H "X-CSRF-Token: $CSRF" -X POST "$URL/api/logout")" 200
same "the session is gone" "$(code -b "$T/clerk" "$URL/api/me")" 401
login zequ Clerk-Pass-2024 "$T/idle" >/dev/null
db_sql "$FAZHI_DB" "UPDATE app_session SET seen_at = '2000-01-01T00:00:00Z' WHERE user_id = (SELECT id FROM app_user WHERE name = 'zequ')"
same "an idle session expires: 401" "$(code -b "$T/idle" "$URL/api/me")" 401
expect "and the message says why" 0 '分钟未操作' -- cat "$T/body"
# the authorization matrix: every route × every role, in and out of scope
echo 'Leader-Pass-2024' | "$FZ" user passwd leader >/dev/null
python3 "$(dirname "$0")/authz.py" "$URL" admin=Zeku-Admin-2024 leader=Leader-Pass-2024 \
  zequ=Clerk-Pass-2024 huangnan=Reader-Pass-2024 fuyi=Fuyi-Pass-2024 clerk=Keshi-Pass-2024 > "$T/authz.tap"
status=$?
grep -E '^not ok' "$T/authz.tap" | head -20 | sed 's/^/# /'
same "the authorization matrix: $(grep -c '^ok' "$T/authz.tap") checks, no unexpected allow" "$status:$(grep -c '^not ok' "$T/authz.tap")" "0:0"

# group commit: 320 writes at once from 16 clients; the valid ones are
# committed (together, in batches), each failure undoes only its own
CSRF=$(login zequ Clerk-Pass-2024 "$T/group")
TOKEN=$(awk '$6 == "fz_session" {print $7}' "$T/group")
python3 "$(dirname "$0")/group_client.py" "$URL" "$TOKEN" "$CSRF" grp > "$T/group.json"
tally() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
print(sum(1 for x in r if x["kind"] == sys.argv[2] and x["status"] == int(sys.argv[3])))' "$T/group.json" "$@"; }
same "every valid concurrent write is acknowledged" "$(tally valid 201)" 224
same "every invalid one gets 422" "$(tally invalid 422)" 64
same "of the 32 writes of 2 shared case numbers, one each wins" "$(tally shared 201):$(tally shared 409)" "2:30"
same "the database holds exactly the acknowledged writes" \
  "$(db_sql "$FAZHI_DB" "SELECT count(*) FROM dispute WHERE case_no LIKE 'grp-%'")" 226
same "each with its audit row" \
  "$(db_sql "$FAZHI_DB" "SELECT count(*) FROM audit_log a JOIN dispute d ON a.register = 'dispute' AND a.record_id = d.id WHERE d.case_no LIKE 'grp-%'")" 226

# two server processes on one database: sessions, writes and the response
# caches of each are shared through the database, so any process may serve
URL2="http://127.0.0.1:$PORT2"
"$FZ" serve --listen "127.0.0.1:$PORT2" 2>"$T/serve2.log" &
SRV2=$!
for _ in $(seq 50); do curl -s "$URL2/api/openapi.json" >/dev/null && break; sleep 0.1; done
CSRF=$(login zequ Clerk-Pass-2024 "$T/both")
same "a session from one process works on the other" "$(code -b "$T/both" "$URL2/api/me")" 200
same "create on the second" "$(code -b "$T/both" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d "$D" "$URL2/api/r/dispute")" 201
ID2=$(python3 -c "import json; print(json.load(open('$T/body'))['id'])")
for _ in 1 2 3; do curl -s -b "$T/both" "$URL/api/r/dispute/$ID2" >/dev/null; done
code -X PATCH -b "$T/both" -H "X-CSRF-Token: $CSRF" -H "$JSON" -d '{"parties":9}' "$URL2/api/r/dispute/$ID2" >/dev/null
expect "the first sees the second's write at once (its cache too)" 0 '"parties":9' -- curl -s -b "$T/both" "$URL/api/r/dispute/$ID2"
expect "and again" 0 '"parties":9' -- curl -s -b "$T/both" "$URL/api/r/dispute/$ID2"
same "logout on the first" "$(code -b "$T/both" -H "X-CSRF-Token: $CSRF" -X POST "$URL/api/logout")" 200
same "ends the session on the second" "$(code -b "$T/both" "$URL2/api/me")" 401
kill -TERM $SRV2
wait $SRV2

kill -TERM $SRV
wait $SRV
same "SIGTERM stops the server cleanly" "$?" 0
expect "it said so" 0 '已停止' -- cat "$T/serve.log"
if [ "${FZ_BACKEND:-}" = pg ]; then # PostgreSQL takes concurrent writers itself
  same "on PostgreSQL writes run on their worker threads, no committer" "$(grep -c '^写入请求' "$T/serve.log")" 0
else
  same "the concurrent writes shared commits (fewer commits than writes)" \
    "$(sed -n 's/^写入请求 \([0-9]*\) 个，合并为 \([0-9]*\) 次提交$/\1 \2/p' "$T/serve.log" | awk '{print ($2 < $1)}')" 1
fi
expect "the audit chain verifies" 0 '审计日志完整' -- "$FZ" audit verify

# TLS: a self-signed certificate; the cookie gains Secure, HSTS is sent
expect "a certificate needs its key" 2 '须同时给出' -- "$FZ" serve --tls-cert "$T/none.pem"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
  -days 2 -subj /CN=127.0.0.1 2>/dev/null
"$FZ" serve --listen "127.0.0.1:$PORT_TLS" --tls-cert "$T/cert.pem" --tls-key "$T/key.pem" 2>"$T/tls.log" &
SRV=$!
for _ in $(seq 50); do curl -sk "https://127.0.0.1:$PORT_TLS/api/me" >/dev/null && break; sleep 0.1; done
curl -sk -i -H "$JSON" -d '{"name":"zequ","password":"Clerk-Pass-2024"}' "https://127.0.0.1:$PORT_TLS/api/login" > "$T/tls.out"
expect "over TLS the session cookie is Secure" 0 'SameSite=Strict; Secure' -- cat "$T/tls.out"
expect "and HSTS is sent" 0 'Strict-Transport-Security: max-age=31536000' -- cat "$T/tls.out"
same "plain HTTP gets no answer from the TLS port" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_TLS/api/me")" 000
kill -TERM $SRV
wait $SRV
tap_done
