#!/usr/bin/env bash
# Benchmarks of the analysis engine on 100,000 demo responses: full reindex
# against Xapian's scriptindex indexing the same texts with the same stemmer,
# then themes, indicators, weighted priorities and discovery for the whole
# survey, with peak memory, and R's survey package on the weighted indicators
# where it is installed; discovery again with one concern written in four
# languages added (tests/data/discover_languages, repeated), with and without
# the bilingual dictionaries, and each dictionary's first read. Every figure
# is the median of three runs (this shared VM
# varies by a quarter from one run to the next). Prints figures; passes or
# fails nothing.
#   bench/analysis.sh [RESPONSES]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
bin=$PWD/build/lyssna
tools=$PWD/build/bench
out=$(mktemp -d /tmp/lyssna-analysis-bench-XXXXXX)
trap 'rm -rf "$out"' EXIT
db=$out/bench.db
timed() {  # timed LABEL COMMAND... : median seconds of three runs (and their range), peak memory
  local label=$1; shift
  local runs=() kib=0 secs k
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/time" "$@" >"$out/stdout" 2>"$out/stderr"
    read -r secs k <"$out/time"
    runs+=("$secs")
    [ "$k" -gt "$kib" ] && kib=$k
  done
  local sorted
  sorted=$(printf '%s\n' "${runs[@]}" | sort -n | paste -sd' ')
  set -- $sorted
  printf '  %-48s %7.2f s  %8d KiB   (runs %s–%s s)\n' "$label" "$2" "$kib" "$1" "$3"
}

echo "== $n demo responses"
"$bin" --db "$db" demo --responses "$n" >/dev/null
"$bin" --db "$db" export --survey trygghet-demo >"$out/records.jsonl" 2>/dev/null
"$tools/lyssna_bench_scriptindex_input" <"$out/records.jsonl" >"$out/dump.txt"
texts=$(grep -c '^id=' "$out/dump.txt")
echo "   $texts responses with free text"

echo "== indexing (wall time, peak memory)"
printf 'id : unique=Q boolean=Q\ntext : index\n' >"$out/script"
timed "scriptindex --stemmer=swedish (reference)" scriptindex --stemmer=swedish --overwrite "$out/omega" "$out/script" "$out/dump.txt"
timed "lyssna reindex (all languages, themes included)" "$bin" --db "$db" reindex --quiet

echo "== analyses of the whole survey (each a fresh process)"
cat >"$out/margins.json" <<JSON
{"survey": "trygghet-demo",
 "margins": {"area": {"handen": 30000, "jordbro": 11000, "brandbergen": 9000, "vasterhaninge": 16000, "vendelso": 10000, "dalaro": 3000},
             "age_group": {"16-24": 11000, "25-44": 27000, "45-64": 24000, "65+": 17000},
             "gender": {"woman": 39500, "man": 39500}}}
JSON
timed "themes --format json" "$bin" --db "$db" themes trygghet-demo --format json
timed "themes --per-response --format jsonl" "$bin" --db "$db" themes trygghet-demo --per-response --format jsonl
timed "indicators --format json" "$bin" --db "$db" indicators trygghet-demo --format json
timed "indicators --weights --format json" "$bin" --db "$db" indicators trygghet-demo --weights "$out/margins.json" --format json
timed "priorities --weights --format json" "$bin" --db "$db" priorities trygghet-demo --weights "$out/margins.json" --format json
timed "search 'mörkt tunnel'" "$bin" --db "$db" search trygghet-demo "mörkt tunnel" --format json
timed "discover" "$bin" --db "$db" discover trygghet-demo --format json

# The reference implementation on the same task, where R is installed
# (scripts/install-deps.sh reference): one run, it takes minutes.
if command -v Rscript >/dev/null && Rscript -e 'library(survey)' >/dev/null 2>&1; then
  echo "== R's survey package: rake + svymean + svyciprop, the same indicators and groups (one run)"
  "$bin" --db "$db" export --survey trygghet-demo --format csv >"$out/responses.csv"
  printf '  %-48s %s\n' "R survey (theme indicators left out)" \
    "$(Rscript bench/r_weighted.R "$out/responses.csv" "$out/margins.json")"
else
  echo "== R's survey package not installed (scripts/install-deps.sh reference): no R timing"
fi

echo "== discovery across languages"
tools_dict=$tools/lyssna_bench_dictionary_load
[ -x "$tools_dict" ] && "$tools_dict"
# The fixture's concern (snow and ice, in sv, en, ar, fi), 40 times over
# with fresh ids, among the demo's answers.
for i in $(seq 40); do
  grep '"id": "snow-' tests/data/discover_languages/records.jsonl |
    sed -e "s/\"id\": \"snow-/\"id\": \"snow-$i-/" -e 's/"survey": "snow-2026"/"survey": "trygghet-demo"/'
done >"$out/concern.jsonl"
"$bin" --db "$db" import "$out/concern.jsonl" >/dev/null
echo "   $(wc -l <"$out/concern.jsonl") answers about one concern added"
timed "discover (dictionaries read once)" "$bin" --db "$db" discover trygghet-demo --format json
mkdir -p "$out/no-dictionaries"
timed "discover (no dictionaries)" env LYSSNA_DICTIONARY_DIR="$out/no-dictionaries" "$bin" --db "$db" discover trygghet-demo --format json
# The candidates, with the languages of their quotes (the concern's among them).
"$bin" --db "$db" discover trygghet-demo --format table | cut -c1-100 | sed 's/^/   /'
