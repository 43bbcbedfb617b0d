#!/usr/bin/env python3
"""authz.py URL — the authorization matrix of the JSON API, as TAP lines on
stdout: every route of /api/openapi.json × every demo role (and no session),
in scope and out of scope. A role without a route's permission must get 403
(401 without a session); a role with it must never get 401/403 inside its
scope; an org outside a user's scope must get 403. Passwords are the ones
server.sh set: ROLE-Pass-2024 style, given as NAME=PASSWORD arguments."""
import json
import sys
import urllib.request
import urllib.error

URL = sys.argv[1]
USERS = dict(a.split("=", 1) for a in sys.argv[2:])
# role → (user, permissions, scope, registers it writes: None all) as the
# demo creates them
TOWNSHIP = {"screening", "dispute", "aid_case", "aid_document", "consultation", "activity"}
ROLES = {
    "admin": ("admin", {"read", "write", "approve", "admin"}, "632323000000", None),
    "leader": ("leader", {"read", "approve"}, "632323000000", None),
    "clerk": ("clerk", {"read", "write"}, "632323000000", None),
    "editor": ("fuyi", {"read", "write"}, "632323000000", {"reconsideration", "litigation"}),
    "township": ("zequ", {"read", "write"}, "632323100000", TOWNSHIP),
    "reader": ("huangnan", {"read"}, "632300000000", None),
}
# route → the permission it needs (the route table's), and a concrete call
NEED = {
    ("GET", "/api/due"): "read", ("POST", "/api/logout"): "read",
    ("GET", "/api/me"): "read", ("GET", "/api/metrics"): "read",
    ("POST", "/api/me/password"): "read", ("GET", "/api/metrics/records"): "read",
    ("GET", "/api/r/{register}/stats"): "read",
    ("GET", "/api/org"): "read", ("GET", "/api/r/{register}"): "read",
    ("POST", "/api/r/{register}"): "write", ("GET", "/api/r/{register}/export"): "read",
    ("POST", "/api/r/{register}/import"): "write", ("GET", "/api/r/{register}/{id}"): "read",
    ("PATCH", "/api/r/{register}/{id}"): "write",
    ("GET", "/api/r/{register}/{id}/history"): "read",
    ("POST", "/api/r/{register}/{id}/void"): "write", ("GET", "/api/registers"): "read",
    ("GET", "/api/report"): "read", ("POST", "/api/report/approve"): "approve",
    ("GET", "/api/report/check"): "read",
    ("GET", "/api/report/breakdown"): "read", ("GET", "/api/report/diff"): "read",
    ("POST", "/api/report/publish"): "approve", ("GET", "/api/users"): "admin",
    ("POST", "/api/users"): "admin", ("POST", "/api/users/{name}/disable"): "admin",
    ("POST", "/api/users/{name}/password"): "admin",
}
PUBLIC = {("POST", "/api/login"), ("GET", "/api/openapi.json")}
n = failed = 0


def say(ok, name, why=""):
    global n, failed
    n += 1
    failed += not ok
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, name))
    if not ok and why:
        print("#   " + why)


def call(method, path, session=None, body=None, ctype="application/json"):
    req = urllib.request.Request(URL + path, method=method,
                                 data=body.encode() if body is not None else None)
    if body is not None:
        req.add_header("Content-Type", ctype)
    if session:
        req.add_header("Cookie", "fz_session=" + session[0])
        req.add_header("X-CSRF-Token", session[1])
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def login(name):
    status, body, headers = call("POST", "/api/login",
                                 body=json.dumps({"name": name, "password": USERS[name]}))
    cookie = headers.get("Set-Cookie", "")
    token = cookie.split("fz_session=")[1].split(";")[0]
    return token, json.loads(body)["csrf"]


IDS = {}  # scope → a live dispute in it


def concrete(method, path, org):
    """A call for the route: its path with parameters filled, and a body."""
    p = (path.replace("{register}", "dispute").replace("{id}", str(IDS.get(org, 1)))
         .replace("{name}", "nobody"))
    q = {"/api/metrics": "?year=2024&org=" + org, "/api/due": "?org=" + org,
         "/api/org": "?org=" + org, "/api/r/dispute": "?org=" + org,
         "/api/r/dispute/export": "?format=csv&org=" + org,
         "/api/r/dispute/stats": "?by=month&org=" + org,
         "/api/metrics/records": "?metric=mediation.rate&year=2024&org=" + org,
         "/api/report": "?format=md&year=2024&org=" + org,
         "/api/report/check": "?year=2024&org=" + org,
         "/api/report/breakdown": "?year=2024&org=" + org,
         "/api/report/diff": "?year=2024&org=" + org,
         "/api/report/approve": "?year=2024&org=" + org,
         "/api/report/publish": "?year=2024&org=" + org,
         "/api/r/dispute/import": "?filename=x.csv&dry_run=1"}.get(p, "")
    body = None
    if method in ("POST", "PATCH"):
        body = {"/api/r/dispute": '{"org":"%s-SFS","category":"草场","received":"2024-12-01","result":"调解中"}' % org[:9] + "000",
                "/api/r/dispute/%s" % IDS.get(org, 1): '{"parties":2}',
                "/api/r/dispute/%s/void" % IDS.get(org, 1): '{"reason":"matrix"}',
                "/api/users": '{"name":"m-user","role":"clerk","scope":"%s","password":"Matrix-Pass-2024"}' % org,
                "/api/users/nobody/password": '{"password":"Matrix-Pass-2024"}',
                # a wrong old password: allowed through, refused by the rule (422)
                "/api/me/password": '{"old":"not-this-one","new":"Matrix-Pass-2024"}'}.get(p, "")
    return p + q, body


doc = json.loads(call("GET", "/api/openapi.json")[1])
routes = [(m.upper(), p) for p, ops in doc["paths"].items() for m in ops]
say(set(routes) == set(NEED) | PUBLIC, "the matrix covers every route",
    "routes %s" % sorted(set(routes) ^ (set(NEED) | PUBLIC)))
sessions = {role: login(user) for role, (user, _, _, _) in ROLES.items()}
for role, (user, _, scope, _) in ROLES.items():
    body = json.loads(call("GET", "/api/r/dispute?limit=1&org=" + scope, sessions[role])[1])
    IDS[scope] = body["items"][0]["id"]
for method, path in sorted(NEED, key=lambda r: (r[1], r[0])):
    if path == "/api/logout":
        continue  # ends the session the rest of the matrix needs
    need = NEED[(method, path)]
    url, body = concrete(method, path, "632323000000")
    status, _, _ = call(method, url, body=body)
    say(status == 401, "%s %s without a session: 401" % (method, path), "got %d" % status)
    for role, (user, perms, scope, regs) in ROLES.items():
        url, body = concrete(method, path, scope)
        status, text, _ = call(method, url, sessions[role], body)
        # the matrix writes disputes: an editor of other registers may not
        if need in perms and not (need == "write" and regs is not None and "dispute" not in regs):
            say(status not in (401, 403), "%s %s as %s in scope: allowed" % (method, path, role),
                "got %d %s" % (status, text[:160].decode(errors="replace")))
        else:
            say(status == 403, "%s %s as %s: 403" % (method, path, role),
                "got %d %s" % (status, text[:160].decode(errors="replace")))
# out of scope: the 泽曲镇 clerk asking for the county
for path in ("/api/metrics", "/api/due", "/api/org", "/api/r/dispute", "/api/report",
             "/api/report/check", "/api/r/dispute/export", "/api/r/dispute/stats",
             "/api/metrics/records"):
    url, body = concrete("GET", path, "632323000000")
    status, _, _ = call("GET", url, sessions["township"])
    say(status == 403, "GET %s for the county as the township clerk: 403" % path, "got %d" % status)
status, _, _ = call("POST", "/api/r/dispute", sessions["township"],
                    '{"org":"632323101000-SFS","category":"草场","received":"2024-12-01","result":"调解中"}')
say(status == 403, "a clerk's record in another township: 403", "got %d" % status)
# editors of named registers: the 复议 section edits its two registers only
for reg in ("litigation", "reconsideration", "task"):
    rec = json.loads(call("GET", "/api/r/%s?limit=1" % reg, sessions["editor"])[1])["items"][0]
    status, text, _ = call("PATCH", "/api/r/%s/%d" % (reg, rec["id"]), sessions["editor"],
                           json.dumps({"org": rec["org"]}))
    want = 200 if reg != "task" else 403
    say(status == want, "the 复议 editor PATCHes a %s: %d" % (reg, want),
        "got %d %s" % (status, text[:160].decode(errors="replace")))
# the township clerk writes mediation and legal-aid intake, not enforcement
status, text, _ = call("POST", "/api/r/officer/import?filename=x.csv&dry_run=1",
                       sessions["township"], "姓名\n张三\n", "text/csv")
say(status == 403 and "执法" in text.decode(), "the township clerk cannot import officers: 403",
    "got %d %s" % (status, text[:160].decode(errors="replace")))
print("1..%d" % n)
sys.exit(1 if failed else 0)
