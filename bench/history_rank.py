#!/usr/bin/env python3
"""Turn `oxidize history --by file --format csv` into a backtest ranking.

Reads oxidize's per-file history CSV on stdin and writes the ranking format of
the CVE backtests (/work/shared/backtest-git/README.md): CSV with header
`path,score`, paths relative to the checkout, higher = riskier.

Scores:
  fix_commits            fix_commits
  security_fix_commits   security_fix_commits
  commits                commits
  authors                authors
  churn_12m              churn_12m (lines added + deleted in the 12 months before "now")
  fix_per_line           fix_commits / non-blank lines of the file in DIR (the
                         backtest's LOC: lines whose bytes.strip() is not empty)
  fix_per_line_total     fix_commits / all lines of the file in DIR (git's count:
                         newlines, plus a last line without one)
A file with no lines gets score 0 under the per-line scores. Rows whose
columns are empty (no history) get 0.

usage (from the repository root):
  build/release/oxidize history DIR --by file --format csv --include-vendored --include-generated \\
      | python3 bench/history_rank.py SCORE DIR > ranking.csv
DIR (the checkout oxidize read) is needed by the per-line scores only;
bench/history_backtest.sh runs every score on the backtest's units.
"""
import csv
import io
import os
import sys

COLUMNS = ("fix_commits", "security_fix_commits", "commits", "authors", "churn_12m")
PER_LINE = ("fix_per_line", "fix_per_line_total")
SCORES = COLUMNS + PER_LINE


def line_counts(path):
    """(non-blank lines, all lines) of a file, or (0, 0) when unreadable."""
    try:
        with open(path, "rb") as fh:
            body = fh.read()
    except OSError:
        return 0, 0
    nonblank = sum(1 for line in body.split(b"\n") if line.strip())
    total = body.count(b"\n") + (1 if body and not body.endswith(b"\n") else 0)
    return nonblank, total


def number(text):
    return float(text) if text not in ("", None) else 0.0


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in SCORES or (sys.argv[1] in PER_LINE and len(sys.argv) < 3):
        sys.stderr.write(__doc__)
        return 2
    score = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else "."
    data = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    if rows and "fix_commits" not in rows[0]:
        sys.stderr.write("history_rank.py: stdin is not `oxidize history --by file --format csv` output\n")
        return 2
    sys.stdout.reconfigure(errors="surrogateescape")  # paths are bytes in git
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["path", "score"])
    for r in rows:
        if r.get("function"):
            continue  # --by function rows: files only here
        if score in COLUMNS:
            value = number(r[score])
        else:
            nonblank, total = line_counts(os.path.join(root, r["path"]))
            lines = nonblank if score == "fix_per_line" else total
            value = number(r["fix_commits"]) / lines if lines else 0.0
        out.writerow([r["path"], repr(value)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
