#!/usr/bin/env bash
# Runs every benchmark of the collector and prints the figures with their
# references. Not a test: nothing here passes or fails on a number.
#   bench/run-all.sh [SECONDS]     (default 10 seconds per load run)
# Needs: build/lyssna and build/bench/* (make bench builds them), wrk, nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
flush_us=${LYSSNA_BENCH_FLUSH_US:-1000}  # a flush of a SATA SSD without power-loss protection
bin=$PWD/build/lyssna
tools=$PWD/build/bench
shim=$tools/liblyssna_bench_slow_flush.so
out=$(mktemp -d /tmp/lyssna-bench-XXXXXX)
server_pid=""; nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

start_server() {  # start_server DB [NAME=VALUE...] -> sets server_pid and port
  # All the load comes from one address: no cap on connections per client.
  env "${@:2}" "$bin" --db "$1" serve --port 0 --max-connections-per-client 0 >"$out/serve.out" 2>"$out/serve.err" &
  server_pid=$!
  for _ in $(seq 50); do grep -q listening "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$out/serve.out" | cut -d: -f2)
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
peak_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== durable submissions over HTTP (POST /api/v1/surveys/ID/responses), ${secs}s each"
"$bin" --db "$out/submit.db" survey new bench --areas handen,jordbro >/dev/null
start_server "$out/submit.db"
for clients in 1 16 64; do
  "$tools/lyssna_bench_submit" "$port" bench "$clients" "$secs" | tee -a "$out/submit.txt"
done
health=$(curl -s "http://127.0.0.1:$port/healthz")
echo "   server: $health"
groups=$(echo "$health" | grep -o '"commit_groups":[0-9]*' | cut -d: -f2)
written=$(echo "$health" | grep -o '"records_written":[0-9]*' | cut -d: -f2)
echo "   group commit: $written answers in $groups transactions, $(echo "scale=1; $written / $groups" | bc) per commit on average"
submit_peak=$(peak_kib "$server_pid")
stop_server
echo "== reference: a plain loop of one committed SQLite insert per record (WAL, synchronous=FULL)"
"$tools/lyssna_bench_sqlite_reference" "$out/reference.db" "$secs" | tee "$out/reference.txt"

echo "== the same with a disk-like flush: every fsync made to take ${flush_us} us (LD_PRELOAD shim, bench/slow_flush.cpp)"
"$bin" --db "$out/slow.db" survey new bench --areas handen,jordbro >/dev/null
start_server "$out/slow.db" LD_PRELOAD="$shim" LYSSNA_BENCH_FLUSH_US="$flush_us"
"$tools/lyssna_bench_submit" "$port" bench 64 "$secs" | tee "$out/slow-submit.txt"
stop_server
LD_PRELOAD="$shim" LYSSNA_BENCH_FLUSH_US="$flush_us" \
  "$tools/lyssna_bench_sqlite_reference" "$out/slow-reference.db" "$secs" | tee "$out/slow-reference.txt"

echo "== import of 100,000 records (JSON Lines)"
"$bin" --db "$out/gen.db" demo --responses 100000 >/dev/null
"$bin" --db "$out/gen.db" export --survey trygghet-demo >"$out/records.jsonl" 2>/dev/null
"$bin" --db "$out/gen.db" survey show trygghet-demo >"$out/def.json"
# Three imports into fresh databases; the median is the figure (one run on
# this shared VM can be a third slower than the next).
rates=()
for run in 1 2 3; do
  "$bin" --db "$out/import$run.db" survey load "$out/def.json" >/dev/null
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$out/import.mem" "$bin" --db "$out/import$run.db" import "$out/records.jsonl" --quiet
  end=$(date +%s.%N)
  rates+=("$(echo "100000 / ($end - $start)" | bc)")
  echo "   import run $run: $(echo "$end - $start" | bc) s, ${rates[-1]} records/s, peak memory $(cat "$out/import.mem") KiB"
done
import_rate=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)
echo "   import: median ${import_rate} records/s (runs: ${rates[*]})"

echo "== export of 1,000,000 answers: CSV, XLSX, SPSS, Stata (bench/export_responses.cpp)"
"$tools/lyssna_bench_export_responses" 1000000 "$out" 2>/dev/null | tee "$out/export.txt"

echo "== the resident's form page (GET /s/trygghet-demo), wrk -t2 -c64 -d${secs}s"
"$bin" --db "$out/gen.db" reindex --quiet >/dev/null  # so the server has no indexing to do meanwhile
start_server "$out/gen.db"
curl -s "http://127.0.0.1:$port/s/trygghet-demo" >"$out/page.html"
wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:$port/s/trygghet-demo" | tee "$out/wrk-lyssna.txt" | grep -E "Requests/sec|Latency"
form_peak=$(peak_kib "$server_pid")
stop_server
mkdir -p "$out/www"
cp "$out/page.html" "$out/www/page.html"
cat >"$out/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $out/nginx.pid;
error_log $out/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:18765;
    root $out/www;
    location / { default_type text/html; }
  }
}
NGINX
nginx -c "$out/nginx.conf" &
nginx_pid=$!
sleep 0.5
echo "== reference: nginx serving the same $(stat -c %s "$out/page.html") bytes as a static file"
wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:18765/page.html" | tee "$out/wrk-nginx.txt" | grep -E "Requests/sec|Latency"
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""

echo "== placing a dot: 200 phones voting at once (bench/vote_load.sh)"
bench/vote_load.sh 200 10 | tee "$out/vote.txt"

reference=$(grep -o '= [0-9]*/s' "$out/reference.txt" | grep -o '[0-9]*')
at64=$(grep 'clients=64' "$out/submit.txt" | grep -o 'rate=[0-9]*' | cut -d= -f2)
lyssna_rps=$(awk '/Requests\/sec/ {print int($2)}' "$out/wrk-lyssna.txt")
nginx_rps=$(awk '/Requests\/sec/ {print int($2)}' "$out/wrk-nginx.txt")
echo
echo "== summary"
printf '  %-52s %s\n' "durable submissions, 64 clients" "${at64}/s"
printf '  %-52s %s\n' "reference: one committed insert per record" "${reference}/s"
printf '  %-52s %s\n' "ratio (target >= 2)" "$(echo "scale=2; $at64 / $reference" | bc)"
slow_reference=$(grep -o '= [0-9]*/s' "$out/slow-reference.txt" | grep -o '[0-9]*')
slow_at64=$(grep -o 'rate=[0-9]*' "$out/slow-submit.txt" | cut -d= -f2)
printf '  %-52s %s\n' "with ${flush_us} us per flush: 64 clients / reference" "${slow_at64}/s / ${slow_reference}/s"
printf '  %-52s %s\n' "ratio with ${flush_us} us per flush (target >= 2)" "$(echo "scale=2; $slow_at64 / $slow_reference" | bc)"
printf '  %-52s %s\n' "import, 100,000 records, median of 3 (target >= 50,000/s)" "${import_rate}/s"
printf '  %-52s %s\n' "form page, lyssna" "${lyssna_rps} requests/s"
printf '  %-52s %s\n' "same bytes, nginx static file" "${nginx_rps} requests/s"
printf '  %-52s %s\n' "ratio (target >= 0.5)" "$(echo "scale=2; $lyssna_rps / $nginx_rps" | bc)"
printf '  %-52s %s\n' "server peak memory (submissions / form page)" "${submit_peak} KiB / ${form_peak} KiB"
bench/analysis.sh
bench/workspace_pages.sh
bench/sync.sh
