#!/usr/bin/env bash
# The latency of placing a dot: PHONES phones (default 200) cast their
# ballots at the same moment against a real `lyssna serve`, ROUNDS times
# (default 10). Prints p50, p95, p99 of a ballot POST.
#   bench/vote_load.sh [PHONES] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
phones=${1:-200}
rounds=${2:-10}
[[ $phones =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] ||
  { echo "usage: bench/vote_load.sh [PHONES] [ROUNDS] (whole numbers from 1)" >&2; exit 2; }
bin=$PWD/build/lyssna
tool=$PWD/build/bench/lyssna_bench_vote
out=$(mktemp -d /tmp/lyssna-bench-vote-XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
read -r code vote < <("$tool" seed "$out/vote.db")
# 200 phones behind one laptop hotspot would be 200 addresses; here all
# come from 127.0.0.1, so no cap per client.
"$bin" --db "$out/vote.db" serve --port 0 --max-connections-per-client 0 >"$out/serve.out" 2>"$out/serve.err" &
server_pid=$!
for _ in $(seq 50); do grep -q listening "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$out/serve.out" | head -1 | cut -d: -f2)
echo "== dot voting: $phones phones at once, $rounds rounds, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$tool" run "$port" "$code" "$vote" "$phones" "$rounds"
