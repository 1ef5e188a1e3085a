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
#
# If `apt-get source PKG` fails (a mirror may serve the security suite's index
# but not its files), each other version of PKG that the deb-src indices list
# is tried, newest first (bookworm's own, typically), and stderr says which
# version could not be had and which was used instead.
# For testing the fallback only: OXIDIZE_FETCH_SIMULATE_FAIL=1 makes the first
# attempt fail without asking apt, OXIDIZE_FETCH_SIMULATE_FAIL=all every one.
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

# One `apt-get source SPEC` into an emptied WORK folder. On failure, apt_error
# holds apt's first error line.
apt_source() {
  local work=$1 spec=$2 log=$1.log
  attempts=$((attempts + 1))
  rm -rf "$work"; mkdir -p "$work"
  case "${OXIDIZE_FETCH_SIMULATE_FAIL:-}:$attempts" in
    1:1|all:*) apt_error="simulated failure (OXIDIZE_FETCH_SIMULATE_FAIL=$OXIDIZE_FETCH_SIMULATE_FAIL)"; return 1 ;;
  esac
  if ( cd "$work" && apt-get "${APT_OPTS[@]}" source -qq "$spec" ) >"$log" 2>&1; then
    rm -f "$log"; return 0
  fi
  apt_error=$( { grep -m 1 '^E: ' "$log" || tail -n 1 "$log"; } | tr -s ' ')
  rm -f "$log"
  return 1
}

# The versions of source package PKG in the deb-src indices, newest first.
source_versions() {
  local v i sorted=()
  while IFS= read -r v; do
    i=${#sorted[@]}
    while [ "$i" -gt 0 ] && dpkg --compare-versions "$v" gt "${sorted[i-1]}"; do
      sorted[i]=${sorted[i-1]}; i=$((i - 1))
    done
    sorted[i]=$v
  done < <(apt-cache "${APT_OPTS[@]}" showsrc "$1" 2>/dev/null \
             | awk -v p="$1" '/^Package: /{ours = ($2 == p)} ours && /^Version: /{print $2}' | sort -u)
  [ ${#sorted[@]} -eq 0 ] || printf '%s\n' "${sorted[@]}"
}

# The version a plain `apt-get source PKG` picks, read from its .dsc name
# (which has no epoch); empty if apt cannot tell.
default_version() {
  local pkg=$1 dsc v; shift
  dsc=$(apt-get "${APT_OPTS[@]}" source --print-uris -qq "$pkg" 2>/dev/null | awk '$2 ~ /\.dsc$/ {print $2; exit}')
  dsc=${dsc%.dsc}; dsc=${dsc#"$pkg"_}
  for v in "$@"; do
    [ "${v#*:}" != "$dsc" ] || { echo "$v"; return; }
  done
}

fetch_source() {
  local pkg=$1 dest=$CORPORA/$1
  if [ ! -f "$dest/.complete" ]; then
    need dpkg-source
    private_apt
    local work=$CORPORA/.$pkg-download attempts=0 apt_error=""
    rm -rf "$work" "$dest"
    if ! apt_source "$work" "$pkg"; then
      local versions failed v got="" tried
      mapfile -t versions < <(source_versions "$pkg")
      failed=$(default_version "$pkg" "${versions[@]}")
      echo "oxidize: could not get $pkg${failed:+ $failed} (apt-get source $pkg): $apt_error" >&2
      tried="apt-get source $pkg${failed:+ ($failed)}"
      for v in "${versions[@]}"; do
        [ "$v" != "$failed" ] || continue
        if apt_source "$work" "$pkg=$v"; then got=$v; break; fi
        echo "oxidize: could not get $pkg $v either: $apt_error" >&2
        tried+=", $pkg=$v"
      done
      if [ -z "$got" ]; then
        rm -rf "$work"
        [ ${#versions[@]} -gt 0 ] || tried+=" (the deb-src indices list no version of $pkg)"
        echo "oxidize: could not fetch source package $pkg; tried: $tried" >&2
        exit 1
      fi
      echo "oxidize: fell back to $pkg $got instead of ${failed:-the version apt-get source picks}" >&2
    fi
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
