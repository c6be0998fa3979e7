#!/usr/bin/env bash
# Sync throughput: 50,000 demo records pushed by `lyssna sync --to` from a
# laptop's database to a central `lyssna serve` on loopback (batches of
# 1,000 over HTTP, each acknowledged after its transaction), beside
# `lyssna import` of the same records as a file into the same kind of
# central database (alone, and while that central server serves and its
# background indexer takes the records in, as it does during a sync). Target: sync at least half the import rate. The median
# of three runs each is the figure. Prints figures only; nothing passes or fails.
#   bench/sync.sh [BINARY]   (default build/lyssna; LYSSNA_BENCH_RECORDS=N)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-$PWD/build/lyssna}
records=${LYSSNA_BENCH_RECORDS:-50000}
out=$(mktemp -d /tmp/lyssna-bench-sync-XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" --db "$out/laptop.db" demo --responses "$records" >/dev/null
"$bin" --db "$out/laptop.db" survey show trygghet-demo >"$out/def.json"
"$bin" --db "$out/laptop.db" export --survey trygghet-demo >"$out/records.jsonl" 2>/dev/null
echo "   $records records: $(du -h "$out/records.jsonl" | cut -f1) JSON Lines"

fresh_central() {  # fresh_central DB
  rm -f "$1" "$1-wal" "$1-shm"
  "$bin" --db "$1" survey load "$out/def.json" >/dev/null
}

sync_rates=() import_rates=() served_rates=()
for run in 1 2 3; do
  fresh_central "$out/central.db"
  token=$("$bin" --db "$out/central.db" token new --name "bench-$run" 2>/dev/null)
  "$bin" --db "$out/central.db" serve --port 0 >"$out/serve.out" 2>"$out/serve.err" &
  server_pid=$!
  for _ in $(seq 50); do grep -q listening "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$out/serve.out" | cut -d: -f2)
  # A new port is a new target for the laptop (sync_sent is kept per
  # target): all of it goes each run.
  start=$(date +%s.%N)
  "$bin" --db "$out/laptop.db" sync --to "http://127.0.0.1:$port" --token "$token" --quiet >/dev/null
  end=$(date +%s.%N)
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  sync_rates+=("$(echo "$records / ($end - $start)" | bc)")

  fresh_central "$out/import.db"
  start=$(date +%s.%N)
  "$bin" --db "$out/import.db" import "$out/records.jsonl" --quiet >/dev/null
  end=$(date +%s.%N)
  import_rates+=("$(echo "$records / ($end - $start)" | bc)")

  # The same import into a central server that is serving: its background
  # indexer takes the new records in while they come, as it does during a sync.
  fresh_central "$out/served.db"
  "$bin" --db "$out/served.db" serve --port 0 >"$out/serve.out" 2>"$out/serve.err" &
  server_pid=$!
  for _ in $(seq 50); do grep -q listening "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
  start=$(date +%s.%N)
  "$bin" --db "$out/served.db" import "$out/records.jsonl" --quiet >/dev/null
  end=$(date +%s.%N)
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  served_rates+=("$(echo "$records / ($end - $start)" | bc)")
  echo "   run $run: sync ${sync_rates[-1]} records/s, import ${import_rates[-1]} records/s, import while serving ${served_rates[-1]} records/s"
done
sync_rate=$(printf '%s\n' "${sync_rates[@]}" | sort -n | sed -n 2p)
import_rate=$(printf '%s\n' "${import_rates[@]}" | sort -n | sed -n 2p)
served_rate=$(printf '%s\n' "${served_rates[@]}" | sort -n | sed -n 2p)
printf '  %-52s %s\n' "sync --to, $records records over loopback (median)" "${sync_rate}/s"
printf '  %-52s %s\n' "import of the same file (median)" "${import_rate}/s"
printf '  %-52s %s\n' "import into a serving central server (median)" "${served_rate}/s"
printf '  %-52s %s\n' "sync / import (target >= 0.5)" "$(echo "scale=2; $sync_rate / $import_rate" | bc)"
printf '  %-52s %s\n' "sync / import while serving" "$(echo "scale=2; $sync_rate / $served_rate" | bc)"
