#!/usr/bin/env bash
# Builds the test configuration and runs the whole suite with CTest: unit
# tests (Catch2), integration tests against the real binary, and browser
# tests in Debian's Chromium (playwright-core and axe-core from npm,
# installed into tests/browser/node_modules on first use).
# LYSSNA_SANITIZE=1 builds with ASan+UBSan into build-asan/ instead.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
dir=build-test
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DLYSSNA_TESTS=ON)
if [ "${LYSSNA_SANITIZE:-0}" = 1 ]; then
  dir=build-asan
  flags=(-DCMAKE_BUILD_TYPE=Debug -DLYSSNA_TESTS=ON -DLYSSNA_SANITIZE=ON)
fi
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$jobs"
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
cd "$dir"
ctest --output-on-failure -j "$jobs"
