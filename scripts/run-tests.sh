#!/usr/bin/env bash
# Builds the test configurations and runs the whole suite with CTest: unit
# tests (Catch2), integration tests against the real binary, the accuracy
# test of the default codebook, and browser tests in Debian's Chromium
# (playwright-core and axe-core from npm, pinned in tests/browser/).
#   scripts/run-tests.sh [normal] [sanitize]     (default: normal)
# normal    RelWithDebInfo in build-test/, with the browser test
# sanitize  Debug with AddressSanitizer and UndefinedBehaviorSanitizer in
#           build-asan/, every test but the browser one
# Installs what is missing first (scripts/install-deps.sh test), and prints
# the wall time of each phase as it ends and again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=("$@")
[ ${#rounds[@]} -eq 0 ] && rounds=(normal)
for r in "${rounds[@]}"; do
  case "$r" in normal|sanitize) ;; *) echo "usage: $0 [normal] [sanitize]" >&2; exit 2 ;; esac
done
jobs=$(nproc 2>/dev/null || echo 2)

# Phase timing with bash's own clock and `times` (nothing to install): the
# wall time, and the CPU time of the phase's processes, which says how much
# of a slow phase was other work on the machine.
summary=()
script_start=$EPOCHREALTIME
times_file=$(mktemp)
children_cpu_ms() {  # sets cpu_ms: user+system CPU of the finished children so far
  local user sys total=0 t
  times >"$times_file"
  { read -r _; read -r user sys; } <"$times_file"
  for t in "$user" "$sys"; do  # e.g. 1m2.345s
    local sec=${t#*m}
    sec=${sec%s}
    total=$(( total + 10#${t%%m*} * 60000 + 10#${sec%.*} * 1000 + 10#${sec#*.} ))
  done
  cpu_ms=$total  # a variable, not output: a $(subshell) would not see the children
}
tenths() { printf '%d.%d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }  # milliseconds -> "12.3"
wall_ms_since() { echo $(( (${EPOCHREALTIME/./} - ${1/./}) / 1000 )); }
timed() {  # timed PHASE COMMAND...: runs the command and reports its times
  local phase=$1 start=$EPOCHREALTIME cpu_start status=0 line
  children_cpu_ms
  cpu_start=$cpu_ms
  shift
  "$@" || status=$?
  children_cpu_ms
  line=$(printf '%-20s %7ss wall %7ss CPU%s' "$phase" "$(tenths "$(wall_ms_since "$start")")" \
    "$(tenths $(( cpu_ms - cpu_start )))" "$([ $status -eq 0 ] || echo "  (failed, exit $status)")")
  summary+=("$line")
  echo "== phase: $line" >&2
  return $status
}
print_summary() {
  local status=$?
  echo "== time per phase (load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)):" >&2
  for line in "${summary[@]}"; do echo "   $line" >&2; done
  children_cpu_ms
  printf '   %-20s %7ss wall %7ss CPU\n' total "$(tenths "$(wall_ms_since "$script_start")")" \
    "$(tenths "$cpu_ms")" >&2
  rm -f "$times_file"
  return $status
}
trap print_summary EXIT

npm_install() {
  # Again when the lock file changed since the last install.
  if [ ! -f tests/browser/node_modules/.package-lock.json ] ||
     [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

timed "install (apt)" scripts/install-deps.sh test
for r in "${rounds[@]}"; do
  if [ "$r" = normal ]; then
    dir=build-test
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DLYSSNA_SANITIZE=OFF)
    timed "install (npm)" npm_install
  else
    dir=build-asan
    flags=(-DCMAKE_BUILD_TYPE=Debug -DLYSSNA_SANITIZE=ON)
  fi
  timed "$r: configure" cmake -S . -B "$dir" "${flags[@]}" -DLYSSNA_TESTS=ON -DLYSSNA_BENCH=OFF >/dev/null
  timed "$r: build" cmake --build "$dir" -j "$jobs"
  timed "$r: test" ctest --test-dir "$dir" --output-on-failure -j "$jobs"
done
