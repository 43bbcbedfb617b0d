#!/usr/bin/env bash
# demo.sh — set up a fresh Debian 12 machine and run the demo: installs what
# is missing, builds build/fazhi, builds the demo database of 泽库县 (org
# tree and every register's 2023 and 2024 records, loaded through the import
# path) in build/demo.db, and writes its 2024 annual report as Markdown, HTML
# and DOCX into build/.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$FZ_ROOT"
fz_build_all

export FAZHI_DB="$FZ_ROOT/build/demo.db"
rm -f "$FAZHI_DB" "$FAZHI_DB-wal" "$FAZHI_DB-shm"
build/fazhi demo
for fmt in md html docx; do
  build/fazhi report --org 632323000000 --year 2024 --format $fmt \
    -o "build/泽库县2024年法治政府建设情况报告.$fmt"
done
echo
echo "==> 2024 年主要指标（fazhi metrics --org 632323000000 --year 2024）"
build/fazhi metrics --org 632323000000 --year 2024
echo
echo "==> 2024 年底的法定期限（fazhi due --today 2024-12-20 --within 15）"
build/fazhi due --today 2024-12-20 --within 15 > build/due.txt
head -20 build/due.txt
echo
echo "==> 报告全文（Markdown）"
cat "build/泽库县2024年法治政府建设情况报告.md"
echo "演示数据库：$FAZHI_DB；报告：build/泽库县2024年法治政府建设情况报告.{md,html,docx}"
