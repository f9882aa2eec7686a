#!/usr/bin/env bash
# Every test: static checks, unit tests, and e2e tests in Debian's Chromium (installed here if it is
# missing and we may apt-get). Ends with one plain line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Debian chromium for the e2e tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends chromium libvulkan1 fonts-liberation >/dev/null \
      || { echo "error: could not install chromium with apt-get" >&2; exit 1; }
  else
    echo "error: $chromium_path is missing; install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

if [ ! -d node_modules ]; then
  echo "== node_modules missing: running npm ci"
  npm ci --no-audit --no-fund || exit 1
fi

static_failed=0
static_passed=0
check() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then static_passed=$((static_passed + 1)); else static_failed=$((static_failed + 1)); echo "FAILED: $name"; fi
}
check typecheck npx tsc --noEmit -p tsconfig.json
check lint npx eslint . --max-warnings 0
check format npx prettier --check . --log-level warn

echo "== vitest (unit + e2e)"
mkdir -p test-results
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
vitest_status=$?

node scripts/summary.mjs test-results/vitest.json "$static_passed" "$static_failed" "$vitest_status"
