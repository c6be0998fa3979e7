#!/usr/bin/env bash
# Lyssna's entry point, needing nothing but bash: installs what is missing
# from Debian's packages (as root; as another user it says what to install
# and stops), builds, and serves the demo survey or runs the tests.
#   ./lyssna.sh run         build, then serve a demo survey (PORT, BIND, DATA)
#   ./lyssna.sh test        the whole suite, then again under ASan+UBSan (CI)
#   ./lyssna.sh test-fast   the suite once, without the sanitizer round
#   ./lyssna.sh build       only build build/lyssna
#   ./lyssna.sh bench       build with the benchmark drivers and run them
#   ./lyssna.sh compare-r   weighted estimates against R's survey package, live
#   ./lyssna.sh clean       remove the build directories
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PORT=${PORT:-8080}
BIND=${BIND:-127.0.0.1}
DATA=${DATA:-lyssna-data}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

build() {  # build BENCH(ON|OFF) TARGET...: Release build in build/
  local bench=$1
  shift
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLYSSNA_TESTS=OFF -DLYSSNA_BENCH="$bench" >/dev/null
  cmake --build build -j "$JOBS" --target "$@"
}

case "${1:-}" in
  run)
    scripts/install-deps.sh build
    build OFF lyssna
    mkdir -p "$DATA"
    ./build/lyssna --db "$DATA/lyssna.db" demo
    echo "Open http://$BIND:$PORT/s/trygghet-demo in a browser, and the demo's citizen promise at"
    echo "http://$BIND:$PORT/promise (Ctrl-C stops the server)."
    exec ./build/lyssna --db "$DATA/lyssna.db" serve --port "$PORT" --bind "$BIND"
    ;;
  test) scripts/run-tests.sh normal sanitize ;;
  test-fast) scripts/run-tests.sh normal ;;
  build)
    scripts/install-deps.sh build
    build OFF lyssna
    ;;
  bench)
    scripts/install-deps.sh bench
    build ON all
    bench/run-all.sh
    ;;
  compare-r)
    # The golden figures of tests/data/weighting made again by R, and the
    # unit tests that hold Lyssna to them run against those.
    scripts/install-deps.sh reference
    cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLYSSNA_TESTS=ON -DLYSSNA_BENCH=OFF >/dev/null
    cmake --build build-test -j "$JOBS" --target lyssna_unit_tests
    reference=$(mktemp -d)
    trap 'rm -rf "$reference"' EXIT
    Rscript tests/data/weighting/make_golden.R "$reference" 2> >(grep -v "non-integer\|^Warning\|^In \|warnings()" >&2)
    LYSSNA_WEIGHTING_REFERENCE=$reference ./build-test/tests/lyssna_unit_tests "[reference]"
    ;;
  clean) rm -rf build build-test build-asan ;;
  *)
    sed -n '2,11s/^# \{0,1\}//p' "$0" >&2
    exit 2
    ;;
esac
