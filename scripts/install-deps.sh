#!/usr/bin/env bash
# Installs every Debian 12 package oxidize needs to build, test, fuzz and benchmark.
# Idempotent and quiet: packages already present are not touched, apt is only
# called when something is missing. Must run as root (or via sudo).
set -euo pipefail

# Build: compilers, CMake, and the libraries oxidize links (all found with
# find_package/pkg-config, nothing is downloaded at build time).
build_pkgs=(
  build-essential cmake ninja-build pkg-config git
  clang libclang-rt-14-dev          # clang + libFuzzer/ASan/UBSan runtimes
  libcli11-dev libfmt-dev nlohmann-json3-dev libxxhash-dev libexpected-dev libgit2-dev libtomlplusplus-dev
  libsqlite3-dev libpcre2-dev
  libgtest-dev libgmock-dev
)
# Tests: JSON schema validation (rfc3987 lets jsonschema check "uri" formats),
# the util-linux setpriv used to drop root, GNU time for peak memory
# (tests/cli/test_memory.py; the benchmarks use it too), and what the agreement
# check on a real tree needs (pmccabe, fetching a Debian source package),
# Graphviz, which reads back and renders `oxidize graph`'s DOT
# (tests/cli/test_graph.py), and rustc, which compiles what `oxidize ffi`
# prints (tests/cli/test_ffi.py).
test_pkgs=( python3 python3-jsonschema python3-rfc3987 util-linux time pmccabe dpkg-dev xz-utils graphviz rustc )
# Benchmarks and accuracy comparisons: the other peer tools (cscope and GNU
# global for bench/callgraph_check.py, which also installs them itself).
bench_pkgs=( cloc flawfinder cppcheck cscope global )  # gcc and clang come with the build packages

want=("${build_pkgs[@]}" "${test_pkgs[@]}")
case "${1:-}" in
  --bench) want+=("${bench_pkgs[@]}") ;;
  "") ;;
  *) echo "usage: $0 [--bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "oxidize: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
