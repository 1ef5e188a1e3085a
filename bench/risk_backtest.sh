#!/usr/bin/env bash
# The risk ranking (`oxidize hotspots --format csv`) on both CVE backtests, end to end.
#
# usage (from the repository root):
#   bench/risk_backtest.sh [--oxidize PATH] [--name NAME] [--config FILE] [--flags 'HOTSPOTS FLAGS']
#                          [--only static|git] [--checkouts DIR] [--baselines]
#
#   PATH       the oxidize binary, default build/release/oxidize
#   NAME       run name, default risk; results under ${XDG_CACHE_HOME:-$HOME/.cache}/oxidize-risk/NAME
#   FILE       an oxidize.toml with [risk] weights (default: none, the built-in defaults)
#   FLAGS      more flags of `oxidize hotspots`
#   --only     run one harness only
#   --baselines also rank every tree with the peer tools in the same run (bench/risk_baselines.py:
#              size, pmccabe's highest complexity, flawfinder's sum of risk levels) and score them
#   DIR        score the history-aware units on checkouts kept from an earlier run
#              (DIR/UNIT, each made by btgit.py checkout) instead of making fresh ones
#              through run.sh: the same trees, minutes faster when tuning
#
# The two harnesses (their README.md says what they measure):
#   static: ../shared/backtest (Debian's patched CVEs, 9 packages, no history):
#           bash ../shared/backtest/fetch.sh first (into ~/.cache/oxidize-backtest/src)
#   git:    ../shared/backtest-git (curl and libxml2 in the past, 7 units):
#           ../shared/backtest-git/fetch.sh MIRRORS first (into ~/.cache/oxidize-backtest-git/cache)
# The shared folder is found beside the repository (BACKTEST_SHARED to change it).
# Prints one table: R@20%files / R@20%LOC, pooled micro and macro, per harness;
# the per-unit tables are in the results folder (static.txt, git.txt).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="${BACKTEST_SHARED:-$here/../../shared}"
oxidize="build/release/oxidize"
name="risk"
config=""
flags=""
only=""
checkouts=""
baselines=""
while [ $# -gt 0 ]; do
  case "$1" in
    --oxidize) oxidize="$2"; shift 2 ;;
    --name) name="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --flags) flags="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --checkouts) checkouts="$2"; shift 2 ;;
    --baselines) baselines=1; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "risk_backtest.sh: unknown argument $1" >&2; sed -n '2,28p' "$0" >&2; exit 2 ;;
  esac
done
oxidize="$(cd "$(dirname "$oxidize")" && pwd)/$(basename "$oxidize")"
[ -x "$oxidize" ] || { echo "risk_backtest.sh: $oxidize is not executable" >&2; exit 2; }
[ -d "$shared/backtest" ] || { echo "risk_backtest.sh: $shared/backtest not found (set BACKTEST_SHARED)" >&2; exit 2; }
out="${XDG_CACHE_HOME:-$HOME/.cache}/oxidize-risk/$name"
mkdir -p "$out/static" "$out/git"
rm -f "$out"/*.json  # a summary of this run only
[ -n "$config" ] && config="$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
q() { printf '%q' "$1"; }
hot="$(q "$oxidize") hotspots --format csv --no-cache --no-progress"
[ -n "$config" ] && hot+=" --config $(q "$config")"
[ -n "$flags" ] && hot+=" $flags"

if [ "$only" != "git" ]; then
  src="${XDG_CACHE_HOME:-$HOME/.cache}/oxidize-backtest/src"
  for p in $(awk '!/^#/ && NF>=3 {print $1}' "$shared/backtest/packages.txt"); do
    [ -d "$src/$p" ] || { echo "risk_backtest.sh: $src/$p missing: run $shared/backtest/fetch.sh" >&2; exit 2; }
    eval "$hot $(q "$src/$p")" > "$out/static/$p.csv"
    [ -n "$baselines" ] && python3 "$here/risk_baselines.py" "$src/$p" "$out/static-baselines" "$p"
  done
  python3 "$shared/backtest/score.py" score --src "$src" --rankings "$out/static" --name "$name" --set open \
    --json "$out/static.json" > "$out/static.txt"
  if [ -n "$baselines" ]; then
    for b in loc pmccabe_max flawfinder_sum; do
      python3 "$shared/backtest/score.py" score --src "$src" --rankings "$out/static-baselines/$b" --name "$b" \
        --set open --json "$out/static-$b.json" > "$out/static-$b.txt"
    done
  fi
fi

if [ "$only" != "static" ]; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/oxidize-backtest-git/cache"
  if [ -n "$checkouts" ]; then
    for u in $(python3 "$shared/backtest-git/btgit.py" units | awk '{print $1}'); do
      [ -d "$checkouts/$u" ] || { echo "risk_backtest.sh: $checkouts/$u missing" >&2; exit 2; }
      eval "$hot $(q "$checkouts/$u")" > "$out/git/$u.csv"
      [ -n "$baselines" ] && python3 "$here/risk_baselines.py" "$checkouts/$u" "$out/git-baselines" "$u"
    done
    python3 "$shared/backtest-git/btgit.py" score --cache "$cache" --rankings "$out/git" --name "$name" \
      --json "$out/git.json" > "$out/git.txt"
  else
    cmd="$hot {dir} > {out}"
    [ -n "$baselines" ] && cmd+=" && python3 $(q "$here/risk_baselines.py") {dir} $(q "$out/git-baselines") \$(basename {out} .csv)"
    "$shared/backtest-git/run.sh" "$cache" "$cmd" --name "$name" \
      --work "$out/git-work" --json "$out/git.json" > "$out/git.txt"
  fi
  if [ -n "$baselines" ]; then
    for b in loc pmccabe_max flawfinder_sum; do
      python3 "$shared/backtest-git/btgit.py" score --cache "$cache" --rankings "$out/git-baselines/$b" --name "$b" \
        --json "$out/git-$b.json" > "$out/git-$b.txt"
    done
  fi
fi

python3 - "$out" "$name" <<'PY' | tee "$out/summary.md"
import json, os, sys
out, name = sys.argv[1], sys.argv[2]
print("| %s | micro R@20%%files / R@20%%LOC | macro R@20%%files / R@20%%LOC |" % name)
print("|---|---|---|")
for h, target in (("static", "0.75 / 0.40"), ("git", "0.85 / 0.50")):
    for ranking, label in (("", "oxidize (target %s)" % target), ("-loc", "largest first"),
                           ("-pmccabe_max", "pmccabe, highest complexity"),
                           ("-flawfinder_sum", "flawfinder, sum of risk levels")):
        p = os.path.join(out, h + ranking + ".json")
        if not os.path.exists(p):
            continue
        r = json.load(open(p))
        mi, ma = r["pooled_micro"], r["pooled_macro"]
        print("| %s: %s | %.3f / %.3f | %.3f / %.3f |" % (h, label, mi["R@20%files"], mi["R@20%LOC"], ma["R@20%files"], ma["R@20%LOC"]))
PY
echo "per-unit tables: $out/static.txt $out/git.txt" >&2
