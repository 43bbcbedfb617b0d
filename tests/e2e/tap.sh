# tap.sh — the helpers every end-to-end test script shares, printing TAP:
# source it after setting FZ (the binary); finish with tap_done.
n=0
failed=0

# expect NAME STATUS PATTERN -- COMMAND...: run, check the exit status and
# that the combined output matches the (grep -E) pattern.
expect() {
  local name=$1 want=$2 pat=$3 out status
  shift 4
  n=$((n + 1))
  out=$("$@" 2>&1)
  status=$?
  if [ "$status" -eq "$want" ] && printf '%s' "$out" | grep -Eq -- "$pat"; then
    echo "ok $n - $name"
  else
    failed=$((failed + 1))
    echo "not ok $n - $name"
    echo "#   wanted status $want and /$pat/, got status $status:"
    printf '%s\n' "$out" | sed 's/^/#   /' | head -20
  fi
}

# check NAME COMMAND...: ok when the command succeeds (a test of state).
check() {
  local name=$1
  shift
  n=$((n + 1))
  if "$@" >/dev/null 2>&1; then echo "ok $n - $name"; else
    failed=$((failed + 1))
    echo "not ok $n - $name"
  fi
}

# same NAME A B: ok when the two strings are equal.
same() {
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else
    failed=$((failed + 1))
    echo "not ok $n - $1"
    echo "#   got [$2], wanted [$3]"
  fi
}

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  [ $# -gt 0 ] && printf '#   %s\n' "$@"
  return 0
}

tap_done() {
  echo "1..$n"
  exit $((failed > 0))
}
