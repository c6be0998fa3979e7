#!/usr/bin/env bash
# Tries the README's two commands as a newcomer would: in a fresh minimal
# Debian 12 (debootstrap minbase with only git added), as root, from a clone
# of this repository's HEAD. Needs root and debootstrap on the host; takes
# about as long as a CI run plus the package downloads.
#   scripts/check-minimal-debian.sh [DIR]     (default /var/tmp/lyssna-minimal-debian)
# LYSSNA_EXTRA_CA=FILE hands a CA bundle to Node.js inside (for a network
# whose HTTPS passes through an intercepting proxy); nothing else is added.
# Prints how long `./lyssna.sh run` took until the form answered, and the
# phase times of `./lyssna.sh test`; exits non-zero when either failed.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/var/tmp/lyssna-minimal-debian}
[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap and chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }
[ ! -e "$dir" ] || { echo "$dir exists; remove it or name another" >&2; exit 1; }

mounts=()
cleanup() {
  local i
  for (( i=${#mounts[@]}-1; i>=0; i-- )); do umount "${mounts[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT

debootstrap --variant=minbase --include=git bookworm "$dir" http://deb.debian.org/debian >/dev/null
for m in proc sys dev dev/pts dev/shm; do
  case $m in
    proc) mount -t proc proc "$dir/proc" ;;
    sys) mount -t sysfs sysfs "$dir/sys" ;;
    dev/shm) mount -t tmpfs tmpfs "$dir/dev/shm" ;;
    *) mount --bind "/$m" "$dir/$m" ;;
  esac
  mounts+=("$dir/$m")
done
git clone -q --bare . "$dir/srv/lyssna.git"
env_extra=()
if [ -n "${LYSSNA_EXTRA_CA:-}" ]; then
  cp "$LYSSNA_EXTRA_CA" "$dir/root/extra-ca.crt"
  env_extra=(NODE_EXTRA_CA_CERTS=/root/extra-ca.crt)
fi

# Inside: what the README says, with nothing else installed.
cat >"$dir/root/newcomer.sh" <<'EOF'
set -u
echo "packages: $(dpkg -l | grep -c '^ii')"
git clone -q /srv/lyssna.git /root/lyssna && cd /root/lyssna
start=$SECONDS
PORT=18080 ./lyssna.sh run >/root/run.log 2>&1 &
pid=$!
status=1
while kill -0 "$pid" 2>/dev/null && [ $((SECONDS - start)) -lt 3600 ]; do
  # A subshell: a refused connection must not end this shell.
  if line=$( (exec 3<>/dev/tcp/127.0.0.1/18080 &&
              printf 'GET /s/trygghet-demo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3 &&
              read -r first <&3 && echo "${first%$'\r'}") 2>/dev/null ); then
    echo "run: form answered '$line' after $((SECONDS - start)) s"
    case $line in *" 200 "*) status=0 ;; esac
    break
  fi
  sleep 2
done
[ $status -eq 0 ] || { echo "run failed; its output:"; tail -30 /root/run.log; }
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
./lyssna.sh test >/root/test.log 2>&1 && test_status=0 || test_status=$?
grep -E 'tests passed|tests failed' /root/test.log
sed -n '/== time per phase/,$p' /root/test.log
[ $test_status -eq 0 ] || { echo "test failed (exit $test_status); its output ends:"; tail -40 /root/test.log; }
[ $status -eq 0 ] && [ $test_status -eq 0 ]
EOF
env -i HOME=/root TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  "${env_extra[@]}" chroot "$dir" /bin/bash /root/newcomer.sh
