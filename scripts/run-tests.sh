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
# the wall and CPU time of each phase as it ends and again at the end.
# With both rounds, the sanitizer build runs while the normal round's tests
# do (they mostly wait on servers and the browser); its output follows them.
set -euo pipefail
# EPOCHREALTIME and `times` write the locale's decimal separator (a comma in
# sv_SE), which the arithmetic below does not read.
export LC_ALL=C
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
  stop_background
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

dir_of() { if [ "$1" = normal ]; then echo build-test; else echo build-asan; fi; }
# Debug information: line tables only (-g1), which is what a failing test's
# backtrace and the sanitizers' reports need; full -g costs a third more
# compile time in the normal round. Give -DCMAKE_CXX_FLAGS_... yourself to
# debug variables in these trees.
# With both rounds, the sanitizer round builds no integration test program
# of its own: it runs the normal round's against its instrumented binary
# (they talk to the binary only), which spares compiling them twice.
both_rounds=no
[ "${rounds[*]}" = "normal sanitize" ] && both_rounds=yes
configure_and_build() {  # configure_and_build ROUND
  local flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DLYSSNA_SANITIZE=OFF "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
  [ "$1" = sanitize ] && flags=(-DCMAKE_BUILD_TYPE=Debug -DLYSSNA_SANITIZE=ON "-DCMAKE_CXX_FLAGS_DEBUG=-g1")
  local integration=ON
  [ "$1" = sanitize ] && [ $both_rounds = yes ] && integration=OFF
  timed "$1: configure" cmake -S . -B "$(dir_of "$1")" "${flags[@]}" -DLYSSNA_TESTS=ON -DLYSSNA_BENCH=OFF \
    -DLYSSNA_INTEGRATION_TESTS=$integration >/dev/null || return
  timed "$1: build" cmake --build "$(dir_of "$1")" -j "$jobs"
}
run_tests() { timed "$1: test" ctest --test-dir "$(dir_of "$1")" --output-on-failure -j "$jobs"; }
run_integration_tests_on_sanitized_binary() {
  LYSSNA_BINARY="$PWD/build-asan/lyssna" timed "sanitize: integration" \
    ctest --test-dir build-test --output-on-failure -j "$jobs" --no-tests=error -R '^integration:'
}

# A round's build in the background, in its own process group (set -m) so
# that an early exit stops all of it. Its phase lines come back in a file.
background_pid=""
background_log=$(mktemp)
background_phases=$(mktemp)
start_background_build() {  # start_background_build ROUND
  set -m
  ( summary=(); trap - EXIT; status=0; times_file=$(mktemp)
    configure_and_build "$1" || status=$?
    printf '%s\n' "${summary[@]}" >"$background_phases"
    rm -f "$times_file"
    exit $status ) >"$background_log" 2>&1 &
  background_pid=$!
  set +m
}
finish_background_build() {  # waits, shows its output, adds its phases
  local status=0 line
  wait "$background_pid" || status=$?
  background_pid=""
  echo "== output of the build that ran in the background:" >&2
  cat "$background_log" >&2
  while IFS= read -r line; do
    [ -n "$line" ] && summary+=("$line (background)") && echo "== phase: $line (background)" >&2
  done <"$background_phases"
  return $status
}
stop_background() {
  if [ -n "$background_pid" ]; then
    kill -- -"$background_pid" 2>/dev/null || true
    wait "$background_pid" 2>/dev/null || true
  fi
  rm -f "$background_log" "$background_phases"
}

timed "install (apt)" scripts/install-deps.sh test
case " ${rounds[*]} " in *" normal "*) timed "install (npm)" npm_install ;; esac
if [ "${rounds[*]}" = "normal sanitize" ]; then
  configure_and_build normal
  start_background_build sanitize
  run_tests normal
  finish_background_build
  run_tests sanitize
  run_integration_tests_on_sanitized_binary
else
  for r in "${rounds[@]}"; do
    configure_and_build "$r"
    run_tests "$r"
  done
fi
