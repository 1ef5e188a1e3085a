#!/usr/bin/env python3
"""Compare oxidize's per-file line counts with cloc's on one source tree.

    bench/compare_cloc.py ~/.cache/oxidize/corpora/curl
    bench/compare_cloc.py ~/.cache/oxidize/corpora/linux-6.1 \\
        --cache ~/.cache/oxidize/cloc --top 30 --json kernel.json --check

Both tools are run on TREE, every file is matched by its path relative to
TREE, and the script prints:

  * per language group, the code / comment / blank totals of both tools and
    the relative difference (oxidize - cloc) / cloc in %, over all the files
    each tool counted and over the files both counted;
  * the share of files (counted by both) on which all three numbers agree;
  * the files only one tool counted, with the likely reason (cloc skips
    empty files and .config/.snapshot/VCS directories; oxidize does not
    follow symlinks);
  * the N files that disagree most (largest sum of absolute differences).

Language groups are cloc's: a file is grouped by the language cloc reports
for it ("C", "C/C++ Header", "C++", "Rust"). For a file cloc did not count,
the group is what cloc's extension table would say (".h", ".hh", ".hpp",
".hxx" -> "C/C++ Header"; ".inl", ".ipp", ".tcc", ".h++" -> "C++"), so
oxidize's c_header and cpp_header .h files both land in "C/C++ Header".

How cloc is run: `--by-file --csv --quiet`, plus
  --skip-uniqueness  cloc otherwise counts only one of byte-identical files;
  --timeout=0        cloc otherwise gives up on a file whose comment removal
                     runs longer than max(1 s, lines / 1000 s) and counts
                     all its lines as comment: results would depend on the
                     machine's load;
  --exclude-dir=.pc  quilt's copies of files before patching, in every
                     unpacked Debian source package; oxidize skips them too;
  --include-lang=... C, C++, C/C++ Header and Rust. (--include-ext cannot be
                     used: cloc matches it against /\\.(\\w+)$/, so it can
                     never select ".c++" or ".h++".)
Both tools' rows are then restricted to the compared extensions (--ext,
default: the ones oxidize reads, minus ".C", ".H" and ".cp"); rows dropped by
that restriction are reported per extension, not compared.

cloc on the Linux kernel takes minutes: --cache DIR keeps its CSV output,
keyed by the tree's absolute path, cloc's version and its arguments
(--refresh ignores a cached copy).

Exit status: 0 after printing (whatever the figures), 2 when a tool failed
or the arguments are wrong; with --check, 1 when any language's code,
comment or blank total differs by more than 0.1 % or fewer than 99 % of the
files counted by both tools agree exactly.

Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import io
import json
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

# cloc 1.96's extension table for the languages compared here
# (`cloc --show-ext`). cloc's extension match is case-sensitive on Unix.
CLOC_LANG_BY_EXT = {
    "c": "C",
    "h": "C/C++ Header", "H": "C/C++ Header", "hh": "C/C++ Header",
    "hpp": "C/C++ Header", "hxx": "C/C++ Header",
    "C": "C++", "c++": "C++", "cc": "C++", "CPP": "C++", "cpp": "C++",
    "cxx": "C++", "h++": "C++", "inl": "C++", "ipp": "C++", "pcc": "C++",
    "tcc": "C++",
    "rs": "Rust",
}
# oxidize's language keys, for a file with an extension cloc does not know.
GROUP_BY_OXIDIZE_LANGUAGE = {
    "c": "C", "c_header": "C/C++ Header", "cpp": "C++",
    "cpp_header": "C++", "rust": "Rust",
}
GROUP_ORDER = ["C", "C/C++ Header", "C++", "Rust"]
CLOC_LANGUAGES = "C,C++,C/C++ Header,Rust"
DEFAULT_EXTENSIONS = "c,h,cc,cpp,cxx,c++,hh,hpp,hxx,h++,inl,ipp,tcc,rs"
FIELDS = ("code", "comment", "blank")

# Directories cloc 1.96 never enters, whatever its options.
CLOC_ALWAYS_EXCLUDED_DIRS = {".bzr", ".cvs", ".hg", ".git", ".svn", ".snapshot", ".config"}

# --check thresholds
MAX_TOTAL_DIFF_PCT = 0.1
MIN_EXACT_SHARE_PCT = 99.0


class ToolError(Exception):
    pass


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot + 1:] if dot > 0 and dot + 1 < len(name) else ""


def group_for(path: str, oxidize_language: str | None = None) -> str:
    ext = extension(path)
    if ext in CLOC_LANG_BY_EXT:
        return CLOC_LANG_BY_EXT[ext]
    return GROUP_BY_OXIDIZE_LANGUAGE.get(oxidize_language or "", "other")


def run(cmd: list[str], cwd: str | None = None) -> str:
    try:
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise ToolError(f"cannot run {cmd[0]}: {e}") from e
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise ToolError(f"{' '.join(cmd)} exited with status {proc.returncode}: {err[-2000:]}")
    return proc.stdout.decode("utf-8", "surrogateescape")


# --------------------------------------------------------------------------
# cloc


def cloc_version(cloc: str) -> str:
    return run([cloc, "--version"]).strip()


def cloc_command(cloc: str) -> list[str]:
    return [cloc, "--by-file", "--csv", "--quiet", "--skip-uniqueness", "--timeout=0",
            "--exclude-dir=.pc", f"--include-lang={CLOC_LANGUAGES}", "."]


def run_cloc(cloc: str, tree: Path, cache: Path | None, refresh: bool) -> tuple[str, dict]:
    """Returns cloc's CSV text and facts about the run (version, seconds, cached)."""
    version = cloc_version(cloc)
    cmd = cloc_command(cloc)
    info = {"version": version, "command": " ".join(cmd[1:]), "cached": False}
    cache_file = None
    if cache is not None:
        key = json.dumps([str(tree), version, cmd[1:]])
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        cache_file = cache / f"cloc-{tree.name}-{digest}.csv"
        meta_file = cache_file.with_suffix(".json")
        if cache_file.exists() and not refresh:
            info["cached"] = True
            if meta_file.exists():
                meta = json.loads(meta_file.read_text())
                info["seconds"] = meta.get("seconds")
                info["date"] = meta.get("date")
            return cache_file.read_text(encoding="utf-8", errors="surrogateescape"), info
    start = time.monotonic()
    text = run(cmd, cwd=str(tree))
    info["seconds"] = round(time.monotonic() - start, 2)
    info["date"] = datetime.date.today().isoformat()
    if cache_file is not None:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8", errors="surrogateescape")
        tmp.replace(cache_file)
        cache_file.with_suffix(".json").write_text(json.dumps(
            {"tree": str(tree), "version": version, "command": cmd[1:],
             "seconds": info["seconds"], "date": info["date"]}, indent=2) + "\n")
    return text, info


def parse_cloc_csv(text: str) -> dict[str, dict]:
    """cloc's by-file CSV: language,filename,blank,comment,code (file names are
    not quoted, so the name is everything between the first field and the
    last three)."""
    files = {}
    lines = text.splitlines()
    for line in lines:
        if not line or line.startswith("language,filename,"):
            continue
        parts = line.split(",")
        if len(parts) < 5 or parts[0] == "SUM":
            continue
        try:
            blank, comment, code = (int(x) for x in parts[-3:])
        except ValueError:
            continue
        path = ",".join(parts[1:-3])
        if path.startswith("./"):
            path = path[2:]
        files[path] = {"language": parts[0], "code": code, "comment": comment, "blank": blank}
    return files


# --------------------------------------------------------------------------
# oxidize


def oxidize_command(oxidize: str, tree: Path, jobs: int | None) -> list[str]:
    cmd = [oxidize, "scan", str(tree), "--by", "file", "--format", "csv", "--no-ignore",
           "--include-vendored", "--include-generated", "--no-progress"]
    if jobs:
        cmd += ["-j", str(jobs)]
    return cmd


def run_oxidize(oxidize: str, tree: Path, jobs: int | None) -> tuple[dict[str, dict], dict]:
    cmd = oxidize_command(oxidize, tree, jobs)
    start = time.monotonic()
    text = run(cmd)
    info = {"command": " ".join(["oxidize"] + cmd[1:]), "seconds": round(time.monotonic() - start, 2)}
    files = {}
    for row in csv.DictReader(io.StringIO(text)):
        files[row["path"]] = {"language": row["language"], "code": int(row["code"]),
                              "comment": int(row["comment"]), "blank": int(row["blank"])}
    return files, info


# --------------------------------------------------------------------------
# comparison


def pct(ox: int, cl: int) -> float | None:
    if cl == 0:
        return 0.0 if ox == 0 else None
    return 100.0 * (ox - cl) / cl


def fmt_pct(p: float | None) -> str:
    return "n/a" if p is None else f"{p:+.3f}%"


# Why a file was counted by one tool only: key -> (singular, plural, explanation).
ONLY_REASONS = {
    "symlink": ("symlink", "symlinks", "cloc counts symlinked files, oxidize does not follow symlinks"),
    "empty": ("empty file", "empty files", "cloc skips zero-byte files"),
    "cloc_excluded_dir": ("file under a directory cloc always skips",
                          "files under a directory cloc always skips",
                          ", ".join(sorted(CLOC_ALWAYS_EXCLUDED_DIRS))),
    "unreadable": ("unreadable file", "unreadable files", "could not be examined now"),
    "other": ("other file", "other files", "no known reason"),
}


def only_reason(tree: Path, path: str, tool: str) -> str:
    """Why only `tool` counted `path`: a key of ONLY_REASONS (a best guess from the file system)."""
    full = tree / path
    try:
        if full.is_symlink():
            return "symlink"
        if tool == "oxidize" and full.stat().st_size == 0:
            return "empty"
    except OSError:
        return "unreadable"
    if tool == "oxidize" and CLOC_ALWAYS_EXCLUDED_DIRS & set(path.split("/")[:-1]):
        return "cloc_excluded_dir"
    return "other"


def describe_reasons(reasons: dict) -> str:
    parts = []
    for key, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
        one, many, why = ONLY_REASONS[key]
        parts.append(f"{n} {one if n == 1 else many}: {why}")
    return "; ".join(parts)


def compare(ox: dict, cl: dict, extensions: set[str], top: int, tree: Path) -> dict:
    dropped = {"oxidize": Counter(), "cloc": Counter()}
    for name, files in (("oxidize", ox), ("cloc", cl)):
        for path in [p for p in files if extension(p) not in extensions]:
            dropped[name]["." + extension(path) if extension(path) else "(none)"] += 1
            del files[path]

    groups = {}  # path -> group
    for path, row in cl.items():
        groups[path] = row["language"]
    for path, row in ox.items():
        groups.setdefault(path, group_for(path, row["language"]))

    def zero():
        return {"files": 0, "code": 0, "comment": 0, "blank": 0}

    totals = defaultdict(lambda: {"oxidize": zero(), "cloc": zero()})
    matched_totals = defaultdict(lambda: {"oxidize": zero(), "cloc": zero()})
    for name, files in (("oxidize", ox), ("cloc", cl)):
        for path, row in files.items():
            t = totals[groups[path]][name]
            t["files"] += 1
            for f in FIELDS:
                t[f] += row[f]
            if path in ox and path in cl:
                m = matched_totals[groups[path]][name]
                m["files"] += 1
                for f in FIELDS:
                    m[f] += row[f]

    both = sorted(set(ox) & set(cl))
    only_ox = sorted(set(ox) - set(cl))
    only_cl = sorted(set(cl) - set(ox))
    exact_by_group = Counter()
    both_by_group = Counter()
    disagreeing = []
    field_disagree = Counter()
    for path in both:
        g = groups[path]
        both_by_group[g] += 1
        o, c = ox[path], cl[path]
        if all(o[f] == c[f] for f in FIELDS):
            exact_by_group[g] += 1
            continue
        for f in FIELDS:
            if o[f] != c[f]:
                field_disagree[f] += 1
        diff = sum(abs(o[f] - c[f]) for f in FIELDS)
        disagreeing.append((diff, path, g, o, c))
    disagreeing.sort(key=lambda x: (-x[0], x[1]))

    languages = []
    for g in GROUP_ORDER + sorted(set(totals) - set(GROUP_ORDER)):
        if g not in totals:
            continue
        t = totals[g]
        m = matched_totals[g]
        languages.append({
            "language": g,
            "oxidize": t["oxidize"],
            "cloc": t["cloc"],
            "diff_pct": {f: pct(t["oxidize"][f], t["cloc"][f]) for f in FIELDS},
            "matched_files": both_by_group[g],
            "exact_files": exact_by_group[g],
            "matched_diff_pct": {f: pct(m["oxidize"][f], m["cloc"][f]) for f in FIELDS},
        })
    sum_ox = {f: sum(t["oxidize"][f] for t in totals.values()) for f in ("files",) + FIELDS}
    sum_cl = {f: sum(t["cloc"][f] for t in totals.values()) for f in ("files",) + FIELDS}
    exact = sum(exact_by_group.values())
    reason_of = {p: only_reason(tree, p, "oxidize") for p in only_ox}
    reason_of.update({p: only_reason(tree, p, "cloc") for p in only_cl})
    reasons = {"oxidize": Counter(reason_of[p] for p in only_ox),
               "cloc": Counter(reason_of[p] for p in only_cl)}
    matched_sum = {name: {f: sum(m[name][f] for m in matched_totals.values()) for f in FIELDS}
                   for name in ("oxidize", "cloc")}
    return {
        "languages": languages,
        "total": {"oxidize": sum_ox, "cloc": sum_cl,
                  "diff_pct": {f: pct(sum_ox[f], sum_cl[f]) for f in FIELDS}},
        "files_both": len(both),
        "files_exact": exact,
        "exact_pct": 100.0 * exact / len(both) if both else 100.0,
        "files_disagreeing": len(disagreeing),
        "disagreeing_by_field": dict(field_disagree),
        "matched_diff_pct": {f: pct(matched_sum["oxidize"][f], matched_sum["cloc"][f]) for f in FIELDS},
        "only_oxidize": only_ox,
        "only_cloc": only_cl,
        "only_reasons": {k: dict(v) for k, v in reasons.items()},
        "only_reason_of": reason_of,
        "only_oxidize_rows": {p: ox[p] for p in only_ox},
        "only_cloc_rows": {p: cl[p] for p in only_cl},
        "dropped_extensions": {k: dict(v) for k, v in dropped.items()},
        "top": [{"path": p, "language": g, "abs_diff": d,
                 "oxidize": {f: o[f] for f in FIELDS}, "cloc": {f: c[f] for f in FIELDS}}
                for d, p, g, o, c in disagreeing[:top]],
    }


def check_failures(result: dict) -> list[str]:
    failures = []
    for lang in result["languages"]:
        for f in FIELDS:
            p = lang["diff_pct"][f]
            if p is None or abs(p) > MAX_TOTAL_DIFF_PCT:
                failures.append(f"{lang['language']} {f} total differs by {fmt_pct(p)} "
                                f"(limit {MAX_TOTAL_DIFF_PCT}%)")
    if result["exact_pct"] < MIN_EXACT_SHARE_PCT:
        failures.append(f"only {result['exact_pct']:.2f}% of files match exactly "
                        f"(limit {MIN_EXACT_SHARE_PCT}%)")
    return failures


# --------------------------------------------------------------------------
# output


def print_report(result: dict, meta: dict, top: int, show_only: int, out=sys.stdout) -> None:
    w = out.write
    w(f"tree     {meta['tree']}\n")
    w(f"oxidize  {meta['oxidize']['command']}  ({meta['oxidize']['seconds']} s)\n")
    cached = " (cached)" if meta["cloc"]["cached"] else ""
    secs = meta["cloc"].get("seconds")
    w(f"cloc     {meta['cloc']['version']}: {meta['cloc']['command']}"
      f"  ({secs} s{', run ' + str(meta['cloc'].get('date')) if meta['cloc'].get('date') else ''})"
      f"{cached}\n\n")

    header = (f"{'language':<14}{'files ox/cloc':>16}  {'':7}{'oxidize':>11}{'cloc':>11}{'diff':>10}"
              f"{'diff(both)':>12}   {'exact files':>18}\n")
    w(header)
    w("-" * (len(header) - 1) + "\n")
    rows = result["languages"] + [{
        "language": "SUM", "oxidize": result["total"]["oxidize"], "cloc": result["total"]["cloc"],
        "diff_pct": result["total"]["diff_pct"], "matched_diff_pct": result["matched_diff_pct"],
        "matched_files": result["files_both"],
        "exact_files": result["files_exact"]}]
    for lang in rows:
        o, c = lang["oxidize"], lang["cloc"]
        files = f"{o['files']}/{c['files']}"
        share = (100.0 * lang["exact_files"] / lang["matched_files"]) if lang["matched_files"] else 100.0
        exact = f"{lang['exact_files']}/{lang['matched_files']} {share:6.2f}%"
        for i, f in enumerate(FIELDS):
            first = i == 0
            w(f"{lang['language'] if first else '':<14}{files if first else '':>16}  {f:<7}"
              f"{o[f]:>11}{c[f]:>11}{fmt_pct(lang['diff_pct'][f]):>10}"
              f"{fmt_pct(lang['matched_diff_pct'][f]):>12}   {exact if first else '':>18}\n")
    w("diff = (oxidize - cloc) / cloc over every file each tool counted; diff(both) = the same "
      "over the files both tools counted.\n\n")
    w(f"files counted by both tools: {result['files_both']}; matching exactly (code, comment and "
      f"blank equal): {result['files_exact']} ({result['exact_pct']:.2f}%); disagreeing: "
      f"{result['files_disagreeing']} (code {result['disagreeing_by_field'].get('code', 0)}, "
      f"comment {result['disagreeing_by_field'].get('comment', 0)}, "
      f"blank {result['disagreeing_by_field'].get('blank', 0)})\n")
    for name in ("oxidize", "cloc"):
        dropped = result["dropped_extensions"][name]
        if dropped:
            items = ", ".join(f"{k} {v}" for k, v in sorted(dropped.items()))
            w(f"not compared (extension outside --ext), {name}: {items}\n")
    for name, key in (("oxidize", "only_oxidize"), ("cloc", "only_cloc")):
        paths = result[key]
        rows = result[key + "_rows"]
        why = describe_reasons(result["only_reasons"][name])
        w(f"\nfiles only {name} counted: {len(paths)}{' (' + why + ')' if why else ''}\n")
        for p in paths[:show_only]:
            r = rows[p]
            w(f"  {p}  [{r['language']}] code {r['code']} comment {r['comment']} blank {r['blank']}"
              f"  ({ONLY_REASONS[result['only_reason_of'][p]][0]})\n")
        if len(paths) > show_only:
            w(f"  ... and {len(paths) - show_only} more\n")

    if result["top"]:
        w(f"\ntop {min(top, len(result['top']))} disagreeing files (largest |diff| first; "
          f"numbers are code/comment/blank):\n")
        width = max(len(t["path"]) for t in result["top"])
        width = min(width, 80)
        w(f"  {'path':<{width}}  {'oxidize':>20}  {'cloc':>20}  {'ox - cloc':>20}\n")
        for t in result["top"]:
            o, c = t["oxidize"], t["cloc"]
            ox_s = "/".join(str(o[f]) for f in FIELDS)
            cl_s = "/".join(str(c[f]) for f in FIELDS)
            d_s = "/".join(f"{o[f] - c[f]:+d}" for f in FIELDS)
            w(f"  {t['path']:<{width}}  {ox_s:>20}  {cl_s:>20}  {d_s:>20}\n")


def json_summary(result: dict, meta: dict, failures: list[str]) -> dict:
    return {
        "tree": meta["tree"],
        "date": meta["date"],
        "oxidize": meta["oxidize"],
        "cloc": meta["cloc"],
        "extensions": meta["extensions"],
        "languages": result["languages"],
        "total": result["total"],
        "files_both": result["files_both"],
        "files_exact": result["files_exact"],
        "exact_pct": round(result["exact_pct"], 4),
        "files_disagreeing": result["files_disagreeing"],
        "disagreeing_by_field": result["disagreeing_by_field"],
        "matched_diff_pct": result["matched_diff_pct"],
        "only_oxidize": result["only_oxidize"],
        "only_cloc": result["only_cloc"],
        "only_reasons": result["only_reasons"],
        "only_reason_of": result["only_reason_of"],
        "dropped_extensions": result["dropped_extensions"],
        "top": result["top"],
        "check": {"max_total_diff_pct": MAX_TOTAL_DIFF_PCT,
                  "min_exact_pct": MIN_EXACT_SHARE_PCT,
                  "passed": not failures, "failures": failures},
    }


def default_oxidize() -> str:
    here = Path(__file__).resolve().parent
    candidate = here.parent / "build" / "release" / "oxidize"
    if candidate.exists():
        return str(candidate)
    return shutil.which("oxidize") or str(candidate)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Compare oxidize's per-file code/comment/blank counts with cloc's.",
        epilog="Exit status: 0 after printing, 1 with --check when the thresholds are missed, "
               "2 when a tool failed.")
    ap.add_argument("tree", help="source tree to scan with both tools")
    ap.add_argument("--oxidize", default=default_oxidize(), metavar="BIN",
                    help="oxidize binary (default: build/release/oxidize next to this script, "
                         "else oxidize on PATH)")
    ap.add_argument("--cloc", default="cloc", metavar="BIN", help="cloc binary (default: cloc)")
    ap.add_argument("--cache", metavar="DIR", type=Path,
                    help="keep cloc's CSV output in DIR and reuse it on later runs")
    ap.add_argument("--refresh", action="store_true", help="with --cache: run cloc again")
    ap.add_argument("--top", type=int, default=20, metavar="N",
                    help="list the N most disagreeing files (default 20)")
    ap.add_argument("--show-only", type=int, default=20, metavar="N",
                    help="list at most N of the files only one tool counted (default 20)")
    ap.add_argument("--ext", default=DEFAULT_EXTENSIONS, metavar="LIST",
                    help=f"compared extensions, comma-separated (default {DEFAULT_EXTENSIONS})")
    ap.add_argument("-j", "--jobs", type=int, metavar="N", help="oxidize worker threads")
    ap.add_argument("--json", metavar="FILE",
                    help="also write the summary figures as JSON to FILE ('-' for stdout, "
                         "which then replaces the text report)")
    ap.add_argument("--check", action="store_true",
                    help=f"exit 1 if any language total differs by more than "
                         f"{MAX_TOTAL_DIFF_PCT}%% or fewer than {MIN_EXACT_SHARE_PCT}%% of "
                         f"files match exactly")
    args = ap.parse_args(argv)

    tree = Path(args.tree).expanduser().resolve()
    if not tree.is_dir():
        print(f"compare_cloc: {args.tree}: not a directory", file=sys.stderr)
        return 2
    extensions = {e.strip().lstrip(".") for e in args.ext.split(",") if e.strip()}
    try:
        # One heavy process at a time: oxidize first, then cloc.
        ox, ox_info = run_oxidize(args.oxidize, tree, args.jobs)
        cl_text, cl_info = run_cloc(args.cloc, tree, args.cache.expanduser() if args.cache else None,
                                    args.refresh)
    except ToolError as e:
        print(f"compare_cloc: {e}", file=sys.stderr)
        return 2
    cl = parse_cloc_csv(cl_text)
    if not cl and not ox:
        print("compare_cloc: neither tool counted any file", file=sys.stderr)

    result = compare(ox, cl, extensions, args.top, tree)
    failures = check_failures(result)
    meta = {"tree": str(tree), "date": datetime.date.today().isoformat(), "oxidize": ox_info,
            "cloc": cl_info, "extensions": sorted(extensions)}

    if args.json != "-":
        print_report(result, meta, args.top, args.show_only)
        if args.check:
            print()
            if failures:
                print("check FAILED:")
                for f in failures:
                    print(f"  {f}")
            else:
                print(f"check passed (totals within {MAX_TOTAL_DIFF_PCT}%, "
                      f">= {MIN_EXACT_SHARE_PCT}% of files exact)")
    if args.json:
        text = json.dumps(json_summary(result, meta, failures), indent=2) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            Path(args.json).write_text(text)
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
