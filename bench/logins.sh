#!/usr/bin/env bash
# The workspace's login: how long one Argon2id hash takes at the chosen cost
# (build/bench/lyssna_bench_password_hash, when built), and how long the
# server takes to answer a wrong password for a user, a name that is no
# user's, and a right password (median and 90th percentile of N each, in
# turn, over HTTP on loopback). The first two should not differ by more
# than the noise: the unknown name is verified against a decoy hash of the
# same cost and written to the audit log alike. Not a test.
#   bench/logins.sh [N]        (default 40)
# LYSSNA_BINARY picks the binary (default build/lyssna).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40}
bin=${LYSSNA_BINARY:-$PWD/build/lyssna}
hasher=$(dirname "$bin")/bench/lyssna_bench_password_hash
out=$(mktemp -d /tmp/lyssna-bench-logins-XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -x "$hasher" ]; then
  echo "== one Argon2id hash and verification (median of 5)"
  "$hasher"
fi

printf 'correct horse battery\n' | "$bin" --db "$out/l.db" user add anna --role analyst >/dev/null
# No lock and no delays: every attempt is checked, so that each is timed.
"$bin" --db "$out/l.db" serve --port 0 --lockout-after 0 --login-delay 0 >"$out/serve.out" 2>"$out/serve.err" &
server_pid=$!
for _ in $(seq 50); do grep -q listening "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$out/serve.out" | cut -d: -f2)
url="http://127.0.0.1:$port/workspace/login"

time_login() {  # time_login NAME PASSWORD -> seconds of the answer
  curl -s -o /dev/null -w '%{time_total}\n' --data-urlencode "name=$1" --data-urlencode "password=$2" "$url"
}
: >"$out/wrong_password"; : >"$out/unknown_name"; : >"$out/right"
for i in $(seq "$n"); do
  time_login anna "wrong password $i" >>"$out/wrong_password"
  time_login "nobody$i" "wrong password $i" >>"$out/unknown_name"
  time_login anna "correct horse battery" >>"$out/right"
done
summary() {  # summary FILE LABEL
  sort -n "$1" | awk -v label="$2" '{ v[NR] = $1 * 1000 } END {
    printf "%-28s median %6.1f ms   p90 %6.1f ms   (n=%d)\n", label, v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], NR }'
}
echo "== login answers over HTTP (POST /workspace/login, loopback)"
summary "$out/wrong_password" "wrong password for a user"
summary "$out/unknown_name" "a name that is no user's"
summary "$out/right" "right password (new session)"
