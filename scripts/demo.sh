#!/usr/bin/env bash
# demo.sh — set up a fresh Debian 12 machine and run the demo: installs what
# is missing, builds build/fazhi, creates the demo database (the 泽库县 org
# tree) in build/demo.db and shows it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$FZ_ROOT"
fz_build_all

export FAZHI_DB="$FZ_ROOT/build/demo.db"
rm -f "$FAZHI_DB" "$FAZHI_DB-wal" "$FAZHI_DB-shm"
build/fazhi init
build/fazhi org import data/org/zeku.csv
echo
echo "==> 泽库县的组织机构树（fazhi org list --under 632323000000）"
build/fazhi org list --under 632323000000
echo
echo "演示数据库：$FAZHI_DB（例如：build/fazhi --db $FAZHI_DB org list --under 632323100000）"
