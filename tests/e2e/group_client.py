#!/usr/bin/env python3
"""group_client.py URL TOKEN CSRF PREFIX — concurrent writes for the group
commit test: 16 threads POST 20 disputes each at once, so the server's
committer holds many in one transaction. Every fifth is invalid (a date
that does not exist), and every seventh repeats another thread's case
number (only one may win). Prints one JSON object: the status of every
request by case number and kind."""
import json
import sys
import threading
import urllib.error
import urllib.request

URL, TOKEN, CSRF, PREFIX = sys.argv[1:5]
results = []
lock = threading.Lock()


def post(case, received):
    body = json.dumps({"org": "632323100000-SFS", "case_no": case, "category": "邻里",
                       "received": received, "result": "调解中"}).encode()
    req = urllib.request.Request(URL + "/api/r/dispute", data=body, method="POST")
    req.add_header("Content-Type", "application/json")
    req.add_header("Cookie", "fz_session=" + TOKEN)
    req.add_header("X-CSRF-Token", CSRF)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def writer(k):
    for i in range(20):
        if i % 5 == 4:
            kind, case, day = "invalid", f"{PREFIX}-{k}-{i}", "2023-02-29"
        elif i % 7 == 6:
            kind, case, day = "shared", f"{PREFIX}-shared-{i}", "2024-03-01"
        else:
            kind, case, day = "valid", f"{PREFIX}-{k}-{i}", "2024-03-01"
        status = post(case, day)
        with lock:
            results.append({"case": case, "kind": kind, "status": status})


threads = [threading.Thread(target=writer, args=(k,)) for k in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(results, ensure_ascii=False))
