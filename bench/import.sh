#!/usr/bin/env bash
# Import speed of both interchange formats: 100,000 demo records exported as
# JSON Lines and as CSV, each imported three times into a fresh database; the
# median run is the figure, in records per second of wall time and in CPU
# seconds (user + system, steadier on a shared machine). Prints figures only;
# nothing passes or fails. Needs /usr/bin/time.
#   bench/import.sh [BINARY ...]   (default build/lyssna; several binaries are
#                                   run in turn, to compare two builds fairly)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- "$PWD/build/lyssna"
records=${LYSSNA_BENCH_RECORDS:-100000}
out=$(mktemp -d /tmp/lyssna-bench-import-XXXXXX)
trap 'rm -rf "$out"' EXIT

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
first=$1
"$first" --db "$out/gen.db" demo --responses "$records" >/dev/null
"$first" --db "$out/gen.db" survey show trygghet-demo >"$out/def.json"
"$first" --db "$out/gen.db" export --survey trygghet-demo >"$out/records.jsonl" 2>/dev/null
"$first" --db "$out/gen.db" export --survey trygghet-demo --format csv >"$out/records.csv" 2>/dev/null
echo "   $records records: $(du -h "$out/records.jsonl" | cut -f1) JSON Lines, $(du -h "$out/records.csv" | cut -f1) CSV"

for format in jsonl csv; do
  declare -A rates=() cpu=()
  # Runs interleaved across binaries, so that a change in the machine's load
  # falls on all of them alike.
  for run in 1 2 3; do
    for bin in "$@"; do
      db="$out/import.db"
      rm -f "$db" "$db-wal" "$db-shm"
      "$bin" --db "$db" survey load "$out/def.json" >/dev/null
      start=$(date +%s.%N)
      /usr/bin/time -f "%U %S" -o "$out/cpu" "$bin" --db "$db" import "$out/records.$format" --quiet >/dev/null
      end=$(date +%s.%N)
      rates[$bin]+="$(echo "$records / ($end - $start)" | bc) "
      cpu[$bin]+="$(awk '{printf "%.2f", $1 + $2}' "$out/cpu") "
    done
  done
  for bin in "$@"; do
    # shellcheck disable=SC2086
    median=$(printf '%s\n' ${rates[$bin]} | sort -n | sed -n 2p)
    # shellcheck disable=SC2086
    cpu_median=$(printf '%s\n' ${cpu[$bin]} | sort -n | sed -n 2p)
    printf '   %-5s %-40s median %7s records/s (runs: %s), CPU median %s s (runs: %s)\n' \
      "$format" "$bin" "$median" "${rates[$bin]% }" "$cpu_median" "${cpu[$bin]% }"
  done
  unset rates cpu
done
