#!/usr/bin/env bash
# check.sh — `fazhi check` on a generated 100-page report against the
# anchor: GNU grep counting the figures of the same file (`grep -oE` of
# digit runs | wc -l), in the same run. A page is ~1,500 characters; the
# report repeats the seed's paragraphs with its counts scaled per copy (the
# seed's truncated rate stays in each). Prints best-of-5 wall times and their ratio, and the
# 1,000-page time to show it grows linearly.
# Usage: bench/check.sh [PAGES]   (default 100)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FZ=${FZ:-$ROOT/build/fazhi}
PAGES=${1:-100}
W=$(mktemp -d "${TMPDIR:-/tmp}/fz-bench-check-XXXXXX")
trap 'rm -rf "$W"' EXIT

gen() { # PAGES FILE: the seed's paragraphs, figures varied per copy
  python3 - "$ROOT/tests/check/corpus/seed-zeku-2024.txt" "$1" "$2" <<'PY'
import re, sys
seed = open(sys.argv[1], encoding="utf-8").read()
pages, out = int(sys.argv[2]), sys.argv[3]
chars_per_page = 1500
parts, n, k = [], 0, 0
while n < pages * chars_per_page:
    k += 1
    # scale every count by one factor per copy (sums and bounds stay true,
    # the seed's truncated 99.43% stays wrong); dates and years stay as they are
    f = k % 9 + 1
    text = re.sub(r"(?<![\d.])(\d{1,4})(?= ?(件|起|次|人|期|名|家))",
                  lambda m: str(int(m.group(1)) * f), seed)
    parts.append(f"\n第{k}部分\n\n" + text)
    n += len(text)
open(out, "w", encoding="utf-8").write("".join(parts))
PY
}

# best-of-5 wall time of a shell command, in seconds
best() {
  python3 - "$1" <<'PY'
import subprocess, sys, time
ts = []
for _ in range(5):
    t = time.perf_counter()
    subprocess.run(sys.argv[1], shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.perf_counter() - t)
print(f"{min(ts):.4f}")
PY
}

gen "$PAGES" "$W/r.txt"
gen $((PAGES * 10)) "$W/r10.txt"
"$FZ" check "$W/r.txt" > "$W/out.txt" 2>/dev/null || true
tA=$(best "grep -oE '[0-9]+' '$W/r.txt' | wc -l")
tF=$(best "'$FZ' check '$W/r.txt'")
tF10=$(best "'$FZ' check '$W/r10.txt'")
python3 - "$PAGES" "$W/r.txt" "$tA" "$tF" "$tF10" "$W/out.txt" <<'PY'
import os, re, sys
pages, path, tA, tF, tF10, out = int(sys.argv[1]), sys.argv[2], *map(float, sys.argv[3:6]), sys.argv[6]
last = open(out, encoding="utf-8").read().strip().splitlines()[-1]
head = open(out, encoding="utf-8").readline().strip()
print(f"fazhi check of a {pages}-page report ({os.path.getsize(path)/1024:.0f} KiB UTF-8)")
print(f"  {head.split('：', 1)[1]}  {last}")
print(f"  anchor grep -oE '[0-9]+' | wc -l:  {tA*1000:8.1f} ms")
print(f"  fazhi check:                       {tF*1000:8.1f} ms   (target well under 1 s)")
print(f"  ratio fazhi / anchor: {tF/tA:.1f}")
print(f"  {pages*10} pages: {tF10*1000:.1f} ms ({tF10/tF:.1f}x the time for 10x the text)")
PY
