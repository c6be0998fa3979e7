#!/usr/bin/env bash
# Installs the Debian packages Lyssna needs that are missing, and nothing
# else; needs only bash and Debian's dpkg and apt-get.
#   scripts/install-deps.sh build    compiler, CMake, the libraries and the run-time dictionaries
#   scripts/install-deps.sh test     build + Catch2 + Chromium and Node.js for browser tests
#   scripts/install-deps.sh bench    build + wrk, nginx and xapian-omega for the benchmarks
#   scripts/install-deps.sh reference  test + R's survey package (./lyssna.sh compare-r)
# Runs apt-get when root; otherwise prints the command to run and fails.
set -euo pipefail

build_pkgs=(g++ make cmake pkg-config libcpp-httplib-dev libssl-dev libsodium-dev libsqlite3-dev libxapian-dev nlohmann-json3-dev zlib1g-dev libxlsxwriter-dev libreadstat-dev libqrencode-dev)
# Read by `lyssna discover` at run time (/usr/share/dictd), and by its tests:
# bilingual dictionaries that let one concern in several languages be one theme.
dict_pkgs=(dict-freedict-swe-eng dict-freedict-eng-swe dict-freedict-ara-eng dict-freedict-fin-eng)
# python3-openpyxl and readstat read the XLSX, SPSS and Stata exports back in the unit tests;
# libxml2-utils' xmllint parses the promise's Atom feed in the integration tests;
# poppler-utils' pdfinfo and pdftoppm read the browser tests' printed PDFs;
# zbar-tools' zbarimg decodes the dialogue page's QR code in its browser test.
test_pkgs=(catch2 chromium clang-format libxml2-utils openssl poppler-utils python3-openpyxl readstat zbar-tools)
bench_pkgs=(wrk nginx-light xapian-omega bc curl)
reference_pkgs=(r-base-core r-cran-survey r-cran-mass)

want=("${build_pkgs[@]}" "${dict_pkgs[@]}")
case "${1:-build}" in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${bench_pkgs[@]}") ;;
  reference) want+=("${test_pkgs[@]}" "${reference_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|bench|reference" >&2; exit 2 ;;
esac
# Node.js drives the browser tests: Debian's nodejs (18) when there is no
# node; a newer one already installed is kept. tests/browser/package.json
# pins a playwright-core that runs on Node.js 18.
if [ "${1:-build}" = test ]; then
  if ! command -v node >/dev/null 2>&1; then
    want+=(nodejs npm)
  else
    node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$node_major" -lt 18 ]; then
      echo "The browser tests need Node.js 18 or newer; $(command -v node) is $(node --version 2>/dev/null)." >&2
      exit 1
    fi
  fi
  command -v npm >/dev/null 2>&1 || want+=(npm)
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Lyssna needs these Debian packages: ${missing[*]}" >&2
  echo "Install them as root, then run this again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
