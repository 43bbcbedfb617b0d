#!/usr/bin/env bash
# fuzz.sh [SECONDS] — build the libFuzzer targets (fuzz/, clang with
# ASan+UBSan) in build-fuzz/ and run each for SECONDS (default 60), two at a
# time: first every saved crashing input (fuzz/regressions/TARGET/) is
# replayed, then the target fuzzes from its seeds (fuzz/corpus/TARGET/) and
# what earlier runs found (build-fuzz/fuzz-corpus/TARGET/). A crash is kept
# in build-fuzz/fuzz-crashes/TARGET/ and fails the run. scripts/test.sh runs
# this for 10 seconds a target.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$FZ_ROOT"
secs=${1:-60}
case $secs in
  '' | *[!0-9]*) echo "用法：scripts/fuzz.sh [每个目标的秒数，默认 60]" >&2; exit 2 ;;
esac

rm -f build-fuzz/meson-logs/testlog.json # test.sh counts this run's only
fz_build_web
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzz=true -Db_lundef=false >/dev/null
fi
# only the fuzz programs: the rest of build-fuzz is never run
targets=()
for f in fuzz/fuzz_*.c; do targets+=("fuzz/$(basename "$f" .c)"); done
ninja -C build-fuzz "${targets[@]}" >/dev/null

FZ_FUZZ_SECONDS=$secs meson test -C build-fuzz --suite fuzz --no-rebuild \
  --print-errorlogs --num-processes 2
