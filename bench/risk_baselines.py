#!/usr/bin/env python3
"""Peer-tool rankings of one tree for the CVE backtests, made in the same run as
oxidize's (bench/risk_backtest.sh --baselines): the baseline rows of the harness
READMEs, recomputed here so that the comparison is side by side.

usage: bench/risk_baselines.py TREE OUTDIR NAME
  writes OUTDIR/loc/NAME.csv            non-blank lines (largest first)
         OUTDIR/pmccabe_max/NAME.csv    pmccabe 2.8, highest (modified) McCabe complexity of the file's functions
         OUTDIR/flawfinder_sum/NAME.csv flawfinder 2.0.19 --minlevel=1, sum of the risk levels of its hits
each with the header path,score and paths relative to TREE.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

EXT = (".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp")


def sources(tree):
    out = []
    for dirpath, dirnames, files in os.walk(tree):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (dirpath == tree and d == "debian"))
        for f in sorted(files):
            full = os.path.join(dirpath, f)
            if f.lower().endswith(EXT) and os.path.isfile(full) and not os.path.islink(full):
                out.append(os.path.relpath(full, tree))
    return out


def write(path, scores):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["path", "score"])
        for p, s in sorted(scores.items()):
            w.writerow([p, s])


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    tree, outdir, name = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    files = sources(tree)
    loc = {}
    for p in files:
        with open(os.path.join(tree, p), "rb") as fh:
            loc[p] = sum(1 for line in fh if line.strip())
    write(os.path.join(outdir, "loc", name + ".csv"), loc)

    # pmccabe: "modified<TAB>traditional<TAB>statements<TAB>first line<TAB>lines<TAB>file(line): function";
    # the modified McCabe (a switch once) is the one that gives the harness README's pmccabe row exactly.
    ccn = {}
    for i in range(0, len(files), 200):
        batch = files[i:i + 200]
        r = subprocess.run(["pmccabe", *batch], cwd=tree, capture_output=True, text=True, errors="replace")
        for line in r.stdout.splitlines():
            cols = line.split("\t")
            if len(cols) < 6:
                continue
            path = cols[5].rsplit("(", 1)[0]
            try:
                ccn[path] = max(ccn.get(path, 0), int(cols[0]))
            except ValueError:
                continue
    write(os.path.join(outdir, "pmccabe_max", name + ".csv"), ccn)

    # flawfinder stops at the first file that is not UTF-8 ("encoding error"): it
    # reads the UTF-8 files of the tree, then copies of the others transcoded
    # from Latin-1 (every byte decodes; line numbers are kept).
    utf8, other = [], []
    for p in files:
        with open(os.path.join(tree, p), "rb") as fh:
            data = fh.read()
        try:
            data.decode("utf-8")
            utf8.append(p)
        except UnicodeDecodeError:
            other.append((p, data))
    hits = {}

    def flawfinder(cwd, paths):
        for i in range(0, len(paths), 200):
            r = subprocess.run(["flawfinder", "--csv", "--minlevel=1", "--quiet", "--dataonly", *paths[i:i + 200]],
                               cwd=cwd, capture_output=True, text=True, errors="replace")
            for row in csv.DictReader(io.StringIO(r.stdout)):
                if not row.get("File") or not (row.get("Level") or "").isdigit():
                    continue  # a broken row (flawfinder does not escape every field)
                path = os.path.normpath(row["File"])
                hits[path] = hits.get(path, 0) + int(row["Level"])

    flawfinder(tree, utf8)
    if other:
        with tempfile.TemporaryDirectory() as scratch:
            for p, data in other:
                os.makedirs(os.path.join(scratch, os.path.dirname(p)), exist_ok=True)
                with open(os.path.join(scratch, p), "w", encoding="utf-8") as fh:
                    fh.write(data.decode("latin-1"))
            flawfinder(scratch, [p for p, _ in other])
    write(os.path.join(outdir, "flawfinder_sum", name + ".csv"), hits)


if __name__ == "__main__":
    main()
