#!/usr/bin/env bash
# run.sh — one fuzz target as a TAP test: replay every saved crashing input
# (fuzz/regressions/NAME/), then fuzz for FZ_FUZZ_SECONDS (default 10) from
# the committed seeds (fuzz/corpus/NAME/) plus what earlier runs found
# (BUILD/fuzz-corpus/NAME/). A new crash is kept in BUILD/fuzz-crashes/NAME/.
# Usage: run.sh FUZZER NAME SOURCE_ROOT
set -uo pipefail
fuzzer=$1 name=$2 root=$3
secs=${FZ_FUZZ_SECONDS:-10}
build=$(cd "$(dirname "$fuzzer")/.." && pwd)
work="$build/fuzz-corpus/$name" crashes="$build/fuzz-crashes/$name"
mkdir -p "$work" "$crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# an ASan abort would otherwise leave a core file per crash
ulimit -c 0

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# 1. the regressions: each file run once, all must pass
shopt -s nullglob
saved=("$root/fuzz/regressions/$name"/*)
if [ ${#saved[@]} -eq 0 ]; then
  echo "ok 1 - $name：没有需要重放的崩溃输入"
elif "$fuzzer" "${saved[@]}" >"$log" 2>&1; then
  echo "ok 1 - $name：重放 ${#saved[@]} 个曾经崩溃的输入，均通过"
else
  echo "not ok 1 - $name：重放曾经崩溃的输入失败"
  grep -E 'ERROR|SUMMARY|Running:|#[0-9]+ 0x' "$log" | head -30 | sed 's/^/#   /'
fi

# 2. fuzzing for a while
if "$fuzzer" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
     -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "$root/fuzz/corpus/$name" \
     >"$log" 2>&1; then
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "ok 2 - $name：模糊测试 $secs 秒，执行 ${runs:-?} 次，未发现问题"
else
  echo "not ok 2 - $name：模糊测试发现问题（输入保存在 $crashes/）"
  { grep -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ 0x' "$log" || tail -5 "$log"; } |
    head -30 | sed 's/^/#   /'
fi
echo "1..2"
