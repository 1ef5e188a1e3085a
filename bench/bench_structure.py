#!/usr/bin/env python3
"""What the structure pass costs on a real tree, against the plain scan in the same run.

    bench/bench_structure.py [TREE] [--runs N] [--json FILE]

TREE defaults to the kernel unpacked by `scripts/fetch-corpus.sh linux`.
Runs alternate (`oxidize scan --no-history` and `oxidize components`, both
without the analysis cache, both with functions and hazards), so that noise
from other work on the machine hits them alike; each figure is the median.
The targets of issue 11:

  analysis      the lexer pass with the includes and call sites extracted,
                against the same pass without (the `discover+read+analyze`
                stage of --perf): at most 1.15x
  call graph    the `call graph` stage of `oxidize components`: at most 1 s
  peak RSS      of `oxidize components` on the kernel: under 400 MB

Machines here are shared and noisy: compare ratios from the same run.
"""
import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_engine import perf_seconds  # noqa: E402
from bench_scan import CACHE, ROOT  # noqa: E402


def run(cmd):
    """Wall, peak RSS (GNU time) and the --perf stages of one run."""
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd, "--perf", "--no-progress", "--no-cache"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    wall, rss_kb = p.stderr.strip().splitlines()[-1].split()
    return {"wall": float(wall), "rss_mb": int(rss_kb) / 1024, "perf": p.stderr}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", nargs="?", default=str(CACHE / "corpora" / "linux-6.1"))
    ap.add_argument("--oxidize", default=str(ROOT / "build" / "release" / "oxidize"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", help="write the figures here too")
    args = ap.parse_args()

    commands = {"scan": [args.oxidize, "scan", args.tree, "--no-history"],
                "components": [args.oxidize, "components", args.tree]}
    subprocess.run(commands["scan"] + ["--no-progress"], stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    samples = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            samples[name].append(run(cmd))

    def med(name, key):
        return statistics.median(s[key] for s in samples[name])

    def stage(name, what):
        return statistics.median(perf_seconds(s["perf"], what) or 0.0 for s in samples[name])

    figures = {
        "tree": args.tree,
        "scan_wall": med("scan", "wall"),
        "components_wall": med("components", "wall"),
        "scan_analysis": stage("scan", "discover+read+analyze"),
        "components_analysis": stage("components", "discover+read+analyze"),
        "include_graph": stage("components", "include graph"),
        "call_graph": stage("components", "call graph"),
        "components_rss_mb": max(s["rss_mb"] for s in samples["components"]),
        "scan_rss_mb": max(s["rss_mb"] for s in samples["scan"]),
    }
    figures["analysis_ratio"] = figures["components_analysis"] / figures["scan_analysis"]
    figures["wall_ratio"] = figures["components_wall"] / figures["scan_wall"]
    print(f"tree: {args.tree} ({args.runs} runs each, medians)")
    print(f"analysis pass   scan {figures['scan_analysis']:.2f} s, with structure {figures['components_analysis']:.2f} s"
          f" = {figures['analysis_ratio']:.3f}x (target <= 1.15x)")
    print(f"whole command   scan {figures['scan_wall']:.2f} s, components {figures['components_wall']:.2f} s"
          f" = {figures['wall_ratio']:.3f}x")
    print(f"include graph   {figures['include_graph']:.3f} s")
    print(f"call graph      {figures['call_graph']:.3f} s (target <= 1 s)")
    print(f"peak RSS        scan {figures['scan_rss_mb']:.0f} MB, components {figures['components_rss_mb']:.0f} MB"
          " (target < 400 MB)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
