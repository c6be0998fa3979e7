#!/usr/bin/env bash
# Slow clients (slowloris) against `lyssna serve`: the form page's latency and
# success rate while 200 connections send their request heads one byte a
# second, from 8 loopback addresses and from one; with none as the reference.
# Not a test: nothing here passes or fails on a number.
#   bench/slow_clients.sh [SECONDS]    (default 30 seconds of residents per case)
# Needs build/lyssna and build/bench/lyssna_bench_slow_clients (make bench);
# LYSSNA_BINARY=... measures another build of lyssna (say, an older one).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
bin=${LYSSNA_BINARY:-$PWD/build/lyssna}
driver=${LYSSNA_SLOW_DRIVER:-$PWD/build/bench/lyssna_bench_slow_clients}
out=$(mktemp -d /tmp/lyssna-bench-slow-XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

# 200 slow connections, each the server's (and the driver's) descriptor.
ulimit -n 4096 2>/dev/null || true
"$bin" --db "$out/demo.db" demo >/dev/null
"$bin" --db "$out/demo.db" reindex --quiet >/dev/null  # no indexing going on meanwhile
"$bin" --db "$out/demo.db" serve --port 0 >"$out/serve.out" 2>"$out/serve.err" &
server_pid=$!
for _ in $(seq 50); do grep -q listening "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$out/serve.out" | cut -d: -f2)

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); server: $bin (default options)"
"$driver" "$port" trygghet-demo 0 1 "$secs"
sleep 2
"$driver" "$port" trygghet-demo 200 8 "$secs"
sleep 2  # the slow connections of one case are gone before the next
"$driver" "$port" trygghet-demo 200 1 "$secs"
