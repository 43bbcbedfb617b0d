#!/usr/bin/env python3
"""crash_client.py URL TOKEN CSRF PREFIX SECONDS ACKED — writers for the
crash test: 4 threads POST new disputes (case numbers PREFIX-thread-i) to
`fazhi serve` for SECONDS or until the server dies, and append the case
number of every write the server acknowledged (201) to ACKED, flushed at
once: after a kill -9 each of those must be in the database."""
import json
import sys
import threading
import time
import urllib.error
import urllib.request

URL, TOKEN, CSRF, PREFIX, SECONDS, ACKED = sys.argv[1:7]
lock = threading.Lock()
out = open(ACKED, "a", encoding="utf-8")


def writer(k):
    end = time.time() + float(SECONDS)
    i = 0
    while time.time() < end:
        i += 1
        case = f"{PREFIX}-{k}-{i}"
        body = json.dumps({"org": "632323100000-SFS", "case_no": case, "category": "草场",
                           "received": "2024-12-01", "result": "调解中"}).encode()
        req = urllib.request.Request(URL + "/api/r/dispute", data=body, method="POST")
        req.add_header("Content-Type", "application/json")
        req.add_header("Cookie", "fz_session=" + TOKEN)
        req.add_header("X-CSRF-Token", CSRF)
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                if r.status == 201:
                    with lock:
                        out.write(case + "\n")
                        out.flush()
        except (urllib.error.URLError, ConnectionError, OSError):
            return  # the server is gone: this writer's run is over


threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
