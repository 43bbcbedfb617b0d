#!/usr/bin/env bash
# run.sh — every benchmark, each against its anchor measured in the same
# run (ratios, never bare times from another day). Long: not part of the
# test command. Usage: bench/run.sh
# Sizes: BENCH_IMPORT_ROWS, BENCH_SERVER_SECONDS, BENCH_BACKEND_ROWS,
# BENCH_NATIONAL_RECORDS (10000000: about 12 of the run's minutes).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/deps.sh"
fz_install_packages time wrk nginx-light postgresql
fz_build_all
"$ROOT/bench/import.sh" "${BENCH_IMPORT_ROWS:-1000000}"
"$ROOT/bench/server.sh" "${BENCH_SERVER_SECONDS:-10}"
"$ROOT/bench/check.sh"
"$ROOT/bench/backends.sh" "${BENCH_BACKEND_ROWS:-200000}"
"$ROOT/bench/national.sh" "${BENCH_NATIONAL_RECORDS:-10000000}"
