#!/usr/bin/env python3
"""The history pass on a real repository, side by side with git in the same run.

    bench/bench_history.py REPO [--runs N] [--bin build/release/oxidize] [--json FILE]

REPO is a git repository with a long history (the issue's yardstick is
curl's, about 39,000 commits: fetch github:curl/curl, or clone
https://github.com/curl/curl into a cache folder; a bare mirror works).
Each line is the median of --runs runs; the commands alternate so that noise
from other work on the machine hits them alike. What is measured (issue 10):

  git log       git log --numstat --format=%H: the reference, one thread
  file facts    oxidize history --by file (target: at most git log's time)
  function      oxidize history --by function, with code age (target: at most twice)
  timeline      oxidize history at 24 monthly points, cache off (target: at most twice)
  timeline again  the same with the analysis cache warm: what a rerun costs

Peak RSS is GNU time's. Ratios are to git log's wall time in the same run.
"""
import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scan import ROOT, timed  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("repo")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=str(ROOT / "build" / "release" / "oxidize"))
    ap.add_argument("--json")
    ap.add_argument("--no-timeline", action="store_true", help="skip the timeline lines")
    args = ap.parse_args()
    repo = str(Path(args.repo).resolve())
    ox = args.bin
    state = tempfile.mkdtemp(prefix="oxidize-bench-history-")
    commands = {
        "git log --numstat": ["git", "--git-dir" if repo.endswith(".git") or Path(repo, "HEAD").is_file() else "-C",
                              repo, "log", "--numstat", "--format=%H"],
        "history --by file": [ox, "history", repo, "--by", "file", "--format", "csv", "--no-progress"],
        "history --by function": [ox, "history", repo, "--by", "function", "--format", "csv", "--no-progress"],
    }
    if not args.no_timeline:
        commands["timeline, 24 months, no cache"] = [ox, "history", repo, "--every", "month", "--format", "csv",
                                                     "--no-progress", "--no-cache"]
    # Warm the page cache (and the timeline's analysis cache for the last line).
    for cmd in commands.values():
        timed(cmd, allow_failure=True)
    samples = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            samples[name].append(timed(cmd))
    results = {name: {"wall": statistics.median(s[0] for s in v), "cpu": statistics.median(s[1] for s in v),
                      "rss_mb": max(s[2] for s in v)} for name, v in samples.items()}
    base = results["git log --numstat"]["wall"]
    print(f"{'what':<34} {'wall s':>8} {'cpu s':>8} {'x git log':>10} {'peak RSS MB':>12}")
    for name, r in results.items():
        print(f"{name:<34} {r['wall']:8.2f} {r['cpu']:8.2f} {r['wall'] / base:10.2f} {r['rss_mb']:12.0f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"repo": repo, "runs": args.runs, "results": results}, indent=2))


if __name__ == "__main__":
    main()
