#!/usr/bin/env bash
# deps.sh — install what fazhi needs on a Debian 12 machine, only when it is
# missing (fast when all is there), then configure and build build/ (and
# build-asan/ with "asan"). Sourced by demo.sh and test.sh.
set -euo pipefail

FZ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build and test dependencies, all Debian packages (libraries found by
# pkg-config; LibreOffice, the CJK fonts and poppler check the DOCX report;
# the PostgreSQL server runs the suite's second back end; clang and its
# runtime build the fuzz targets, scripts/fuzz.sh).
FZ_APT_PACKAGES=(
  build-essential pkg-config meson ninja-build
  libsqlite3-dev libpq-dev libmicrohttpd-dev libjansson-dev libsodium-dev
  libxlsxwriter-dev libzip-dev libxml2-dev libcmocka-dev
  sqlite3 postgresql valgrind python3 openssl
  libreoffice-writer-nogui fonts-noto-cjk poppler-utils
  chromium
  clang libclang-rt-14-dev
)

fz_install_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> 安装缺少的软件包：${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# fz_build DIR [meson options…]: configure once, then an incremental build.
fz_build() {
  local dir=$1
  shift
  if [ ! -f "$FZ_ROOT/$dir/build.ninja" ]; then
    meson setup "$FZ_ROOT/$dir" "$FZ_ROOT" "$@" >/dev/null
  fi
  ninja -C "$FZ_ROOT/$dir" >/dev/null
}

# The browser UI (web/): npm ci when node_modules is missing or older than
# the lockfile, then a Vite build when any source is newer than web/dist.
# meson embeds web/dist into the binary, so this runs before every build.
fz_build_web() {
  local web="$FZ_ROOT/web"
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "浏览器界面需要 Node.js 20 或更新版本（当前 $(node --version)）" >&2
    return 1
  fi
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "==> 安装浏览器界面的 npm 依赖（npm ci）"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  if [ ! -f "$web/dist/index.html" ] ||
     [ -n "$(find "$web/src" "$web/public" "$web/index.html" "$web/vite.config.js" "$web/package-lock.json" \
              -newer "$web/dist/index.html" -print -quit)" ]; then
    echo "==> 构建浏览器界面（npm run build）"
    (cd "$web" && npm run build --silent >/dev/null)
  fi
}

fz_build_all() {
  fz_build_web
  fz_build build
  if [ "${1:-}" = asan ]; then
    fz_build build-asan -Dbuildtype=debug -Db_sanitize=address,undefined \
      -Db_lundef=false -Dc_args=-fno-sanitize-recover=all
  fi
}

fz_install_packages "${FZ_APT_PACKAGES[@]}"
# Node.js and npm build the browser UI: Debian's packages only when no node
# is installed at all (a machine's own Node.js, as NodeSource packages it,
# already brings npm and would conflict with Debian's npm).
command -v node >/dev/null && command -v npm >/dev/null || fz_install_packages nodejs npm
