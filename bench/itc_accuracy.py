#!/usr/bin/env python3
"""Memory-safety hazard detection on the Toyota ITC benchmark: oxidize and its peers.

    bench/itc_accuracy.py --itc /tmp/itc
    ITC_BENCHMARKS=/tmp/itc bench/itc_accuracy.py --by-type --json itc.json
    bench/itc_accuracy.py --itc /tmp/itc --tools oxidize --misses oxidize

The ITC benchmark (github.com/regehr/itc-benchmarks, Shiraishi et al., 2015)
has one C file per defect type twice: in 01.w_Defects every defect line is
marked by a comment `/*ERROR:...*/`, and in 02.wo_Defects its defect-free twin
is marked `/*No ERROR:...*/`. Sixteen memory-safety types are measured (see
TYPES below; the `free_nondynamic_allocated_memory` file is named
`free_nondynamically_allocated_memory.c` in 02.wo_Defects, and st_underrun.c
marks its lines only with the sentence "Tool should (not) detect this line as
error"). Only the comment form counts as a marker: `#define ERROR 0x1` and
`& ERROR` occur too.

For each tool, a marked line counts when the tool reports anything on exactly
that line of that file:

  detection rate  defect lines with a finding / all defect lines
  FP rate         defect-free marked lines with a finding / all such lines

both per type and overall (pooled over lines). Findings on unmarked lines do
not count either way (the JSON has their number). Tools, run one process at a
time from the directory of the files (wall time = the sum over the runs):

  oxidize     oxidize hazards --format json --min-confidence medium FILE... (what a user sees by default;
              --oxidize-min-confidence low counts every finding)
              (once per folder; suppressed findings do not count); the binary
              is --oxidize, $OXIDIZE or build/release/oxidize. Without a
              `hazards` command it is skipped with a note. Never cached.
  flawfinder  flawfinder --csv --minlevel=0 FILE... (once per folder): every
              hit, whatever its risk level (--flawfinder-minlevel).
  cppcheck    cppcheck --quiet --enable=warning,style,performance,portability
              --inconclusive -I../include --template=... FILE... (once per
              folder; --cppcheck-enable); every message but the "information"
              ones (missingInclude, checkersReport, ...), which say nothing of
              a line. Style messages hit marked lines by chance too
              (unreadVariable on `ret = buf[5];`): --cppcheck-enable warning
              shows the difference.
  gcc         gcc -fanalyzer -fdiagnostics-plain-output -c -o /dev/null
              -I../include FILE (each file alone); only -Wanalyzer-* warnings
              count: plain compiler warnings are not the analyser.
  clang       clang-14 --analyze -I../include -o /dev/null FILE (each file
              alone, default checkers); only the analyser's warnings (tagged
              with a checker, [core.NullDereference]) count, not compiler
              warnings ([-W...]), as for gcc.

--tools picks and orders them (default: all five); a tool that is not
installed is skipped with a note. The peers' raw outputs are cached in
$OXIDIZE_CACHE/itc/<tool>-<version>/ (default ~/.cache/oxidize), keyed by the
command and the content of its input files and of include/; a cached run
reports the wall time measured then (marked *). --no-cache runs them again.

Output: a Markdown table (tool | detected | rate | FP lines | FP rate | time),
with --by-type the detection and FP rates per defect type, with --misses TOOL
the defect lines TOOL missed and the defect-free lines it flagged
(file:line: source, and for the latter what it said), with --json FILE every
number and line.

Exit status: 0 after printing; 2 when the arguments are wrong, the benchmark
is not found or a tool failed to run.

Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("OXIDIZE_CACHE", Path.home() / ".cache" / "oxidize")) / "itc"

W_DIR = "01.w_Defects"
WO_DIR = "02.wo_Defects"
INCLUDE_DIR = "include"

# (type, file stem in 01.w_Defects, file stem in 02.wo_Defects)
TYPES = [(t, t, t) for t in (
    "buffer_overrun_dynamic", "buffer_underrun_dynamic", "overrun_st", "underrun_st", "littlemem_st",
    "invalid_memory_access", "double_free")]
TYPES.append(("free_nondynamic_allocated_memory", "free_nondynamic_allocated_memory",
              "free_nondynamically_allocated_memory"))
TYPES += [(t, t, t) for t in (
    "return_local", "null_pointer", "memory_allocation_failure", "uninit_var", "uninit_pointer",
    "uninit_memory_access", "ptr_subtraction", "st_underrun")]

DEFECT_MARK = re.compile(r"/\*\s*ERROR\s*:")
CLEAN_MARK = re.compile(r"/\*\s*No\s+ERROR", re.IGNORECASE)
# st_underrun.c marks its lines only with the benchmark's sentence, not
# with ERROR: / No ERROR.
SENTENCE_DEFECT = re.compile(r"Tool should detect this line as error")
SENTENCE_CLEAN = re.compile(r"Tool should not detect this line as error")
MARKS = {"st_underrun": (SENTENCE_DEFECT, SENTENCE_CLEAN)}
COMMENT = re.compile(r"/\*.*?\*/|//.*$")

TOOL_NAMES = ("oxidize", "flawfinder", "cppcheck", "gcc", "clang")
TIMEOUT_S = 900

# compiler-style diagnostics: file:line:col: warning: message [tag]
DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)?\s*warning:\s*(?P<msg>.*?)(?:\s+\[(?P<tag>[^\]]+)\])?$")
CPPCHECK_INFO_IDS = {"missingInclude", "missingIncludeSystem", "unusedFunction", "checkersReport",
                     "toomanyconfigs", "noValidConfiguration", "unmatchedSuppression", "normalCheckLevelMaxBranches"}


class ToolError(Exception):
    pass


# --------------------------------------------------------------------------
# the benchmark


def marked_lines(path: Path, mark: re.Pattern) -> dict[int, str]:
    """Line number -> source text (comments dropped) of the lines carrying mark."""
    out = {}
    text = path.read_bytes().decode("utf-8", "replace")
    for i, line in enumerate(text.split("\n"), start=1):
        if mark.search(line):
            out[i] = COMMENT.sub("", line).strip()
    return out


def load_benchmark(itc: Path) -> list[dict]:
    missing = [str(p) for p in (itc / W_DIR, itc / WO_DIR, itc / INCLUDE_DIR) if not p.is_dir()]
    if missing:
        raise ToolError(f"{itc} is not an ITC benchmark checkout (no {', '.join(missing)})")
    types = []
    for name, w, wo in TYPES:
        w_file, wo_file = itc / W_DIR / f"{w}.c", itc / WO_DIR / f"{wo}.c"
        for f in (w_file, wo_file):
            if not f.is_file():
                raise ToolError(f"{f} is missing from the ITC benchmark")
        defect_mark, clean_mark = MARKS.get(name, (DEFECT_MARK, CLEAN_MARK))
        types.append({"type": name, "w_file": f"{w}.c", "wo_file": f"{wo}.c",
                      "defect": marked_lines(w_file, defect_mark), "clean": marked_lines(wo_file, clean_mark)})
    return types


# --------------------------------------------------------------------------
# running tools


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cached(tool: dict, argv: list[str], cwd: Path, inputs: list[Path], use_cache: bool) -> dict:
    """Runs argv in cwd (or takes its output from the cache); returns
    {returncode, stdout, stderr, seconds, cached, date}."""
    cache_file = None
    if tool["cacheable"]:
        key_material = json.dumps({"argv": argv, "inputs": {p.name: file_digest(p) for p in inputs},
                                   "include": {p.name: file_digest(p) for p in sorted(tool["include"].iterdir())
                                               if p.is_file()}}, sort_keys=True)
        key = hashlib.sha256(key_material.encode()).hexdigest()[:24]
        cache_file = CACHE / f"{tool['name']}-{tool['version']}" / f"{key}.json"
        if use_cache and cache_file.is_file():
            try:
                entry = json.loads(cache_file.read_text())
                entry["cached"] = True
                return entry
            except (OSError, ValueError):
                pass
    start = time.monotonic()
    try:
        proc = subprocess.run(argv, cwd=str(cwd), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    except OSError as e:
        raise ToolError(f"cannot run {argv[0]}: {e}") from e
    except subprocess.TimeoutExpired as e:
        raise ToolError(f"{' '.join(argv)} ran past {TIMEOUT_S} s in {cwd}") from e
    entry = {"argv": argv, "returncode": proc.returncode,
             "stdout": proc.stdout.decode("utf-8", "replace"), "stderr": proc.stderr.decode("utf-8", "replace"),
             "seconds": round(time.monotonic() - start, 3), "date": datetime.date.today().isoformat()}
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(entry))
        tmp.replace(cache_file)
    entry["cached"] = False
    return entry


def first_line(text: str) -> str:
    return next((l.strip() for l in text.splitlines() if l.strip()), "")


def tool_version(argv: list[str], pattern: str) -> str | None:
    """The version printed by argv, or None when it cannot run."""
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(pattern, proc.stdout.decode("utf-8", "replace"))
    return m.group(1) if m else ("unknown" if proc.returncode == 0 else None)


# Each parser takes the run's stdout and stderr and returns findings
# [(file name, line, tag)]; the file name is matched by its last component.

def parse_oxidize(stdout: str, stderr: str) -> list[tuple[str, int, str]]:
    try:
        doc = json.loads(stdout)
        findings = doc["findings"]
    except (ValueError, KeyError, TypeError) as e:
        raise ToolError(f"oxidize printed no hazards JSON ({e}): {first_line(stderr or stdout)[:200]}") from e
    out = []
    for f in findings:
        if f.get("suppressed"):
            continue
        out.append((f["path"], int(f["line"]), f"{f.get('rule', '?')} {f.get('confidence', '')}: "
                                                 f"{f.get('message', '')}".strip()))
    return out


def parse_flawfinder(stdout: str, stderr: str) -> list[tuple[str, int, str]]:
    out = []
    for row in csv.DictReader(io.StringIO(stdout)):
        try:
            out.append((row["File"], int(row["Line"]), f"level {row['Level']} {row['Category']}/{row['Name']}"))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def parse_cppcheck(stdout: str, stderr: str) -> list[tuple[str, int, str]]:
    out = []
    for line in stderr.splitlines():
        parts = line.split(":", 4)
        if len(parts) < 5 or not parts[1].isdigit():
            continue
        path, lineno, severity, ident, msg = parts
        if severity == "information" or ident in CPPCHECK_INFO_IDS or int(lineno) == 0:
            continue
        out.append((path, int(lineno), f"{severity} {ident}: {msg}"))
    return out


def parse_gcc(stdout: str, stderr: str) -> list[tuple[str, int, str]]:
    out = []
    for line in stderr.splitlines():
        m = DIAG.match(line)
        if m and (m["tag"] or "").startswith("-Wanalyzer-"):
            out.append((m["file"], int(m["line"]), f"{m['tag']}: {m['msg']}"))
    return out


def parse_clang(stdout: str, stderr: str) -> list[tuple[str, int, str]]:
    out = []
    for line in stderr.splitlines():
        m = DIAG.match(line)
        if m and m["tag"] and not m["tag"].startswith("-W"):
            out.append((m["file"], int(m["line"]), f"{m['tag']}: {m['msg']}"))
    return out


def make_tools(args, itc: Path) -> tuple[list[dict], list[str]]:
    """The tools to run, each {name, label, version, cacheable, per_file, argv(files), parse}; and notes
    on the tools skipped."""
    include = itc / INCLUDE_DIR
    inc = f"-I../{INCLUDE_DIR}"
    tools, notes = [], []
    for name in args.tools:
        if name == "oxidize":
            binary = args.oxidize
            if not (os.path.isfile(binary) and os.access(binary, os.X_OK)) and not shutil.which(binary):
                notes.append(f"oxidize: {binary} not found (build it, or pass --oxidize / set OXIDIZE); skipped")
                continue
            try:
                # `oxidize hazards --help` would print the top-level help and exit 0
                probe = subprocess.run([binary, "--help"], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
            except (OSError, subprocess.TimeoutExpired) as e:
                notes.append(f"oxidize: cannot run {binary}: {e}; skipped")
                continue
            if not re.search(r"^\s+hazards\b", probe.stdout.decode("utf-8", "replace"), re.MULTILINE):
                notes.append(f"oxidize: {binary} has no `hazards` command yet; skipped")
                continue
            version = tool_version([binary, "--version"], r"(\d+\.\d+[\w.+-]*)") or "unknown"
            tools.append({"name": name, "label": "oxidize", "version": version, "cacheable": False,
                          "per_file": False, "parse": parse_oxidize,
                          "argv": lambda files, b=binary: [b, "hazards", "--format", "json",
                                                           "--min-confidence", args.oxidize_min_confidence, *files]})
        elif name == "flawfinder":
            version = tool_version([args.flawfinder, "--version"], r"(\d+(?:\.\d+)+)")
            if version is None:
                notes.append(f"flawfinder: {args.flawfinder} not found (apt-get install flawfinder); skipped")
                continue
            tools.append({"name": name, "label": f"flawfinder {version}", "version": version, "cacheable": True,
                          "per_file": False, "parse": parse_flawfinder,
                          "argv": lambda files, b=args.flawfinder: [b, "--csv", f"--minlevel={args.flawfinder_minlevel}",
                                                                    *files]})
        elif name == "cppcheck":
            version = tool_version([args.cppcheck, "--version"], r"Cppcheck\s+(\S+)")
            if version is None:
                notes.append(f"cppcheck: {args.cppcheck} not found (apt-get install cppcheck); skipped")
                continue
            tools.append({"name": name, "label": f"cppcheck {version}", "version": version, "cacheable": True,
                          "per_file": False, "parse": parse_cppcheck,
                          "argv": lambda files, b=args.cppcheck: [
                              b, "--quiet", f"--enable={args.cppcheck_enable}", "--inconclusive",
                              inc, "--template={file}:{line}:{severity}:{id}:{message}", *files]})
        elif name == "gcc":
            version = tool_version([args.gcc, "-dumpfullversion"], r"(\d+(?:\.\d+)+)")
            if version is None:
                notes.append(f"gcc: {args.gcc} not found (apt-get install gcc); skipped")
                continue
            tools.append({"name": name, "label": f"gcc {version} -fanalyzer", "version": version, "cacheable": True,
                          "per_file": True, "parse": parse_gcc,
                          "argv": lambda files, b=args.gcc: [b, "-fanalyzer", "-fdiagnostics-plain-output", "-c",
                                                             "-o", "/dev/null", inc, *files]})
        elif name == "clang":
            version = tool_version([args.clang, "--version"], r"clang version (\d+(?:\.\d+)+)")
            if version is None:
                notes.append(f"clang: {args.clang} not found (apt-get install clang-14); skipped")
                continue
            tools.append({"name": name, "label": f"clang {version} --analyze", "version": version,
                          "cacheable": True, "per_file": True, "parse": parse_clang,
                          "argv": lambda files, b=args.clang: [b, "--analyze", inc, "-o", "/dev/null", *files]})
    for tool in tools:
        tool["include"] = include  # part of the cache key: the files include HeaderFile.h
    return tools, notes


def run_tool(tool: dict, itc: Path, types: list[dict], use_cache: bool) -> dict:
    """Runs tool over both folders; returns {flagged: {(folder, file): {line: [tags]}}, seconds, cached,
    commands, failures}."""
    flagged: dict[tuple[str, str], dict[int, list[str]]] = {}
    seconds, cached_runs, runs, failures = 0.0, 0, 0, []
    commands = []
    for folder, key in ((W_DIR, "w_file"), (WO_DIR, "wo_file")):
        cwd = itc / folder
        files = [t[key] for t in types]
        for f in files:
            flagged[(folder, f)] = {}
        batches = [[f] for f in files] if tool["per_file"] else [files]
        for batch in batches:
            argv = tool["argv"](batch)
            if len(commands) < 2:
                commands.append(f"(cd {folder} && {' '.join(argv)})")
            res = run_cached(tool, argv, cwd, [cwd / f for f in batch], use_cache)
            runs += 1
            cached_runs += res["cached"]
            seconds += res["seconds"]
            findings = tool["parse"](res["stdout"], res["stderr"])
            if res["returncode"] != 0 and not findings and tool["name"] != "oxidize":
                failures.append(f"{' '.join(batch)}: exit {res['returncode']}: "
                                f"{first_line(res['stderr'] or res['stdout'])[:200]}")
            names = set(batch)
            for path, line, tag in findings:
                base = os.path.basename(path)
                if base in names:
                    flagged[(folder, base)].setdefault(line, []).append(tag)
    return {"flagged": flagged, "seconds": round(seconds, 2), "runs": runs, "cached_runs": cached_runs,
            "commands": commands, "failures": failures}


# --------------------------------------------------------------------------
# scoring


def pct(a: int, b: int) -> float | None:
    return round(100.0 * a / b, 1) if b else None


def score(run: dict, types: list[dict]) -> dict:
    by_type = {}
    tot = {"detected": 0, "defect_lines": 0, "fp": 0, "clean_lines": 0, "unmarked_flagged_w": 0,
           "unmarked_flagged_wo": 0}
    missed, fps = [], []
    for t in types:
        fw = run["flagged"][(W_DIR, t["w_file"])]
        fwo = run["flagged"][(WO_DIR, t["wo_file"])]
        det = [l for l in t["defect"] if l in fw]
        fp = [l for l in t["clean"] if l in fwo]
        for l, src in t["defect"].items():
            if l not in fw:
                missed.append({"file": f"{W_DIR}/{t['w_file']}", "line": l, "source": src, "type": t["type"]})
        for l in fp:
            fps.append({"file": f"{WO_DIR}/{t['wo_file']}", "line": l, "source": t["clean"][l], "type": t["type"],
                        "findings": fwo[l]})
        row = {"detected": len(det), "defect_lines": len(t["defect"]), "fp": len(fp), "clean_lines": len(t["clean"]),
               "unmarked_flagged_w": len(set(fw) - set(t["defect"])),
               "unmarked_flagged_wo": len(set(fwo) - set(t["clean"]))}
        row["rate_pct"] = pct(row["detected"], row["defect_lines"])
        row["fp_rate_pct"] = pct(row["fp"], row["clean_lines"])
        by_type[t["type"]] = row
        for k in tot:
            tot[k] += row[k]
    tot["rate_pct"] = pct(tot["detected"], tot["defect_lines"])
    tot["fp_rate_pct"] = pct(tot["fp"], tot["clean_lines"])
    return {"overall": tot, "by_type": by_type, "missed": missed, "false_positives": fps}


# --------------------------------------------------------------------------
# report


def fmt_pct(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.1f} %"


def fmt_time(r: dict) -> str:
    s = f"{r['seconds']:.2f} s"
    if r["cached_runs"] == r["runs"]:
        return s + " *"
    if r["cached_runs"]:
        return s + f" ({r['cached_runs']}/{r['runs']} runs *)"
    return s


def print_report(itc: Path, types: list[dict], results: dict, notes: list[str], by_type: bool, misses: str | None):
    n_def = sum(len(t["defect"]) for t in types)
    n_clean = sum(len(t["clean"]) for t in types)
    print(f"ITC benchmark: {itc}; {len(types)} memory-safety defect types, {n_def} defect lines "
          f"({W_DIR}), {n_clean} defect-free marked lines ({WO_DIR})")
    for n in notes:
        print(n)
    print()
    print("| tool | detected | rate | FP lines | FP rate | time |")
    print("|---|---|---|---|---|---|")
    for r in results.values():
        o = r["score"]["overall"]
        print(f"| {r['label']} | {o['detected']}/{o['defect_lines']} | {fmt_pct(o['rate_pct'])} | "
              f"{o['fp']}/{o['clean_lines']} | {fmt_pct(o['fp_rate_pct'])} | {fmt_time(r)} |")
    if any(r["cached_runs"] for r in results.values()):
        print("\n\\* from the cache: the wall time measured then (--no-cache to run again)")
    if by_type and results:
        for title, num, den, rate in (("Detection rate by type (defect lines with a finding)", "detected",
                                       "defect_lines", "rate_pct"),
                                      ("False-positive rate by type (defect-free lines with a finding)", "fp",
                                       "clean_lines", "fp_rate_pct")):
            print(f"\n{title}:\n")
            print("| type | lines | " + " | ".join(r["label"] for r in results.values()) + " |")
            print("|---|---|" + "---|" * len(results))
            rows = [t["type"] for t in types] + ["overall"]
            for ty in rows:
                cells = []
                lines = None
                for r in results.values():
                    row = r["score"]["overall"] if ty == "overall" else r["score"]["by_type"][ty]
                    lines = row[den]
                    cells.append(f"{row[num]} ({row[rate]:.0f} %)" if row[rate] is not None else "n/a")
                name = f"**{ty}**" if ty == "overall" else ty
                print(f"| {name} | {lines} | " + " | ".join(cells) + " |")
    if misses:
        r = results.get(misses)
        if r is None:
            print(f"\n--misses {misses}: {misses} did not run")
            return
        s = r["score"]
        print(f"\n{r['label']}: {len(s['missed'])} defect lines missed:")
        for m in s["missed"]:
            print(f"{m['file']}:{m['line']}: {m['source']}")
        print(f"\n{r['label']}: {len(s['false_positives'])} defect-free lines flagged:")
        for m in s["false_positives"]:
            print(f"{m['file']}:{m['line']}: {m['source']}")
            for tag in m["findings"]:
                print(f"    {tag}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] + "\n\n" + __doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--itc", type=Path, default=os.environ.get("ITC_BENCHMARKS"), metavar="DIR",
                    help="checkout of github.com/regehr/itc-benchmarks (default: $ITC_BENCHMARKS)")
    ap.add_argument("--tools", default=",".join(TOOL_NAMES), metavar="LIST",
                    help=f"comma-separated tools to run, in this order (default: {','.join(TOOL_NAMES)})")
    ap.add_argument("--oxidize-min-confidence", default="medium", choices=["low", "medium", "high"],
                    help="oxidize's --min-confidence (default: medium, what `oxidize hazards` shows by default)")
    ap.add_argument("--oxidize", default=os.environ.get("OXIDIZE", str(ROOT / "build" / "release" / "oxidize")),
                    metavar="BIN", help="oxidize binary (default: $OXIDIZE or build/release/oxidize)")
    ap.add_argument("--flawfinder", default="flawfinder", metavar="BIN")
    ap.add_argument("--cppcheck", default="cppcheck", metavar="BIN")
    ap.add_argument("--gcc", default="gcc", metavar="BIN")
    ap.add_argument("--clang", default="clang-14", metavar="BIN")
    ap.add_argument("--flawfinder-minlevel", type=int, default=0, metavar="N",
                    help="flawfinder's --minlevel (default 0: every hit; flawfinder's own default is 1)")
    ap.add_argument("--cppcheck-enable", default="warning,style,performance,portability", metavar="LIST",
                    help="cppcheck's --enable (default warning,style,performance,portability; errors are always on)")
    ap.add_argument("--no-cache", action="store_true", help="run the peers again rather than reading their cached output")
    ap.add_argument("--by-type", action="store_true", help="also print the rates per defect type")
    ap.add_argument("--misses", metavar="TOOL", help="list the defect lines TOOL missed and the defect-free lines it flagged")
    ap.add_argument("--json", metavar="FILE", help="write every number (and line) as JSON")
    args = ap.parse_args(argv)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly

    if not args.itc:
        print("error: where is the ITC benchmark? pass --itc DIR or set ITC_BENCHMARKS "
              "(a checkout of github.com/regehr/itc-benchmarks)", file=sys.stderr)
        return 2
    itc = Path(args.itc).expanduser().resolve()
    if not itc.is_dir():
        print(f"error: ITC benchmark {itc} is not a directory (clone github.com/regehr/itc-benchmarks there)",
              file=sys.stderr)
        return 2
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in args.tools if t not in TOOL_NAMES]
    if unknown or not args.tools:
        print(f"error: unknown tool {', '.join(unknown) or '(none)'}; choose among {', '.join(TOOL_NAMES)}",
              file=sys.stderr)
        return 2
    if args.misses and args.misses not in args.tools:
        print(f"error: --misses {args.misses}: not among --tools {','.join(args.tools)}", file=sys.stderr)
        return 2

    try:
        types = load_benchmark(itc)
        tools, notes = make_tools(args, itc)
        results = {}
        failed = False
        for tool in tools:
            try:
                run = run_tool(tool, itc, types, not args.no_cache)
                if run["failures"]:
                    raise ToolError(f"{tool['label']} failed on " + "; ".join(run["failures"][:3]))
            except ToolError as e:  # the others are still worth reporting
                print(f"error: {e}", file=sys.stderr)
                notes.append(f"{tool['name']}: failed (see stderr); skipped")
                failed = True
                continue
            run["label"] = tool["label"]
            run["version"] = tool["version"]
            run["score"] = score(run, types)
            print(f"itc: {tool['label']}: {fmt_time(run)}", file=sys.stderr)
            results[tool["name"]] = run
    except ToolError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    print_report(itc, types, results, notes, args.by_type, args.misses)
    if args.json:
        doc = {
            "itc": str(itc), "date": datetime.date.today().isoformat(),
            "types": [{"type": t["type"], "w_file": f"{W_DIR}/{t['w_file']}", "wo_file": f"{WO_DIR}/{t['wo_file']}",
                       "defect_lines": sorted(t["defect"]), "clean_lines": sorted(t["clean"])} for t in types],
            "notes": notes,
            "tools": {name: {"label": r["label"], "version": r["version"], "commands": r["commands"],
                             "seconds": r["seconds"], "runs": r["runs"], "cached_runs": r["cached_runs"],
                             **r["score"]} for name, r in results.items()},
        }
        Path(args.json).write_text(json.dumps(doc, indent=2) + "\n")
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
