#!/usr/bin/env python3
"""Speed and memory of the hazard analysis against flawfinder, side by side in one run.

    bench/bench_hazards.py [TREE] [--runs N] [--flawfinder-runs N] [--json FILE]

TREE defaults to the kernel unpacked by `scripts/fetch-corpus.sh linux`. The
page cache is warmed first; each tool then runs --runs times (median wall time
reported; flawfinder, which takes many minutes, --flawfinder-runs times). Peak
RSS comes from GNU time (`/usr/bin/time`). Tools:

  oxidize hazards   oxidize hazards TREE --format json --min-confidence low:
                    every finding, written out (-j = all cores)
  oxidize scan      the full scan: inventory, functions and hazards
  oxidize scan --no-hazards   the same without hazards, for the overhead
                    (every oxidize run with --no-cache, and the scans with
                    --no-store --no-history: the analysis itself, every time;
                    a second run would otherwise take every file from the
                    analysis cache)
  flawfinder        Debian's flawfinder --dataonly --quiet --minlevel=0 over
                    the C/C++ files, in as many processes as oxidize has
                    threads (xargs -P), so that both use the whole machine

The issue's targets: hazards at least 30x flawfinder's speed; the full scan
of the kernel in <= 4 s on 2 cores with peak RSS <= 300 MB. Machines here
are shared and noisy: compare ratios from the same run, never absolute times
across runs.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scan import CACHE, ROOT, source_files, timed  # noqa: E402

C_EXTS = {".c", ".h", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".hh", ".hpp", ".hxx", ".h++", ".H", ".inl"}


def median_run(cmd, runs, **kw):
    results = [timed(cmd, **kw) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    rss = max(r[2] for r in results)
    return {"wall": wall, "cpu": cpu, "rss_mb": rss, "runs": runs}


def flawfinder_run(files, procs, runs):
    """flawfinder over the file list in `procs` processes (xargs -P); wall of the whole."""
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as lst:
        lst.write("\0".join(str(f) for f in files))
        name = lst.name
    try:
        cmd = ["sh", "-c",
               f"xargs -0 -P {procs} -n {max(1, len(files) // (procs * 8) + 1)} "
               f"flawfinder --dataonly --quiet --minlevel=0 < {name} > /dev/null"]
        return median_run(cmd, runs, allow_failure=True)
    finally:
        os.unlink(name)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", nargs="?", default=str(CACHE / "corpora" / "linux-6.1"))
    ap.add_argument("--oxidize", default=os.environ.get("OXIDIZE", str(ROOT / "build" / "release" / "oxidize")))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--flawfinder-runs", type=int, default=1)
    ap.add_argument("--no-flawfinder", action="store_true", help="oxidize only (flawfinder takes many minutes)")
    ap.add_argument("--baseline", help="another oxidize binary (an earlier build) measured the same way")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()

    tree = Path(args.tree)
    if not tree.is_dir():
        sys.exit(f"bench_hazards: {tree} is not a directory (scripts/fetch-corpus.sh linux unpacks the kernel)")
    if not os.access(args.oxidize, os.X_OK):
        sys.exit(f"bench_hazards: {args.oxidize} not found (scripts/build.sh release)")
    threads = os.cpu_count() or 1
    files = [tree / f for f in source_files(tree) if Path(f).suffix in C_EXTS]
    print(f"tree {tree}: {len(files)} C/C++ files; {threads} cores", file=sys.stderr)
    # Warm the page cache.
    subprocess.run([args.oxidize, "scan", str(tree), "--no-progress", "--no-functions", "--no-cache", "--no-store",
                    "--no-history"], stdout=subprocess.DEVNULL, check=True)

    ox = args.oxidize
    scan = [ox, "scan", str(tree), "--no-progress", "--no-cache", "--no-store", "--no-history"]
    rows = {}
    rows["oxidize scan --no-hazards"] = median_run(scan + ["--no-hazards"], args.runs)
    rows["oxidize scan (full)"] = median_run(scan, args.runs)
    rows["oxidize hazards"] = median_run(
        [ox, "hazards", str(tree), "--no-progress", "--no-cache", "--format", "json", "--min-confidence", "low"],
        args.runs)
    if args.baseline:
        before = [args.baseline] + scan[1:]
        rows["baseline scan (full)"] = median_run(before, args.runs)
        rows["baseline hazards"] = median_run(
            [args.baseline, "hazards", str(tree), "--no-progress", "--no-cache", "--format", "json",
             "--min-confidence", "low"], args.runs)
    for name, r in rows.items():
        print(f"{name}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, {r['rss_mb']:.0f} MB", file=sys.stderr)
    if not args.no_flawfinder:
        rows[f"flawfinder ({threads} processes)"] = flawfinder_run(files, threads, args.flawfinder_runs)
        r = rows[f"flawfinder ({threads} processes)"]
        print(f"flawfinder: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, {r['rss_mb']:.0f} MB", file=sys.stderr)

    base = rows["oxidize hazards"]
    print(f"\n| tool | wall | CPU | peak RSS | wall ratio to oxidize hazards |")
    print("|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['wall']:.2f} s | {r['cpu']:.2f} s | {r['rss_mb']:.0f} MB | {r['wall'] / base['wall']:.2f}x |")
    full = rows["oxidize scan (full)"]
    inventory = rows["oxidize scan --no-hazards"]
    print(f"\nfull scan: {full['wall']:.2f} s (target <= 4 s), peak {full['rss_mb']:.0f} MB (target <= 300 MB); "
          f"hazards add {full['wall'] / inventory['wall']:.2f}x wall, {full['cpu'] / inventory['cpu']:.2f}x CPU")
    ff = [r for n, r in rows.items() if n.startswith("flawfinder")]
    if ff:
        print(f"flawfinder / oxidize hazards: {ff[0]['wall'] / base['wall']:.1f}x wall (target >= 30x), "
              f"{ff[0]['cpu'] / base['cpu']:.1f}x CPU")
        if "baseline hazards" in rows:
            b = rows["baseline hazards"]
            print(f"flawfinder / baseline hazards: {ff[0]['wall'] / b['wall']:.1f}x wall, {ff[0]['cpu'] / b['cpu']:.1f}x CPU")
        print(f"flawfinder / oxidize scan --no-hazards (lexing and functions only): "
              f"{ff[0]['cpu'] / inventory['cpu']:.1f}x CPU")
    if args.json:
        Path(args.json).write_text(json.dumps({"tree": str(tree), "files": len(files), "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
