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

# The PostgreSQL run of a script (FZ_BACKEND=pg, set by meson's "-pg"
# tests) needs a cluster's base URL in FZ_TEST_PG (scripts/test.sh starts
# one with scripts/pgcluster.sh); without it the run is skipped.
if [ "${FZ_BACKEND:-sqlite}" = pg ] && [ -z "${FZ_TEST_PG:-}" ]; then
  echo "1..0 # SKIP no PostgreSQL cluster (FZ_TEST_PG unset)"
  exit 0
fi

# on_pg: whether this is the PostgreSQL run.
on_pg() { [ "${FZ_BACKEND:-sqlite}" = pg ]; }

# new_db NAME: a fresh, empty database for this script: a file in $T, or
# on the PostgreSQL run a new database in the cluster. The same tests then
# run on both back ends.
new_db() {
  if [ "${FZ_BACKEND:-sqlite}" = pg ]; then
    local name="fz_$1_$$"
    psql -qAtX "$FZ_TEST_PG/postgres" -c "CREATE DATABASE \"$name\"" >/dev/null || return 3
    echo "$FZ_TEST_PG/$name"
  else
    echo "$T/$1.db"
  fi
}

# db_copy DB NAME: a copy of database DB (closed by every fazhi process),
# named as new_db names them; prints its name.
db_copy() {
  if on_pg; then
    local name="fz_$2_$$"
    psql -qAtX "$FZ_TEST_PG/postgres" -c "CREATE DATABASE \"$name\" TEMPLATE \"${1##*/}\"" >/dev/null || return 3
    echo "$FZ_TEST_PG/$name"
  else
    cp "$1" "$T/$2.db" && echo "$T/$2.db"
  fi
}

# db_sql DB SQL: run one statement in the database (sqlite3 or psql), rows
# printed one a line, columns separated by '|'.
db_sql() {
  case $1 in
  postgres*) psql -qAtX -d "$1" -c "$2" ;;
  *) sqlite3 -cmd '.timeout 5000' "$1" "$2" ;;
  esac
}

# db_drop_all: remove this script's PostgreSQL databases (files go with $T).
db_drop_all() {
  [ "${FZ_BACKEND:-sqlite}" = pg ] || return 0
  psql -qAtX "$FZ_TEST_PG/postgres" -c "SELECT datname FROM pg_database WHERE datname LIKE 'fz\\_%\\_$$'" |
    while read -r d; do psql -qAtX "$FZ_TEST_PG/postgres" -c "DROP DATABASE \"$d\" WITH (FORCE)" >/dev/null; done
}
