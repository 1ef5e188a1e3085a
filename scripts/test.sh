#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the suite in the CI
# build (g++, -Werror), the same suite under AddressSanitizer + UBSan (clang),
# then the function agreement check against pmccabe on a small real tree, then
# each lexer, the function parsers, the hazard detectors, the cache codec and the history's line diff under libFuzzer
# for a bounded time.
# This is what .ci/run calls.
# Usage: scripts/test.sh [FUZZ_SECONDS_PER_TARGET] (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds=${1:-60}
scripts/install-deps.sh

echo "== build and test (g++, ci preset)"
scripts/build.sh ci
ctest --preset ci -j"$(nproc)"

echo "== build and test (clang, ASan + UBSan)"
scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
  ctest --preset asan -j"$(nproc)"

echo "== function agreement with pmccabe on a real tree (zlib, Debian's source package)"
python3 bench/compare_pmccabe.py "$(scripts/fetch-corpus.sh zlib | tail -n 1)" \
  --oxidize build/ci/oxidize --check --no-progress | sed -n '1,12p'

echo "== fuzz the lexers, the function parsers, the hazard detectors, the cache codec, the line diff, the ffi reader and writer and the settings files (${fuzz_seconds}s each)"
scripts/fuzz.sh "$fuzz_seconds"
echo "all tests passed"
