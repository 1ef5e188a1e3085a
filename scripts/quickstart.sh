#!/usr/bin/env bash
# The README's first command: install, build a release binary, fetch a real
# codebase from Debian's archive into the cache (curl by default, or `linux`
# for the whole kernel), and scan it.
# Usage: scripts/quickstart.sh [SOURCE_PACKAGE|linux] [oxidize scan options...]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-curl}
shift || true
scripts/install-deps.sh --bench
scripts/build.sh release
tree=$(scripts/fetch-corpus.sh "$corpus" | tail -n 1)
exec build/release/oxidize scan "$tree" "$@"
