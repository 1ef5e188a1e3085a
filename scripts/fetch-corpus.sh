#!/usr/bin/env bash
# Fetches real codebases from Debian's archive into a cache folder outside the
# repository, and prints the path of each unpacked tree (one per line).
#
#   scripts/fetch-corpus.sh linux        # the kernel, from the linux-source-6.1 package
#   scripts/fetch-corpus.sh curl sqlite3 # upstream sources of bookworm source packages
#
# Cache: $OXIDIZE_CACHE (default ~/.cache/oxidize)/corpora. Idempotent: a tree
# already unpacked is reused. Source packages come through a private deb-src
# configuration derived from the machine's own apt sources, so the system's
# apt configuration is never modified.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 linux|SOURCE_PACKAGE..." >&2; exit 2; }
CACHE=${OXIDIZE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oxidize}
CORPORA=$CACHE/corpora
APTDIR=$CACHE/apt
mkdir -p "$CORPORA"

need() { command -v "$1" >/dev/null || { echo "oxidize: $1 is missing; run scripts/install-deps.sh --bench" >&2; exit 2; }; }

private_apt() {
  # A deb-src twin of every deb source of this machine, in its own lists folder.
  if [ ! -f "$APTDIR/.ready" ]; then
    mkdir -p "$APTDIR/sources.list.d" "$APTDIR/lists/partial"
    : > "$APTDIR/sources.list"
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      sed -e 's/^Types:.*$/Types: deb-src/' "$f" > "$APTDIR/sources.list.d/$(basename "$f")"
    done
    if [ -f /etc/apt/sources.list ]; then
      sed -n -e 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list > "$APTDIR/sources.list"
    fi
    apt-get "${APT_OPTS[@]}" update -qq
    touch "$APTDIR/.ready"
  fi
}
APT_OPTS=(-o "Dir::Etc::SourceList=$APTDIR/sources.list"
          -o "Dir::Etc::SourceParts=$APTDIR/sources.list.d"
          -o "Dir::State::Lists=$APTDIR/lists"
          -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")

fetch_linux() {
  local dest=$CORPORA/linux-6.1
  if [ ! -f "$dest/.complete" ]; then
    need dpkg-deb; need xz
    local work=$CORPORA/.linux-download
    rm -rf "$work" "$dest"; mkdir -p "$work"
    ( cd "$work" && apt-get download -qq linux-source-6.1 >/dev/null )
    dpkg-deb --fsys-tarfile "$work"/linux-source-6.1_*.deb | tar -x -C "$work" --wildcards './usr/src/linux-source-6.1.tar.xz'
    mkdir -p "$dest"
    tar -xJf "$work/usr/src/linux-source-6.1.tar.xz" -C "$dest" --strip-components=1
    rm -rf "$work"
    touch "$dest/.complete"
  fi
  echo "$dest"
}

fetch_source() {
  local pkg=$1 dest=$CORPORA/$1
  if [ ! -f "$dest/.complete" ]; then
    need dpkg-source
    private_apt
    local work=$CORPORA/.$pkg-download
    rm -rf "$work" "$dest"; mkdir -p "$work"
    ( cd "$work" && apt-get "${APT_OPTS[@]}" source -qq "$pkg" >/dev/null 2>&1 ) \
      || { echo "oxidize: apt-get source $pkg failed" >&2; exit 1; }
    local tree
    tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
    mv "$tree" "$dest"
    rm -rf "$work"
    touch "$dest/.complete"
  fi
  echo "$dest"
}

for name in "$@"; do
  case "$name" in
    linux|linux-6.1) fetch_linux ;;
    *[!a-z0-9.+-]*) echo "oxidize: not a source package name: $name" >&2; exit 2 ;;
    *) fetch_source "$name" ;;
  esac
done
