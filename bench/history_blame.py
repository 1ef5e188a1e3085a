#!/usr/bin/env python3
"""Code age: oxidize's median_age_days against `git blame`, on a sample of files.

oxidize carries line ages forward along the first-parent chain (like
`git blame --first-parent` without -M/-C). This script measures how far that
is from plain `git blame` (default options: every parent followed, whole-file
renames followed, no -M/-C) on N files of a repository:

1. `oxidize history REPO --by file --format csv --include-vendored
   --include-generated` (default walk) once: median_age_days per file.
2. The sample: the files of oxidize's output that have an age, sorted by path,
   and N of them evenly spaced (index floor(i * count / N), i = 0..N-1): a
   deterministic "every k-th file" sample.
3. For each sampled file, `git blame --line-porcelain HEAD -- PATH` (run from
   the work tree, or with --git-dir for a bare repository): per line
   age = max(0, now - author-time), now = HEAD's committer time (%ct), as
   oxidize; the median (mean of the two middle values for an even count), in
   days.
4. For the files more than --tolerance days apart (default 1), up to
   --first-parent-max of them (largest differences first) are blamed again
   with `git blame --first-parent`, which is what oxidize approximates, so
   that the differences split into "side branches" (plain blame goes into the
   merged branches and finds the older commits there; oxidize and
   --first-parent stop at the merge, whose author time is the merge's) and
   the rest (diff placement, renames, ...). For every sampled file it also
   reports the share of lines that plain blame attributes to commits off the
   first-parent chain.

Prints the share of files within the tolerance, the distribution of the
differences (oxidize - blame, days), the files outside the tolerance, and the
wall time of the blame runs against oxidize's single run.

usage (from the repository root):
  python3 bench/history_blame.py REPO [--oxidize build/release/oxidize] [-n 200]
        [--tolerance 1] [--first-parent-max 30] [--csv OUT.csv] [--jobs N]
REPO is a work tree or a bare repository (e.g. /work/.mirror/curl+curl/repo).
"""
import argparse
import csv
import io
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OXIDIZE = os.path.join(os.path.dirname(HERE), "build", "release", "oxidize")
DAY = 86400.0


def git_base(repo):
    """git argv prefix that works for a work tree and for a bare repository."""
    bare = subprocess.run(["git", "-C", repo, "rev-parse", "--is-bare-repository"], stdout=subprocess.PIPE,
                          text=True, check=True).stdout.strip() == "true"
    return ["git", "--git-dir", repo] if bare else ["git", "-C", repo]


def median_age_days(times, now):
    ages = sorted(max(0, now - t) for t in times)
    if not ages:
        return None
    mid = len(ages) // 2
    m = ages[mid] if len(ages) % 2 else (ages[mid - 1] + ages[mid]) / 2
    return m / DAY


def blame(git, path, first_parent=False):
    """[(commit, author_time)] per line of PATH at HEAD."""
    cmd = git + ["blame", "--line-porcelain"] + (["--first-parent"] if first_parent else []) + ["HEAD", "--", path]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.decode("utf-8", "replace").strip())
    lines = []
    commit = None
    for raw in p.stdout.split(b"\n"):
        if raw.startswith(b"\t"):
            continue
        if len(raw) >= 40 and raw[:40].strip(b"0123456789abcdef") == b"" and raw[40:41] == b" ":
            commit = raw[:40].decode()
        elif raw.startswith(b"author-time "):
            lines.append((commit, int(raw.split()[1])))
    return lines


def pct(values, q):
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("repo")
    ap.add_argument("--oxidize", default=DEFAULT_OXIDIZE)
    ap.add_argument("-n", type=int, default=200, help="files in the sample")
    ap.add_argument("--tolerance", type=float, default=1.0, help="days")
    ap.add_argument("--first-parent-max", type=int, default=30,
                    help="files outside the tolerance blamed again with --first-parent")
    ap.add_argument("--csv", default="", help="write the per-file figures here")
    ap.add_argument("--jobs", type=int, default=0, help="oxidize --jobs")
    args = ap.parse_args()
    repo = os.path.abspath(args.repo)
    git = git_base(repo)
    now = int(subprocess.run(git + ["show", "-s", "--format=%ct", "HEAD"], stdout=subprocess.PIPE, text=True,
                             check=True).stdout.strip())
    head = subprocess.run(git + ["rev-parse", "HEAD"], stdout=subprocess.PIPE, text=True, check=True).stdout.strip()

    cmd = [args.oxidize, "history", repo, "--by", "file", "--format", "csv", "--include-vendored",
           "--include-generated", "--no-progress"] + (["--jobs", str(args.jobs)] if args.jobs else [])
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    t_ox = time.time() - t0
    if p.returncode != 0:
        raise SystemExit("history_blame.py: %s failed: %s" % (" ".join(cmd), p.stderr.decode("utf-8", "replace")))
    rows = [r for r in csv.DictReader(io.StringIO(p.stdout.decode("utf-8", "replace"), newline=""))
            if r["median_age_days"] != ""]
    rows.sort(key=lambda r: r["path"])
    n = min(args.n, len(rows))
    sample = [rows[i * len(rows) // n] for i in range(n)] if n else []

    chain = set(subprocess.run(git + ["rev-list", "--first-parent", "HEAD"], stdout=subprocess.PIPE, text=True,
                               check=True).stdout.split())
    results = []
    t_blame = 0.0
    for r in sample:
        t0 = time.time()
        try:
            lines = blame(git, r["path"])
        except RuntimeError as e:
            print("blame failed on %s: %s" % (r["path"], e), file=sys.stderr)
            continue
        t_blame += time.time() - t0
        b = median_age_days([t for _, t in lines], now)
        off_chain = sum(1 for c, _ in lines if c not in chain)
        results.append(dict(path=r["path"], lines=len(lines), oxidize_lines=int(r["aged_lines"] or 0),
                            oxidize=float(r["median_age_days"]), blame=b,
                            diff=float(r["median_age_days"]) - b, off_chain_share=off_chain / len(lines) if lines else 0.0,
                            first_parent=None))
    outside = [x for x in results if abs(x["diff"]) > args.tolerance]
    t_fp = 0.0
    n_fp = 0
    for x in sorted(outside, key=lambda x: -abs(x["diff"]))[:args.first_parent_max]:
        t0 = time.time()
        try:
            lines = blame(git, x["path"], first_parent=True)
        except RuntimeError as e:
            print("blame --first-parent failed on %s: %s" % (x["path"], e), file=sys.stderr)
            continue
        t_fp += time.time() - t0
        n_fp += 1
        x["first_parent"] = median_age_days([t for _, t in lines], now)

    diffs = [x["diff"] for x in results]
    within = sum(1 for d in diffs if abs(d) <= args.tolerance)
    print("repository: %s, HEAD %s, now %d" % (repo, head[:12], now))
    print("oxidize: %s" % " ".join(cmd))
    print("sample: %d of %d files with an age (sorted by path, every %.1f-th)" % (len(results), len(rows),
                                                                                 len(rows) / n if n else 0))
    print("within %.1f day(s) of git blame: %d of %d (%.1f%%)" % (args.tolerance, within, len(results),
                                                                  100.0 * within / len(results) if results else 0))
    buckets = [(0, 1), (1, 7), (7, 30), (30, 365), (365, float("inf"))]
    print("\n| |oxidize - blame| (days) | files | oxidize younger | oxidize older |")
    print("|---|---|---|---|")
    for lo, hi in buckets:
        sel = [d for d in diffs if (lo < abs(d) <= hi) or (lo == 0 and abs(d) <= hi)]
        print("| %s | %d | %d | %d |" % ("<= %g" % hi if lo == 0 else "(%g, %g]" % (lo, hi), len(sel),
                                         sum(1 for d in sel if d < 0), sum(1 for d in sel if d > 0)))
    if diffs:
        print("\ndifference oxidize - blame (days): min %.1f, p5 %.1f, p25 %.1f, median %.1f, p75 %.1f, p95 %.1f, max %.1f;"
              " mean |diff| %.1f" % (min(diffs), pct(diffs, .05), pct(diffs, .25), statistics.median(diffs),
                                     pct(diffs, .75), pct(diffs, .95), max(diffs),
                                     statistics.mean(abs(d) for d in diffs)))
        share = [x["off_chain_share"] for x in results]
        print("lines plain blame attributes to commits off the first-parent chain: mean %.1f%% per file,"
              " files with any: %d" % (100 * statistics.mean(share), sum(1 for s in share if s > 0)))
    if outside:
        print("\nfiles outside %.1f day(s) (largest first; fp = git blame --first-parent):" % args.tolerance)
        print("| path | lines (blame / oxidize) | oxidize | blame | fp | oxidize - blame | oxidize - fp | off-chain lines |")
        print("|---|---|---|---|---|---|---|---|")
        for x in sorted(outside, key=lambda x: -abs(x["diff"])):
            fp = x["first_parent"]
            print("| %s | %d / %d | %.1f | %.1f | %s | %.1f | %s | %.1f%% |" % (
                x["path"], x["lines"], x["oxidize_lines"], x["oxidize"], x["blame"],
                "-" if fp is None else "%.1f" % fp, x["diff"], "-" if fp is None else "%.1f" % (x["oxidize"] - fp),
                100 * x["off_chain_share"]))
        fps = [x for x in outside if x["first_parent"] is not None]
        if fps:
            agree = sum(1 for x in fps if abs(x["oxidize"] - x["first_parent"]) <= args.tolerance)
            print("\nof the %d re-blamed with --first-parent, %d are within %.1f day(s) of oxidize"
                  % (len(fps), agree, args.tolerance))
    print("\ntime: oxidize %.1f s (all %d files, whole history); git blame %.1f s for %d files (%.2f s/file,"
          " ~%.0f s for all %d files); git blame --first-parent %.1f s for %d files"
          % (t_ox, len(rows), t_blame, len(results), t_blame / len(results) if results else 0,
             t_blame / len(results) * len(rows) if results else 0, len(rows), t_fp, n_fp))
    if args.csv:
        with open(args.csv, "w", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["path", "lines", "oxidize_lines", "oxidize_median_age_days", "blame_median_age_days",
                        "first_parent_median_age_days", "diff", "off_chain_share"])
            for x in results:
                w.writerow([x["path"], x["lines"], x["oxidize_lines"], "%.1f" % x["oxidize"], "%.3f" % x["blame"],
                            "" if x["first_parent"] is None else "%.3f" % x["first_parent"], "%.3f" % x["diff"],
                            "%.4f" % x["off_chain_share"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
