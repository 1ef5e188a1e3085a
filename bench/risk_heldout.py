#!/usr/bin/env python3
"""The static CVE backtest's protocol on Debian packages outside ../shared/backtest
(held out: the risk weights were never fitted on them).

For each source package under CORPORA (scripts/fetch-corpus.sh, patches applied by
dpkg-source, originals kept in .pc/):
  1. rebuild the unpatched upstream tree in a scratch folder (each file's copy in
     the .pc/ folder of the first patch of debian/patches/series that touched it;
     files a patch created are left out);
  2. the ground truth: the C/C++ files (not tests) changed by the patches whose
     name or description names a CVE and a memory-safety bug (the keyword rules
     of ../shared/backtest/README.md: overflow, out-of-bounds, over-read,
     use-after-free, double free, NULL dereference, uninitialised, invalid free,
     type confusion);
  3. rank the unpatched tree with `oxidize hotspots --format csv --no-history`, and
     with two baselines from the same scan (largest first; highest McCabe first);
  4. score with ../shared/backtest/score.py's definitions (universe, ties
     pessimistic, R@20%files, R@20%LOC).

usage: bench/risk_heldout.py [--oxidize build/release/oxidize] [--corpora DIR] [--config FILE] PACKAGE...
"""
import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("BACKTEST_SHARED", os.path.join(HERE, "..", "..", "shared"))
sys.path.insert(0, os.path.join(SHARED, "backtest"))
import score  # noqa: E402  (the harness's own metric definitions)

MEMORY = re.compile(r"overflow|out[- ]of[- ]bounds|over-?read|under-?read|use[- ]after[- ]free|double[- ]free|"
                    r"null[- ]pointer|null dereference|uninitiali[sz]ed|invalid free|type confusion|heap corruption|"
                    r"memory corruption|buffer over", re.I)
CVE = re.compile(r"CVE-\d{4}-\d{4,}")
SOURCE = re.compile(r"\.(c|h|cc|cpp|cxx|hh|hpp)$")
TEST = re.compile(r"(^|/)(tests?|testing|libtests|testpngs|fuzz\w*)(/|$)|(^|/)test[^/]*\.c$", re.I)


def series(root):
    path = os.path.join(root, "debian", "patches", "series")
    with open(path) as fh:
        return [l.split()[0] for l in fh if l.strip() and not l.startswith("#")]


def unpatched_tree(root, dest):
    shutil.copytree(root, dest, symlinks=True, ignore=shutil.ignore_patterns(".pc", "debian", ".oxidize"))
    restored = set()
    for patch in series(root):
        pc = os.path.join(root, ".pc", patch)
        if not os.path.isdir(pc):
            continue
        for dirpath, _, files in os.walk(pc):
            for f in files:
                full = os.path.join(dirpath, f)
                rel = os.path.relpath(full, pc)
                if rel.startswith(".") or rel in restored:
                    continue
                restored.add(rel)
                target = os.path.join(dest, rel)
                if os.path.getsize(full) == 0:  # quilt's mark of a file the patch created
                    if os.path.exists(target):
                        os.remove(target)
                else:
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    shutil.copyfile(full, target)


def ground_truth(root):
    files, cves = set(), {}
    for patch in series(root):
        text = open(os.path.join(root, "debian", "patches", patch), errors="replace").read()
        head = text.split("\n---", 1)[0][:4000]
        ids = set(CVE.findall(patch + " " + head))
        if not ids or not MEMORY.search(head):
            continue
        touched = {m for m in re.findall(r"^\+\+\+ [^/\s]+/(\S+)", text, re.M) if SOURCE.search(m) and not TEST.search(m)}
        files |= touched
        for c in ids:
            cves.setdefault(c, set()).update(touched)
    return files, {c: ps for c, ps in cves.items() if ps}


def rank(oxidize, tree, config):
    extra = ["--config", config] if config else []
    out = subprocess.run([oxidize, "hotspots", tree, "--format", "csv", "--by", "files", "--no-history", "--no-cache",
                          "--no-progress", *extra], capture_output=True, text=True, check=True).stdout
    ours = {r["path"]: float(r["score"]) for r in csv.DictReader(io.StringIO(out))}
    fns = subprocess.run([oxidize, "functions", tree, "--format", "csv", "--no-cache", "--no-progress"],
                         capture_output=True, text=True, check=True).stdout
    ccn = {}
    for r in csv.DictReader(io.StringIO(fns)):
        ccn[r["path"]] = max(ccn.get(r["path"], 0), int(r["ccn"]))
    return ours, ccn


def recall(uni, scores, g):
    order = score.order_items(list(uni), lambda p: scores.get(p, -1e300), lambda p: p in g["files"], lambda p: uni[p])
    m = score.file_metrics(order, uni, g)
    n = len(g["files"])
    return m["files_found@20%files"] / n, m["files_found@20%LOC"] / n, m["files_found@20%files"], m["files_found@20%LOC"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--oxidize", default="build/release/oxidize")
    ap.add_argument("--corpora", default=os.path.expanduser("~/.cache/oxidize/corpora"))
    ap.add_argument("--config", default="", help="an oxidize.toml with [risk] weights (default: the built-in ones)")
    ap.add_argument("packages", nargs="+")
    args = ap.parse_args()
    oxidize = os.path.abspath(args.oxidize)
    print("| package | files | vulnerable files | CVEs | oxidize R@20%files / R@20%LOC | largest first | highest McCabe |")
    print("|---|---|---|---|---|---|---|")
    tot = {"n": 0, "ours": [0, 0], "loc": [0, 0], "ccn": [0, 0]}
    for pkg in args.packages:
        root = os.path.join(args.corpora, pkg)
        work = tempfile.mkdtemp(prefix="oxidize-heldout-")
        try:
            tree = os.path.join(work, pkg)
            unpatched_tree(root, tree)
            files, cves = ground_truth(root)
            uni = score.universe(tree)
            files = {f for f in files if f in uni}
            if not files:
                print("| %s | %d | 0 | - | - | - | - |" % (pkg, len(uni)))
                continue
            g = {"files": files, "cves": {c: {p for p in ps if p in uni} for c, ps in cves.items()}}
            ours, ccn = rank(oxidize, tree, os.path.abspath(args.config) if args.config else "")
            rows = {name: recall(uni, s, g) for name, s in
                    (("ours", ours), ("loc", {p: float(uni[p]) for p in uni}), ("ccn", {p: float(v) for p, v in ccn.items()}))}
            tot["n"] += len(files)
            for k in ("ours", "loc", "ccn"):
                tot[k][0] += rows[k][2]
                tot[k][1] += rows[k][3]
            print("| %s | %d | %d | %d | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f |" % (
                pkg, len(uni), len(files), len(g["cves"]), rows["ours"][0], rows["ours"][1], rows["loc"][0],
                rows["loc"][1], rows["ccn"][0], rows["ccn"][1]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if tot["n"]:
        n = tot["n"]
        print("| **pooled** | | %d | | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f |" % (
            n, tot["ours"][0] / n, tot["ours"][1] / n, tot["loc"][0] / n, tot["loc"][1] / n, tot["ccn"][0] / n,
            tot["ccn"][1] / n))


if __name__ == "__main__":
    main()
