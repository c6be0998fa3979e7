#!/usr/bin/env bash
# Server time of the workspace pages and analysis routes at scale: a demo
# survey of RESPONSES answers (100,000 by default), indexed, then
# bench/workspace_pages.py against `lyssna serve` on it (cold, warm p50/p99,
# and how long a new answer takes to show). Prints figures; passes or fails
# nothing.
#   bench/workspace_pages.sh [RESPONSES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-10}
bin=$PWD/build/lyssna
[ -x "$bin" ] || { echo "no $bin: build first (./lyssna.sh build)" >&2; exit 1; }
out=$(mktemp -d /tmp/lyssna-workspace-bench-XXXXXX)
trap 'rm -rf "$out"' EXIT
echo "== $n demo responses, indexed"
"$bin" --db "$out/bench.db" demo --responses "$n" >/dev/null
"$bin" --db "$out/bench.db" reindex --quiet >/dev/null
python3 bench/workspace_pages.py --lyssna "$bin" --db "$out/bench.db" --survey trygghet-demo --runs "$runs"
