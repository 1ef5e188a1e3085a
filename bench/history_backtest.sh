#!/usr/bin/env bash
# History-fact rankings on the history-aware CVE backtest (/work/shared/backtest-git).
#
# usage (from the repository root):
#   bench/history_backtest.sh [--cache CACHE] [--oxidize PATH] [--name NAME]
#                             [--flags 'OXIDIZE HISTORY FLAGS'] [--scores 'SCORE ...']
#                             [--units curl@2016-01-01,...] [--backtest DIR] [--keep]
#
#   CACHE     the backtest's bare clones (its fetch.sh), default
#             ${XDG_CACHE_HOME:-$HOME/.cache}/oxidize-backtest-git/cache
#   PATH      the oxidize binary, default build/release/oxidize
#   NAME      run name, default history-rank; the work folder is
#             ${XDG_CACHE_HOME:-$HOME/.cache}/oxidize-backtest-git/work/NAME
#   FLAGS     extra flags of `oxidize history`, default '--walk no-merges --no-renames'
#             (the walk of the README's baseline rows); '' for oxidize's defaults
#             (first-parent walk, renames followed)
#   SCORES    scores of bench/history_rank.py, default all of them:
#             fix_per_line fix_per_line_total fix_commits security_fix_commits commits authors churn_12m
#   DIR       the backtest folder, default /work/shared/backtest-git
#
# What it does: run.sh makes the leak-proof checkout of T of every unit and runs,
# once per unit,
#   oxidize history {dir} --by file --format csv --include-vendored --include-generated FLAGS
# keeping the CSV next to the ranking ({out}.history.csv), and turns it into one
# ranking per score (bench/history_rank.py SCORE {dir}) under WORK/scores/SCORE/UNIT.csv
# ({out} itself is the first score's). Then every score is scored with
# btgit.py score and a table of R@20%files / R@20%LOC, micro and macro, is
# printed (also in WORK/summary.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/oxidize-backtest-git/cache"
oxidize="build/release/oxidize"
name="history-rank"
flags="--walk no-merges --no-renames"
scores="fix_per_line fix_per_line_total fix_commits security_fix_commits commits authors churn_12m"
units=""
backtest="/work/shared/backtest-git"
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cache) cache="$2"; shift 2 ;;
    --oxidize) oxidize="$2"; shift 2 ;;
    --name) name="$2"; shift 2 ;;
    --flags) flags="$2"; shift 2 ;;
    --scores) scores="$2"; shift 2 ;;
    --units) units="$2"; shift 2 ;;
    --backtest) backtest="$2"; shift 2 ;;
    --keep) keep="--keep"; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "history_backtest.sh: unknown argument $1" >&2; sed -n '2,28p' "$0" >&2; exit 2 ;;
  esac
done
oxidize="$(cd "$(dirname "$oxidize")" && pwd)/$(basename "$oxidize")"
[ -x "$oxidize" ] || { echo "history_backtest.sh: $oxidize is not executable" >&2; exit 2; }
work="${XDG_CACHE_HOME:-$HOME/.cache}/oxidize-backtest-git/work/$name"
mkdir -p "$work/scores"
for s in $scores; do mkdir -p "$work/scores/$s"; done
first="${scores%% *}"
q() { printf '%q' "$1"; }

# One command per unit: oxidize once, then every score from its CSV.
cmd="$(q "$oxidize") history {dir} --by file --format csv --include-vendored --include-generated --no-progress $flags > {out}.history.csv"
cmd+=" && unit=\$(basename {out})"
for s in $scores; do
  cmd+=" && python3 $(q "$here/history_rank.py") $s {dir} < {out}.history.csv > $(q "$work/scores/$s")/\$unit"
done
cmd+=" && cp $(q "$work/scores/$first")/\$unit {out}"

run_args=("$cache" "$cmd" --name "$name" --work "$work")
[ -n "$units" ] && run_args+=(--units "$units")
[ -n "$keep" ] && run_args+=(--keep)
echo "history_backtest.sh: $oxidize history ... $flags; scores: $scores" >&2
"$backtest/run.sh" "${run_args[@]}" > "$work/run.txt"

score_args=()
[ -n "$units" ] && score_args+=(--units "$units")
for s in $scores; do
  python3 "$backtest/btgit.py" score --cache "$cache" --rankings "$work/scores/$s" --name "$s" \
    --json "$work/scores/$s.json" "${score_args[@]}" > "$work/scores/$s.txt"
done

python3 - "$work" "$flags" $scores <<'EOF' | tee "$work/summary.md"
import json, sys
work, flags, scores = sys.argv[1], sys.argv[2], sys.argv[3:]
print("oxidize history flags: %s\n" % (flags or "(defaults)"))
print("| score | micro R@20%files / R@20%LOC | macro R@20%files / R@20%LOC |")
print("|---|---|---|")
for s in scores:
    with open("%s/scores/%s.json" % (work, s)) as fh:
        r = json.load(fh)
    mi, ma = r["pooled_micro"], r["pooled_macro"]
    print("| %s | %.3f / %.3f | %.3f / %.3f |" % (s, mi["R@20%files"], mi["R@20%LOC"], ma["R@20%files"], ma["R@20%LOC"]))
EOF
grep '^command seconds' "$work/run.txt" || true
echo "per-unit tables: $work/scores/SCORE.txt; oxidize CSVs: $work/rankings/UNIT.csv.history.csv" >&2
