#!/usr/bin/env bash
# Checks that `oxidize scan` reads exactly the C/C++/Rust files that git lists
# in a real work tree: `git ls-files --cached --others --exclude-standard`.
# Usage: bench/compare_git_ls_files.sh WORK_TREE [OXIDIZE_BIN]
# Exit 0 when the two lists are identical; otherwise prints the differences.
set -euo pipefail
tree=${1:?usage: $0 WORK_TREE [OXIDIZE_BIN]}
bin=${2:-$(dirname "$0")/../build/release/oxidize}
ours=$(mktemp) theirs=$(mktemp)
trap 'rm -f "$ours" "$theirs"' EXIT
"$bin" scan "$tree" 2>/dev/null --by file --format json --no-progress --include-vendored --include-generated \
  | python3 -c '
import json, sys
doc = json.load(sys.stdin)
for f in doc["files"]:
    print(f["path"])
for w in doc["warnings"]:  # binary files were listed too, then skipped
    if w["message"].startswith("binary file"):
        print(w["path"])' \
  | LC_ALL=C sort > "$ours"
# Symlinks are not read by default, and only files that exist can be read.
( cd "$tree" && git ls-files --cached --others --exclude-standard -z ) \
  | python3 -c '
import os, re, sys
tree = sys.argv[1]
ext = re.compile(r"\.(c|h|cc|cpp|cxx|c\+\+|C|cp|hh|hpp|hxx|h\+\+|H|inl|ipp|tcc|rs)$")
for p in sys.stdin.buffer.read().decode().split("\0"):
    full = os.path.join(tree, p)
    if p and ext.search(p) and os.path.isfile(full) and not os.path.islink(full):
        print(p)' "$tree" | LC_ALL=C sort -u > "$theirs"
echo "oxidize: $(wc -l < "$ours") files, git: $(wc -l < "$theirs") files"
if diff -u "$theirs" "$ours"; then echo "identical"; else exit 1; fi
