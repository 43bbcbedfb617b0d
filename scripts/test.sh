#!/usr/bin/env bash
# test.sh — the full test suite on a fresh Debian 12 machine: installs what
# is missing, builds build/ and build-asan/ (ASan+UBSan), runs every unit and
# end-to-end test in both (those that use a database on SQLite and again on
# a throwaway PostgreSQL cluster), the unit tests once more under valgrind,
# every libFuzzer target for 10 seconds (scripts/fuzz.sh), and ends with one
# line "N passed, M failed".
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$FZ_ROOT"
fz_build_all asan

# A throwaway PostgreSQL cluster for the "-pg" runs of the unit and
# end-to-end tests (the same tests, each on new databases there); removed
# at the end.
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/fz-pg-XXXXXX")
trap 'scripts/pgcluster.sh stop "$PGDIR"' EXIT
FZ_TEST_PG=$(scripts/pgcluster.sh start "$PGDIR")
export FZ_TEST_PG

status=0
run() { # run NAME MESON-TEST-ARGS…
  local name=$1
  shift
  echo "==> $name"
  if ! meson test --print-errorlogs "$@"; then status=1; fi
}
run "测试（普通构建）" -C build
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run "测试（ASan+UBSan 构建）" -C build-asan
FZ_TEST_LIGHT=1 run "单元测试（valgrind）" -C build --suite unit --no-rebuild \
  --timeout-multiplier 3 \
  --logbase valgrind \
  --wrap='valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite'
# Every libFuzzer target briefly (build-fuzz/, clang): the saved crashing
# inputs replayed, then 10 s of fuzzing each, two at a time.
echo "==> 模糊测试（每个目标 10 秒）"
scripts/fuzz.sh 10 || status=1

# Count individual cases from the logs: cmocka's summary lines and
# TAP's ok / not ok lines.
python3 - "$FZ_ROOT" <<'PY'
import json, re, sys, pathlib
root = pathlib.Path(sys.argv[1])
ok = bad = 0
for log in ["build/meson-logs/testlog.json", "build-asan/meson-logs/testlog.json",
            "build/meson-logs/valgrind-valgrind.json", "build-fuzz/meson-logs/testlog.json"]:
    p = root / log
    if not p.exists():
        continue
    for line in p.read_text().splitlines():
        t = json.loads(line)
        out = t.get("stdout", "") + t.get("stderr", "")
        passed = sum(int(m) for m in re.findall(r"\[  PASSED  \] (\d+) test", out))
        failed = sum(int(m) for m in re.findall(r"\[  FAILED  \] (\d+) test", out))
        passed += len(re.findall(r"^ok \d+", out, re.M))
        failed += len(re.findall(r"^not ok \d+", out, re.M))
        if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and failed == 0:
            failed = 1  # crashed or timed out before reporting
        ok += passed
        bad += failed
print(f"{ok} passed, {bad} failed")
PY
exit $status
