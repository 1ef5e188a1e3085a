#!/usr/bin/env bash
# Fuzzes each lexer and the function parsers with libFuzzer (clang, ASan+UBSan) for a bounded time,
# starting from the seed corpus in fuzz/corpus/. New inputs go to a scratch
# corpus outside the repository; a crash leaves its input in build/fuzz/ and
# fails the run. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/build.sh fuzz
for target in c_lexer rust_lexer functions; do
  work=$(mktemp -d)
  cp fuzz/corpus/$target/* "$work"/
  if [ "$target" = functions ]; then cp tests/golden/functions/* tests/bugs/functions/* "$work"/; fi
  echo "fuzz: $target for ${seconds}s"
  ( cd build/fuzz && ./fuzz/fuzz_$target -max_total_time="$seconds" -max_len=65536 \
      -print_final_stats=1 "$work" 2>&1 | tail -n 3 )
  rm -rf "$work"
done
