#!/usr/bin/env python3
"""Check `oxidize history --by file` against git's own log, file by file.

What it checks: for a git checkout (or a bare repository), one run of

    git log --no-merges --no-renames --numstat -z --format=...

(commit id, author e-mail %aE after .mailmap, author time %at, raw message %B)
gives, per path, the definitions of docs/history.md for the walk
`--walk no-merges --no-renames`:

  commits               non-merge commits reachable from HEAD whose diff touches the path
  authors               distinct %aE (after .mailmap), lowercased
  fix_commits           commits whose message matches a fix pattern
  security_fix_commits  commits whose message matches a security pattern
  lines_added/deleted   sums of --numstat (binary: 0)
  churn_12m             added + deleted of the commits with now - 365 d < author time <= now,
                        now = HEAD's committer time (%ct) or --now

The message patterns are parsed at run time from the C++ defaults,
src/oxidize/history/message_patterns.cpp (MessagePatterns::defaults(): the
first brace group is the fix list, the second the security list), so they
cannot drift; they are compiled as Python bytes patterns with
re.IGNORECASE | re.MULTILINE (oxidize: PCRE2 CASELESS | MULTILINE, no UTF, so
both match bytes with ASCII case folding) and searched anywhere in the raw
message (`git log --encoding=none`, no re-encoding).

Then it runs

    oxidize history DIR --by file --format csv --walk no-merges --no-renames
                        --include-vendored --include-generated

and compares, for every file of oxidize's output, the seven fields above.
It prints per field how many files agree exactly, up to 10 disagreements
(path, oxidize, git), the wall time of both tools, and exits 1 when a field
disagrees on more than 0.5% of the files (--tolerance), 2 on a usage error.

usage (from the repository root):
  python3 bench/history_check.py REPO_DIR [--oxidize build/release/oxidize]
        [--now YYYY-MM-DD] [--patterns src/oxidize/history/message_patterns.cpp]
        [--tolerance 0.005] [--show 10] [--jobs N]

Note: an oxidize.toml in REPO_DIR with [history] fix_patterns or
security_patterns replaces oxidize's defaults; the check then warns, as it
still uses the C++ defaults.
"""
import argparse
import csv
import datetime
import io
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_PATTERNS = os.path.join(ROOT, "src", "oxidize", "history", "message_patterns.cpp")
DEFAULT_OXIDIZE = os.path.join(ROOT, "build", "release", "oxidize")
FIELDS = ["commits", "authors", "fix_commits", "security_fix_commits", "lines_added", "lines_deleted", "churn_12m"]
WINDOW_12M = 365 * 86400

SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0", "?": "?"}


def parse_pattern_lists(cpp_path):
    """The string literals of MessagePatterns::defaults(), grouped by the
    braces one level inside its `return {...}`: [fix list, security list]."""
    with open(cpp_path, encoding="utf-8") as fh:
        src = fh.read()
    start = src.find("MessagePatterns MessagePatterns::defaults()")
    if start < 0:
        raise SystemExit("history_check.py: MessagePatterns::defaults() not found in %s" % cpp_path)
    i = src.index("return", start)
    depth = 0
    groups = []
    n = len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            i = src.find("\n", i)
            i = n if i < 0 else i
            continue
        if src.startswith("/*", i):
            i = src.index("*/", i) + 2
            continue
        m = re.match(r'R"([^(\s]*)\(', src[i:i + 20])
        if m:
            delim = m.group(1)
            body_start = i + m.end()
            end = src.index(")" + delim + '"', body_start)
            if depth != 2:
                raise SystemExit("history_check.py: unexpected string at depth %d in %s" % (depth, cpp_path))
            groups[-1].append(src[body_start:end])
            i = end + len(delim) + 2
            continue
        if c == '"':
            j = i + 1
            out = []
            while src[j] != '"':
                if src[j] == "\\":
                    out.append(SIMPLE_ESCAPES.get(src[j + 1], "\\" + src[j + 1]))
                    j += 2
                else:
                    out.append(src[j])
                    j += 1
            if depth != 2:
                raise SystemExit("history_check.py: unexpected string at depth %d in %s" % (depth, cpp_path))
            groups[-1].append("".join(out))
            i = j + 1
            continue
        if c == "{":
            depth += 1
            if depth == 2:
                groups.append([])
        elif c == "}":
            depth -= 1
            if depth == 0:
                break
        i += 1
    if len(groups) != 2 or not all(groups):
        raise SystemExit("history_check.py: expected two pattern lists in %s, found %d" % (cpp_path, len(groups)))
    return groups


def compile_list(patterns):
    if not patterns:
        return None
    flags = re.IGNORECASE | re.MULTILINE
    return re.compile("|".join("(?:%s)" % p for p in patterns).encode("utf-8"), flags)


def git_log(repo):
    """[(id, email, author_time, message_bytes, [(added, deleted, path)])], newest first."""
    fmt = "%x01%H%x02%aE%x02%at%x02%B"
    cmd = ["git", "-C", repo, "-c", "core.quotepath=off", "-c", "diff.renames=false", "log", "--no-merges",
           "--no-renames", "--numstat", "-z", "--encoding=none", "--no-textconv", "--no-ext-diff", "--format=" + fmt,
           "HEAD"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("history_check.py: %s failed: %s" % (" ".join(cmd), p.stderr.decode("utf-8", "replace")))
    commits = []
    header = re.compile(rb"\x01([0-9a-f]{40,64})\x02(.*?)\x02(-?\d+)\x02(.*)\Z", re.S)
    numstat = re.compile(rb"\n?(\d+|-)\t(\d+|-)\t(.*)\Z", re.S)
    for tok in p.stdout.split(b"\0"):
        if not tok or tok == b"\n":
            continue
        m = header.match(tok)
        if m:
            commits.append((m.group(1).decode(), m.group(2), int(m.group(3)), m.group(4), []))
            continue
        m = numstat.match(tok)
        if m and commits:
            a, d = m.group(1), m.group(2)
            commits[-1][4].append((0 if a == b"-" else int(a), 0 if d == b"-" else int(d), m.group(3)))
            continue
        raise SystemExit("history_check.py: cannot parse git log output near %r" % tok[:120])
    return commits


def head_commit_time(repo):
    return int(subprocess.run(["git", "-C", repo, "show", "-s", "--format=%ct", "HEAD"], stdout=subprocess.PIPE,
                              check=True).stdout.strip())


def git_facts(commits, fix_re, sec_re, now):
    facts = defaultdict(lambda: dict(commits=0, authors=set(), fix_commits=0, security_fix_commits=0,
                                     lines_added=0, lines_deleted=0, churn_12m=0))
    for cid, email, t, msg, files in commits:
        fix = bool(fix_re and fix_re.search(msg))
        sec = bool(sec_re and sec_re.search(msg))
        recent = now - WINDOW_12M < t <= now
        for a, d, path in files:
            f = facts[path]
            f["commits"] += 1
            f["authors"].add(email.lower())
            f["fix_commits"] += fix
            f["security_fix_commits"] += sec
            f["lines_added"] += a
            f["lines_deleted"] += d
            if recent:
                f["churn_12m"] += a + d
    for f in facts.values():
        f["authors"] = len(f["authors"])
    return facts


def run_oxidize(oxidize, repo, now_arg, jobs):
    cmd = [oxidize, "history", repo, "--by", "file", "--format", "csv", "--walk", "no-merges", "--no-renames",
           "--include-vendored", "--include-generated", "--no-progress"]
    if now_arg:
        cmd += ["--now", now_arg]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("history_check.py: %s failed (rc %d): %s" % (" ".join(cmd), p.returncode,
                                                                       p.stderr.decode("utf-8", "replace")))
    rows = {}
    # Paths are bytes in git; oxidize writes them as they are (csv-quoted when needed).
    text = p.stdout.decode("utf-8", "surrogateescape")
    for r in csv.DictReader(io.StringIO(text, newline="")):
        rows[r["path"].encode("utf-8", "surrogateescape")] = r
    warnings = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    return rows, warnings, cmd


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("repo", help="a git checkout or bare repository")
    ap.add_argument("--oxidize", default=DEFAULT_OXIDIZE)
    ap.add_argument("--now", default="", help="YYYY-MM-DD (UTC midnight), passed to oxidize too; default HEAD's %%ct")
    ap.add_argument("--patterns", default=DEFAULT_PATTERNS, help="message_patterns.cpp to read the defaults from")
    ap.add_argument("--tolerance", type=float, default=0.005, help="largest share of disagreeing files per field")
    ap.add_argument("--show", type=int, default=10, help="disagreements listed per field")
    ap.add_argument("--jobs", type=int, default=0, help="oxidize --jobs (default: oxidize's own)")
    args = ap.parse_args()
    repo = os.path.abspath(args.repo)

    fix_list, sec_list = parse_pattern_lists(args.patterns)
    fix_re, sec_re = compile_list(fix_list), compile_list(sec_list)
    if os.path.isfile(os.path.join(repo, "oxidize.toml")):
        with open(os.path.join(repo, "oxidize.toml"), errors="replace") as fh:
            if re.search(r"(fix|security)_patterns", fh.read()):
                print("warning: %s/oxidize.toml sets history patterns; this check uses the C++ defaults" % repo)

    if args.now:
        now = int(datetime.datetime.strptime(args.now, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc).timestamp())
    else:
        now = head_commit_time(repo)

    t0 = time.time()
    commits = git_log(repo)
    facts = git_facts(commits, fix_re, sec_re, now)
    t_git = time.time() - t0

    t0 = time.time()
    rows, warnings, cmd = run_oxidize(args.oxidize, repo, args.now, args.jobs)
    t_ox = time.time() - t0

    print("repository: %s" % repo)
    print("now: %d (%s UTC); git log: %d non-merge commits, %d paths; oxidize: %d files"
          % (now, datetime.datetime.fromtimestamp(now, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
             len(commits), len(facts), len(rows)))
    print("patterns: %d fix, %d security (from %s)" % (len(fix_list), len(sec_list), os.path.relpath(args.patterns)))
    print("oxidize: %s" % " ".join(cmd))
    if warnings:
        print("oxidize warnings (%d): %s" % (len(warnings), " | ".join(warnings[:5])))
    empty = dict(commits=0, authors=0, fix_commits=0, security_fix_commits=0, lines_added=0, lines_deleted=0,
                 churn_12m=0)
    no_history = [p for p in rows if p not in facts]
    if no_history:
        print("files in oxidize's output that git log never names (%d): %s"
              % (len(no_history), ", ".join(p.decode("utf-8", "replace") for p in sorted(no_history)[:10])))
    n = len(rows)
    failed = []
    print()
    print("| field | files | agree | disagree | share disagreeing |")
    print("|---|---|---|---|---|")
    details = []
    for field in FIELDS:
        bad = []
        for path in sorted(rows):
            ox = int(rows[path][field])
            gv = facts.get(path, empty)[field]
            if ox != gv:
                bad.append((path, ox, gv))
        share = len(bad) / n if n else 0.0
        print("| %s | %d | %d | %d | %.2f%% |" % (field, n, n - len(bad), len(bad), 100 * share))
        if share > args.tolerance:
            failed.append(field)
        if bad:
            details.append((field, bad))
    for field, bad in details:
        print("\n%s: %d disagreements (path: oxidize vs git)" % (field, len(bad)))
        for path, ox, gv in bad[:args.show]:
            print("  %s: %d vs %d" % (path.decode("utf-8", "replace"), ox, gv))
    print("\ntime: git log + python %.2f s, oxidize %.2f s (wall)" % (t_git, t_ox))
    if failed:
        print("FAIL: more than %.2f%% of the files disagree on: %s" % (100 * args.tolerance, ", ".join(failed)))
        return 1
    print("OK: every field agrees on at least %.2f%% of the files" % (100 * (1 - args.tolerance)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
