#!/usr/bin/env bash
# The README's first command: install, build a release binary, fetch a real
# codebase from Debian's archive into the cache (curl by default, or `linux`
# for the whole kernel), scan it, list its ten riskiest files, and write its
# memory-safety roadmap (a team of 4 starting today) beside the corpus.
# Usage: scripts/quickstart.sh [SOURCE_PACKAGE|linux] [oxidize scan options...]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-curl}
shift || true
scripts/install-deps.sh --bench
scripts/build.sh release
tree=$(scripts/fetch-corpus.sh "$corpus" | tail -n 1)
build/release/oxidize scan "$tree" "$@"
echo
build/release/oxidize hotspots "$tree" --by files --top 10 --no-progress
roadmap="$(dirname "$tree")/$(basename "$tree")-roadmap.md"
build/release/oxidize plan "$tree" --team 4 --start "$(date -u +%F)" --no-progress > "$roadmap"
echo
echo "The memory-safety roadmap of $(basename "$tree") (a team of 4 starting today): $roadmap"
