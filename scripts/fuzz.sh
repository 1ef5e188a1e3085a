#!/usr/bin/env bash
# Fuzzes each lexer, the function parsers, the hazard detectors, the cache codec, the history's line diff, oxidize ffi's header reader and Rust writer and the settings files with libFuzzer (clang, ASan+UBSan) for a bounded time,
# starting from the seed corpus in fuzz/corpus/. New inputs go to a scratch
# corpus outside the repository; a crash leaves its input in build/fuzz/ and
# fails the run. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/build.sh fuzz
for target in c_lexer rust_lexer functions hazards facts_codec line_diff ffi settings; do
  work=$(mktemp -d)
  cp fuzz/corpus/$target/* "$work"/
  if [ "$target" = functions ]; then cp tests/golden/functions/* tests/bugs/functions/* "$work"/; fi
  if [ "$target" = ffi ]; then cp tests/golden/ffi/minicurl/include/mini/*.h tests/golden/ffi/minicurl/lib/*.h "$work"/; fi
  if [ "$target" = hazards ]; then cp tests/golden/functions/* "$work"/; cp -r tests/golden/hazards/. "$work"/ 2>/dev/null || true; fi
  echo "fuzz: $target for ${seconds}s"
  ( cd build/fuzz && ./fuzz/fuzz_$target -max_total_time="$seconds" -max_len=65536 \
      -print_final_stats=1 "$work" 2>&1 | tail -n 3 )
  rm -rf "$work"
done
