#!/usr/bin/env python3
"""Speed and memory of `oxidize scan` against its peers, side by side in one run.

    bench/bench_scan.py [TREE] [--runs N] [--cloc-runs N] [--json FILE]

TREE defaults to the kernel unpacked by `scripts/fetch-corpus.sh linux`. The
page cache is warmed first; each tool then runs --runs times (median wall time
reported; cloc, which takes minutes, --cloc-runs times). Peak RSS comes from
GNU time (`/usr/bin/time`, the `time` package). Tools:

  read floor  ../shared/peers/read_floor.c, two processes over halves of the
              file list (both cores), as the peers README prescribes
  scc         3.3.5 built offline by ../shared/peers/build_scc.sh
              (-i <our extensions> --no-gitignore), with --no-complexity
              and without (its complexity count reads every line again)
  cloc        Debian's cloc
  oxidize     oxidize scan TREE --no-progress --no-cache --no-store
              --no-history (-j = all cores: the analysis itself, every file
              analysed, nothing written): inventory, functions and hazards
              (the default); with --no-hazards: inventory and functions; with
              --no-functions: the inventory alone. Without --no-cache a
              second run would take every file from the analysis cache
  pmccabe     Debian's pmccabe over the C/C++ files, 2 processes (xargs -P 2);
              it crashes on a few kernel files, which does not stop the run

Machines here are shared and noisy: compare ratios from the same run, never
absolute times across runs.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("OXIDIZE_CACHE", Path.home() / ".cache" / "oxidize"))
EXTS = ("c", "h", "cc", "cpp", "cxx", "c++", "C", "cp", "hh", "hpp", "hxx", "h++", "H", "inl", "ipp", "tcc", "rs")
SHARED_PEERS = ROOT.parent / "shared" / "peers"


def timed(cmd, stdin_path=None, cwd=None, allow_failure=False):
    """Runs cmd under GNU time; returns (wall s, user+sys s, peak RSS MB)."""
    with tempfile.NamedTemporaryFile("r") as out:
        full = ["/usr/bin/time", "-o", out.name, "-f", "%e %U %S %M", *cmd]
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            p = subprocess.run(full, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        finally:
            if stdin_path:
                stdin.close()
        if p.returncode != 0 and not allow_failure:
            raise RuntimeError(f"{cmd[0]} failed: {p.stderr.decode(errors='replace')[-500:]}")
        # The last line: GNU time writes "Command exited with non-zero status" before it.
        wall, user, sys_, rss_kb = out.read().strip().splitlines()[-1].split()
        return float(wall), float(user) + float(sys_), int(rss_kb) / 1024


def floor_run(floor_bin, halves, cwd):
    """Both halves of the file list read in parallel; wall of the pair, max RSS."""
    import time
    start = time.monotonic()
    procs = []
    outs = []
    for h in halves:
        out = tempfile.NamedTemporaryFile("r")
        outs.append(out)
        procs.append(subprocess.Popen(["/usr/bin/time", "-o", out.name, "-f", "%e %U %S %M", floor_bin],
                                      stdin=open(h, "rb"), stdout=subprocess.DEVNULL, cwd=cwd))
    for p in procs:
        if p.wait() != 0:
            raise RuntimeError("read floor failed")
    wall = time.monotonic() - start
    cpu, rss = 0.0, 0.0
    for out in outs:
        _, user, sys_, rss_kb = out.read().split()
        cpu += float(user) + float(sys_)
        rss = max(rss, int(rss_kb) / 1024)
        out.close()
    return wall, cpu, rss


def source_files(tree):
    files = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = [d for d in dirnames if d not in (".git", ".hg", ".svn")]
        for f in filenames:
            if "." in f[1:] and f.rsplit(".", 1)[1] in EXTS:
                p = os.path.join(dirpath, f)
                if os.path.isfile(p) and not os.path.islink(p):
                    files.append(os.path.relpath(p, tree))
    return sorted(files)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", nargs="?", default=str(CACHE / "corpora" / "linux-6.1"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cloc-runs", type=int, default=1)
    ap.add_argument("--no-cloc", action="store_true")
    ap.add_argument("--no-pmccabe", action="store_true")
    ap.add_argument("--oxidize", default=str(ROOT / "build" / "release" / "oxidize"))
    ap.add_argument("--scc", default=str(Path.home() / ".cache" / "oxidize-peers" / "scc" / "bin" / "scc"))
    ap.add_argument("--baseline", help="another oxidize binary (an earlier build): its scans run in the same rounds")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    tree = Path(args.tree).resolve()
    if not tree.is_dir():
        sys.exit(f"bench: {tree} is not a directory (run scripts/fetch-corpus.sh linux)")

    work = Path(tempfile.mkdtemp(prefix="oxidize-bench-"))
    floor_bin = work / "read_floor"
    subprocess.run(["cc", "-O2", "-o", str(floor_bin), str(SHARED_PEERS / "read_floor.c")], check=True)
    files = source_files(tree)
    total_bytes = sum(os.path.getsize(tree / f) for f in files)
    halves = [work / "half0", work / "half1"]
    for i, h in enumerate(halves):
        h.write_bytes(b"".join(f.encode() + b"\0" for f in files[i::2]))

    # Warm the page cache.
    floor_run(str(floor_bin), halves, tree)

    tools = [("read floor", lambda: floor_run(str(floor_bin), halves, tree), args.runs)]
    if Path(args.scc).exists():
        tools.append(("scc --no-complexity", lambda: timed([args.scc, "-i", ",".join(EXTS), "--no-complexity",
                                                            "--no-gitignore", str(tree)]), args.runs))
        tools.append(("scc (with complexity)", lambda: timed([args.scc, "-i", ",".join(EXTS), "--no-gitignore",
                                                              str(tree)]), args.runs))
    else:
        print(f"bench: scc not found at {args.scc}; build it with ../shared/peers/build_scc.sh", file=sys.stderr)
    oxidize = [args.oxidize, "scan", str(tree), "--no-progress", "--no-cache", "--no-store", "--no-history"]
    tools.append(("oxidize scan --no-functions", lambda: timed(oxidize + ["--no-functions"]), args.runs))
    tools.append(("oxidize scan --no-hazards", lambda: timed(oxidize + ["--no-hazards"]), args.runs))
    tools.append(("oxidize scan", lambda: timed(oxidize), args.runs))
    if args.baseline:
        before = [args.baseline] + oxidize[1:]
        tools.append(("baseline scan --no-hazards", lambda: timed(before + ["--no-hazards"]), args.runs))
        tools.append(("baseline scan", lambda: timed(before), args.runs))
    c_list = work / "c_files"
    c_list.write_bytes(b"".join(f.encode() + b"\0" for f in files if not f.endswith(".rs")))
    if not args.no_pmccabe:
        tools.append(("pmccabe (2 processes)",
                      # Each batch in its own sh that always succeeds: xargs stops
                      # reading input when a command is killed by a signal, and
                      # pmccabe segfaults on some kernel files.
                      lambda: timed(["sh", "-c", f"xargs -0 -P 2 -n 64 sh -c 'pmccabe \"$@\" >/dev/null 2>&1; exit 0' _ "
                                                 f"< '{c_list}'"],
                                    cwd=tree, allow_failure=True), args.runs))
    if not args.no_cloc:
        tools.append(("cloc", lambda: timed(["cloc", "--quiet", str(tree)]), args.cloc_runs))

    # Rounds: each tool once per round, so that a busy spell of the machine
    # slows every tool alike instead of one tool's runs.
    samples_of = {name: [] for name, _, _ in tools}
    for round_ in range(max(runs for _, _, runs in tools)):
        for name, run, runs in tools:
            if round_ < runs:
                samples_of[name].append(run())
    results = {}
    for name, run, runs in tools:
        samples = samples_of[name]
        results[name] = {
            "runs": runs,
            "wall_s": statistics.median(s[0] for s in samples),
            "cpu_s": statistics.median(s[1] for s in samples),
            "peak_rss_mb": max(s[2] for s in samples),
        }
        print(f"bench: {name}: {results[name]['wall_s']:.2f} s", file=sys.stderr)

    ox = results["oxidize scan"]["wall_s"]
    if "scc (with complexity)" in results:
        scc = results["scc (with complexity)"]
        print(f"oxidize scan (inventory, functions, hazards) / scc with complexity: "
              f"{ox / scc['wall_s']:.2f}x wall, {results['oxidize scan']['cpu_s'] / scc['cpu_s']:.2f}x CPU "
              f"(target: at most 1.0x wall)")
        if "baseline scan" in results:
            b = results["baseline scan"]
            print(f"baseline scan / scc with complexity: {b['wall_s'] / scc['wall_s']:.2f}x wall, "
                  f"{b['cpu_s'] / scc['cpu_s']:.2f}x CPU; oxidize scan / baseline scan: "
                  f"{ox / b['wall_s']:.2f}x wall, {results['oxidize scan']['cpu_s'] / b['cpu_s']:.2f}x CPU")
        print()
    print(f"Tree: {tree} ({len(files):,} C/C++/Rust files, {total_bytes / 1e6:,.0f} MB); "
          f"{os.cpu_count()} cores; median of runs, warm page cache\n")
    print("| tool | runs | wall (s) | CPU (s) | MB/s | peak RSS (MB) | wall / oxidize scan |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['runs']} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | "
              f"{total_bytes / 1e6 / r['wall_s']:,.0f} | {r['peak_rss_mb']:.0f} | {r['wall_s'] / ox:.2f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"tree": str(tree), "files": len(files), "bytes": total_bytes,
                                               "results": results}, indent=2) + "\n")
    subprocess.run(["rm", "-rf", str(work)])


if __name__ == "__main__":
    main()
