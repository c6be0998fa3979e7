#!/usr/bin/env bash
# Checks that every C++ file follows the committed .clang-format; with --fix,
# rewrites the files that do not. CTest runs the check ("format: ...").
#   scripts/check-format.sh [--fix]
# Formatting differs between clang-format's major versions: the tree is kept
# in the form Debian 12's clang-format (14) gives.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format is not installed (scripts/install-deps.sh test)" >&2; exit 1; }

# The tracked files when this is a git checkout, else every C++ file below
# the source folders (an unpacked archive); never the build trees.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp' '*.h')
else
  mapfile -t files < <(find . -path './build*' -prune -o -path '*/node_modules' -prune -o \
    \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) -type f -print | sort)
fi
[ ${#files[@]} -gt 0 ] || { echo "no C++ files found" >&2; exit 1; }

if [ "${1:-}" = --fix ]; then
  clang-format -i -- "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror -- "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "${#bad[@]} of ${#files[@]} files differ from .clang-format ($(clang-format --version)):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "First differences:" >&2
  clang-format --dry-run -- "${bad[0]}" 2>&1 | head -20 >&2
  echo "Run scripts/check-format.sh --fix to rewrite them." >&2
  exit 1
fi
echo "${#files[@]} files follow .clang-format"
