#!/usr/bin/env python3
"""Compare the functions and McCabe complexities oxidize finds with pmccabe's.

    bench/compare_pmccabe.py ~/.cache/oxidize/corpora/curl
    bench/compare_pmccabe.py ~/.cache/oxidize/corpora/linux-6.1 \\
        --cache ~/.cache/oxidize/pmccabe --json kernel.json --check

Both tools are run on TREE:

  * pmccabe on every C/C++ file (.c .h .cc .cpp .cxx .hh .hpp, the
    extensions oxidize reads as C/C++, minus the rare ones), in chunks of
    --chunk files with --jobs pmccabe processes at a time. A chunk that
    crashes (pmccabe segfaults on some kernel files) or runs past --timeout
    is run again one file at a time, so that only the guilty files are lost;
    those are listed and left out of the comparison. Files are walked as
    oxidize walks them: .git is skipped and symbolic links are not followed.
  * `oxidize functions TREE --format csv --top 0 --no-progress
    --include-vendored --include-generated --no-ignore -j JOBS`.

Both are timed (wall seconds; pmccabe's time is that of the whole parallel
run, retries included). Functions are matched per file by (start line +-1,
name): pmccabe's start line is its *definition line* (the number in
parentheses, the line of the name), oxidize's is start_line (also the line of
the name). Names are compared by their last `::` component, and every
`operator...` as `operator`, because pmccabe qualifies methods by class only
and drops operator symbols (`geometry::Shape::operator==` is pmccabe's
`geometry::operator`).

The report:

  * functions found by each tool (over all files, and over the files pmccabe
    processed without crashing or timing out: the compared files);
  * the share of pmccabe's functions that oxidize found, and of oxidize's
    that pmccabe found (compared files only);
  * over matched functions, the share with identical traditional CCN
    (oxidize ccn = pmccabe column 2) and identical modified CCN (oxidize
    ccn_modified = pmccabe column 1);
  * the files where pmccabe crashed or timed out, and those where it printed
    a parse error (its results there "may be unreliable", says its manual);
  * every disagreement classified by kind (see classify_* below; the kinds
    and verdicts are discussed in docs/functions.md), with counts and
    examples, and the top CCN disagreements.

pmccabe is slow on the Linux kernel: --cache DIR keeps its per-file output,
keyed by the tree's absolute path and pmccabe's version, and reuses a file's
entry while its size and modification time are unchanged (--refresh runs
everything again). The cached run's time is reported as measured then.

Exit status: 0 after printing, 2 when a tool failed or the arguments are
wrong; with --check, 1 unless both found-shares are >= 97 % and the
identical-CCN share is >= 95 %.

Standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import concurrent.futures
import csv
import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

EXTENSIONS = (".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp")
SKIP_DIRS = {".git"}

# --check thresholds
MIN_FOUND_SHARE_PCT = 97.0
MIN_SAME_CCN_PCT = 95.0

# pmccabe line: modified, traditional, statements, first line, #lines, file(defline): name
PMCCABE_ROW = re.compile(r"^(\d+)\t(\d+)\t(\d+)\t(\d+)\t(\d+)\t(.*)\((\d+)\): (.*)$")
# pmccabe diagnostics: "file", line N: message
PMCCABE_DIAG = re.compile(r'^"(.*)", line (\d+): (.*)$')


class ToolError(Exception):
    pass


# --------------------------------------------------------------------------
# files


def collect_files(tree: Path) -> list[str]:
    """C/C++ files under tree, relative, sorted; .git skipped, links not followed."""
    out = []
    for root, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not os.path.islink(os.path.join(root, d)))
        for f in files:
            if not f.endswith(EXTENSIONS):
                continue
            full = os.path.join(root, f)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            out.append(os.path.relpath(full, tree))
    out.sort()
    return out


# --------------------------------------------------------------------------
# pmccabe


def pmccabe_version(pmccabe: str) -> str:
    try:
        proc = subprocess.run([pmccabe, "-V"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as e:
        raise ToolError(f"cannot run {pmccabe}: {e}") from e
    return proc.stdout.decode("utf-8", "replace").strip() or "unknown"


def parse_pmccabe_output(stdout: str, stderr: str, files: list[str]) -> dict[str, dict]:
    """Splits one pmccabe run's output per file: rows and diagnostics."""
    per = {f: {"rows": [], "errors": []} for f in files}
    for line in stdout.splitlines():
        m = PMCCABE_ROW.match(line)
        if not m:
            continue
        path = m.group(6)
        if path.startswith("./"):
            path = path[2:]
        entry = per.get(path)
        if entry is None:
            continue
        entry["rows"].append([int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)),
                              int(m.group(5)), int(m.group(7)), m.group(8)])
    for line in stderr.splitlines():
        m = PMCCABE_DIAG.match(line)
        if m:
            path = m.group(1)
            if path.startswith("./"):
                path = path[2:]
            if path in per:
                per[path]["errors"].append([int(m.group(2)), m.group(3)])
    return per


def run_pmccabe_chunk(pmccabe: str, tree: Path, files: list[str], timeout: float) -> dict[str, dict]:
    """Runs pmccabe on files; on a crash or timeout of a multi-file chunk,
    runs each file alone. Returns per-file {status, rows, errors}."""
    try:
        proc = subprocess.run([pmccabe, *files], cwd=str(tree), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
        status = "ok" if proc.returncode >= 0 else f"crash (signal {-proc.returncode})"
        stdout = proc.stdout.decode("utf-8", "surrogateescape")
        stderr = proc.stderr.decode("utf-8", "surrogateescape")
    except subprocess.TimeoutExpired:
        status, stdout, stderr = f"timeout ({timeout:g} s)", "", ""
    if status != "ok" and len(files) > 1:
        out = {}
        for f in files:
            out.update(run_pmccabe_chunk(pmccabe, tree, [f], timeout))
        return out
    per = parse_pmccabe_output(stdout, stderr, files)
    for entry in per.values():
        entry["status"] = status
    return per


def run_pmccabe(pmccabe: str, tree: Path, files: list[str], jobs: int, chunk: int, timeout: float,
                cache: Path | None, refresh: bool, progress: bool) -> tuple[dict[str, dict], dict]:
    version = pmccabe_version(pmccabe)
    info = {"version": version, "command": f"pmccabe FILE... (chunks of {chunk}, {jobs} processes)",
            "jobs": jobs, "cached_files": 0}
    stats = {f: os.stat(tree / f) for f in files}
    cached: dict[str, dict] = {}
    cache_file = None
    meta = {}
    if cache is not None:
        digest = hashlib.sha256(json.dumps([str(tree.resolve()), version]).encode()).hexdigest()[:16]
        cache_file = cache / f"pmccabe-{tree.name}-{digest}.json"
        if cache_file.exists() and not refresh:
            meta = json.loads(cache_file.read_text())
            for f, entry in meta.get("files", {}).items():
                st = stats.get(f)
                if st is not None and entry.get("size") == st.st_size and entry.get("mtime_ns") == st.st_mtime_ns:
                    cached[f] = entry
    todo = [f for f in files if f not in cached]
    info["cached_files"] = len(cached)
    results = dict(cached)
    if todo:
        chunks = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]
        start = time.monotonic()
        done = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(run_pmccabe_chunk, pmccabe, tree, c, timeout) for c in chunks]
            for fut in concurrent.futures.as_completed(futures):
                for f, entry in fut.result().items():
                    st = stats[f]
                    entry["size"] = st.st_size
                    entry["mtime_ns"] = st.st_mtime_ns
                    results[f] = entry
                done += 1
                if progress and (done % 50 == 0 or done == len(chunks)):
                    print(f"\rpmccabe: {done}/{len(chunks)} chunks, {time.monotonic() - start:.0f} s",
                          end="", file=sys.stderr, flush=True)
        if progress:
            print(file=sys.stderr)
        seconds = round(time.monotonic() - start, 2)
        if cached:
            info["seconds"] = None  # a partial run: not comparable
            info["partial_seconds"] = seconds
        else:
            info["seconds"] = seconds
            info["date"] = datetime.date.today().isoformat()
        if cache_file is not None:
            cache.mkdir(parents=True, exist_ok=True)
            new_meta = {"tree": str(tree.resolve()), "version": version, "jobs": jobs, "chunk": chunk,
                        "seconds": info["seconds"] if not cached else meta.get("seconds"),
                        "date": info.get("date", meta.get("date")),
                        "files": {f: results[f] for f in files}}
            tmp = cache_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(new_meta))
            tmp.replace(cache_file)
    else:
        info["cached"] = True
        info["seconds"] = meta.get("seconds")
        info["date"] = meta.get("date")
        info["jobs"] = meta.get("jobs", jobs)
    return results, info


# --------------------------------------------------------------------------
# oxidize


def run_oxidize(oxidize: str, tree: Path, jobs: int) -> tuple[dict[str, list[dict]], dict]:
    cmd = [oxidize, "functions", str(tree), "--format", "csv", "--top", "0", "--no-progress",
           "--include-vendored", "--include-generated", "--no-ignore", "-j", str(jobs)]
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise ToolError(f"cannot run {oxidize}: {e}") from e
    seconds = round(time.monotonic() - start, 2)
    if proc.returncode != 0:
        raise ToolError(f"{' '.join(cmd)} exited with status {proc.returncode}: "
                        f"{proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    text = proc.stdout.decode("utf-8", "surrogateescape")
    per: dict[str, list[dict]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(text)):
        path = row["path"]
        if path.startswith("./"):
            path = path[2:]
        if not path.endswith(EXTENSIONS):
            continue
        per[path].append({
            "name": row["function"], "start": int(row["start_line"]), "end": int(row["end_line"]),
            "nloc": int(row["nloc"]), "ccn": int(row["ccn"]), "ccn_modified": int(row["ccn_modified"]),
            "params": int(row["params"]), "language": row["language"],
        })
    version = subprocess.run([oxidize, "--version"], stdout=subprocess.PIPE).stdout.decode().strip()
    warnings = [l for l in proc.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    return dict(per), {"version": version, "command": " ".join(["oxidize", *cmd[1:]]),
                       "seconds": seconds, "jobs": jobs, "warnings": len(warnings)}


# --------------------------------------------------------------------------
# matching


def norm_name(name: str) -> str:
    last = name.rsplit("::", 1)[-1].strip()
    if last.startswith("operator"):
        return "operator"
    return last


def match_file(pm: list[dict], ox: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pairs pmccabe and oxidize functions of one file by (line +-1, name);
    an exact line wins over a neighbouring one."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    for o in ox:
        by_name[norm_name(o["name"])].append(o)
    used: set[int] = set()
    pairs = []
    unmatched_pm = []
    for p in sorted(pm, key=lambda r: r["def"]):
        best = None
        for o in by_name.get(norm_name(p["name"]), ()):
            if id(o) in used:
                continue
            d = abs(o["start"] - p["def"])
            if d <= 1 and (best is None or d < abs(best["start"] - p["def"])):
                best = o
        if best is None:
            unmatched_pm.append(p)
        else:
            used.add(id(best))
            pairs.append((p, best))
    unmatched_ox = [o for o in ox if id(o) not in used]
    return pairs, unmatched_pm, unmatched_ox


# --------------------------------------------------------------------------
# classification of disagreements
#
# Each unmatched function and each CCN difference gets one kind, the first
# rule that applies. The rules look at the source text: a function's lines,
# the preprocessor conditional it sits in, what the other tool found around
# it. docs/functions.md gives an example and a verdict for every kind.

DIRECTIVE = re.compile(r"^\s*#\s*(\w+)(.*)$")
IDENT = re.compile(r"[A-Za-z_]\w*")
C_KEYWORDS_AS_NAMES = {
    "__attribute__", "__attribute", "static", "inline", "void", "int", "char", "unsigned", "long",
    "const", "struct", "if", "while", "for", "switch", "return", "sizeof", "__section", "__init",
    "__exit", "noinline", "__always_inline", "__printf", "__cold", "__weak", "__visible",
}


class SourceFile:
    """Lines of a file with comments and string/char literals blanked (line
    structure kept), and for every line the preprocessor state."""

    def __init__(self, path: Path):
        try:
            raw = path.read_bytes().decode("utf-8", "surrogateescape")
        except OSError:
            raw = ""
        self.raw_lines = raw.split("\n")
        self.code = strip_comments_and_literals(raw).split("\n")
        # per line (1-based): ("live"|"if0"|"if0_else"|"other_branch"), depth of conditionals
        self.region = ["live"] * (len(self.code) + 2)
        stack: list[dict] = []
        for i, line in enumerate(self.code, start=1):
            m = DIRECTIVE.match(line)
            state = self._state(stack)
            if m:
                name, rest = m.group(1), m.group(2).strip()
                if name in ("if", "ifdef", "ifndef"):
                    stack.append({"zero": name == "if" and rest.split(" ")[0] == "0" and
                                  rest.strip() == "0", "branch": 0})
                elif name in ("elif", "else", "elifdef", "elifndef") and stack:
                    stack[-1]["branch"] += 1
                elif name == "endif" and stack:
                    stack.pop()
                self.region[i] = "directive"
                continue
            self.region[i] = state

    @staticmethod
    def _state(stack: list[dict]) -> str:
        state = "live"
        for c in stack:
            if c["zero"] and c["branch"] == 0:
                return "if0"
            if c["zero"] and c["branch"] >= 1:
                state = "if0_else" if c["branch"] == 1 and state == "live" else "other_branch"
            elif c["branch"] >= 1:
                return "other_branch"
        return state

    def text(self, first: int, last: int) -> str:
        return "\n".join(self.code[max(first - 1, 0):max(last, 0)])

    def raw(self, line: int) -> str:
        return self.raw_lines[line - 1] if 0 < line <= len(self.raw_lines) else ""


def strip_comments_and_literals(src: str) -> str:
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "/" and i + 1 < n and src[i + 1] == "*":
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join("\n" if ch == "\n" else " " for ch in src[i:j]))
            i = j
        elif c == "/" and i + 1 < n and src[i + 1] == "/":
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + "".join("\n" if ch == "\n" else " " for ch in src[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def decisions(text: str) -> dict[str, int]:
    """Decision tokens in a stretch of code (comments/literals already blanked)."""
    words = Counter(IDENT.findall(text))
    return {
        "if": words["if"], "for": words["for"], "while": words["while"], "case": words["case"],
        "catch": words["catch"], "switch": words["switch"],
        "&&": text.count("&&"), "||": text.count("||"),
        "?": text.count("?"), "?:": len(re.findall(r"\?\s*:", text)),
    }


def live_text(src: SourceFile, first: int, last: int, follow: str) -> str:
    """The lines first..last that a tool sees: `oxidize` follows the #else of
    an #if 0, `pmccabe` does not."""
    keep = {"live", "if0_else"} if follow == "oxidize" else {"live"}
    return "\n".join(src.code[i - 1] for i in range(first, min(last, len(src.code)) + 1)
                     if src.region[i] in keep)


STATEMENT_KEYWORDS = {"if", "for", "while", "switch", "do", "return", "else"}
C_TYPE_WORDS = {"void", "int", "char", "short", "long", "unsigned", "signed", "float", "double", "bool",
                "_Bool", "const", "volatile", "struct", "union", "enum"}


def pm_end(p: dict) -> int:
    return p["first"] + p["lines"] - 1


def pair_leftovers(only_pm: list[dict], only_ox: list[dict]) -> tuple[list, list, list]:
    """Pairs unmatched functions that end on the same line (the same closing
    brace): the same function, which the tools name or start differently."""
    by_end: dict[int, list[dict]] = defaultdict(list)
    for o in only_ox:
        by_end[o["end"]].append(o)
    pairs, rest_pm = [], []
    for p in only_pm:
        cands = by_end.get(pm_end(p))
        if cands:
            cands.sort(key=lambda o: abs(o["start"] - p["def"]))
            pairs.append((p, cands.pop(0)))
        else:
            rest_pm.append(p)
    paired = {id(o) for _, o in pairs}
    return pairs, rest_pm, [o for o in only_ox if id(o) not in paired]


def classify_pair(p: dict, o: dict, src: SourceFile) -> str:
    """The same function (same closing brace), named or started differently."""
    pname, oname = norm_name(p["name"]), norm_name(o["name"])
    if p["def"] < o["start"]:
        before = live_text(src, p["def"], o["start"] - 1, "pmccabe")
        if ";" in before:
            return "pmccabe starts at a declaration before the function (K&R reading)"
        between = live_text(src, p["def"], o["start"], "pmccabe")
        if pname != oname and re.search(r"\b" + re.escape(pname) + r"\s*\(", between):
            return "pmccabe names the function after a NAME(...) before its name"
    if oname in C_TYPE_WORDS:
        return "returns a function pointer"
    if pname == oname:
        return "same function, start line differs"
    return "same function, other name"


def classify_pmccabe_only(p: dict, src: SourceFile, ox: list[dict], pm_errors: list) -> str:
    line = p["def"]
    if p["name"] in STATEMENT_KEYWORDS:
        return "pmccabe: a statement at file scope taken for a function"
    if any(o["start"] < line <= o["end"] for o in ox):
        return "pmccabe: inside an oxidize function"
    if any(p["first"] <= o["start"] <= pm_end(p) for o in ox):
        return "pmccabe: spans oxidize functions"
    sig = src.text(max(line - 3, 1), line + 1)
    if re.search(r"\(\s*\*\s*" + re.escape(norm_name(p["name"])) + r"\s*\(", sig):
        return "returns a function pointer"
    if pm_errors:
        return "pmccabe parse error in file"
    return "pmccabe only: other"


def classify_oxidize_only(o: dict, src: SourceFile, pm: list[dict], pm_errors: list) -> str:
    line = o["start"]
    if src.region[line] == "if0_else":
        return "#else branch of #if 0"
    head = src.text(line, min(line + 2, o["end"]))
    if o["name"] in C_TYPE_WORDS or re.search(r"\(\s*\*\s*\w+\s*\(", src.text(line, line)):
        return "returns a function pointer"
    if any(p["first"] <= line <= pm_end(p) for p in pm):
        return "oxidize: inside a pmccabe function"
    brace = head.find("{")
    if "\\\n" in "\n".join(src.raw_lines[line - 1:line + 2]) and brace != 0:
        return "line splice before the body"
    if pm_errors:
        return "pmccabe parse error in file"
    return "oxidize only: other"


def classify_ccn(p: dict, o: dict, src: SourceFile) -> str:
    """Why traditional CCNs differ, by recounting the function's decisions."""
    end = o["end"]
    ox_text = live_text(src, o["start"], end, "oxidize")
    pm_text = live_text(src, o["start"], end, "pmccabe")
    if ox_text != pm_text:
        d_ox, d_pm = decisions(ox_text), decisions(pm_text)
        if sum(d_ox[k] for k in ("if", "for", "while", "case", "&&", "||", "?")) != \
           sum(d_pm[k] for k in ("if", "for", "while", "case", "&&", "||", "?")):
            return "#else branch of #if 0 in the body"
    d = decisions(ox_text)
    diff = o["ccn"] - p["ccn"]
    if pm_end(p) != end:
        return "other extent (body boundaries differ)"
    if "({" in ox_text:
        return "GNU statement expression"
    if d["?"] and diff != 0 and abs(diff) <= d["?"]:
        return "?: counting"
    return "CCN: other"


# --------------------------------------------------------------------------
# comparison


def compare(tree: Path, pm_files: dict[str, dict], ox_files: dict[str, list[dict]], examples: int,
            listing: list | None = None) -> dict:
    """Matches and classifies; appends one row per disagreement to listing."""
    compared = [f for f, e in pm_files.items() if e["status"] == "ok"]
    failed = {f: e["status"] for f, e in pm_files.items() if e["status"] != "ok"}
    parse_errors = {f: e["errors"] for f, e in pm_files.items() if e["status"] == "ok" and e["errors"]}
    n_pm_all = sum(len(e["rows"]) for e in pm_files.values())
    n_ox_all = sum(len(v) for v in ox_files.values())
    ox_failed = sum(len(ox_files.get(f, ())) for f in failed)
    ox_outside = sorted(set(ox_files) - set(pm_files))

    n_pm = n_ox = 0
    matched = same_ccn = same_mod = 0
    kinds = {k: Counter() for k in ("pair", "pmccabe_only", "oxidize_only", "ccn", "name")}
    ex: dict[str, dict[str, list]] = {k: defaultdict(list) for k in kinds}
    pair_names: dict[str, Counter] = defaultdict(Counter)
    ccn_diffs = []
    per_file_miss: Counter = Counter()

    def note(group: str, kind: str, f: str, line: int, text: str) -> None:
        kinds[group][kind] += 1
        if len(ex[group][kind]) < examples:
            ex[group][kind].append(f"{f}:{line} {text}")
        if listing is not None:
            listing.append((group, kind, f, line, text))

    for f in sorted(compared):
        pm = [{"mod": r[0], "ccn": r[1], "stmts": r[2], "first": r[3], "lines": r[4], "def": r[5],
               "name": r[6]} for r in pm_files[f]["rows"]]
        ox = ox_files.get(f, [])
        n_pm += len(pm)
        n_ox += len(ox)
        pairs, only_pm, only_ox = match_file(pm, ox)
        matched += len(pairs)
        c_file = f.endswith((".c", ".h"))
        need_src = only_pm or only_ox or any(p["ccn"] != o["ccn"] or p["mod"] != o["ccn_modified"]
                                               for p, o in pairs)
        src = SourceFile(tree / f) if need_src else None
        errors = pm_files[f]["errors"]
        per_file_miss[f] += len(only_pm) + len(only_ox)
        same, rest_pm, rest_ox = pair_leftovers(only_pm, only_ox)
        for p, o in same:
            k = classify_pair(p, o, src)
            pair_names[k][p["name"]] += 1
            note("pair", k, f, o["start"], f"pmccabe {p['name']} at {p['def']}, oxidize {o['name']} at {o['start']}")
        for p in rest_pm:
            note("pmccabe_only", classify_pmccabe_only(p, src, ox, errors), f, p["def"],
                 f"{p['name']} (pmccabe ccn {p['ccn']}, lines {p['first']}-{pm_end(p)})")
        for o in rest_ox:
            note("oxidize_only", classify_oxidize_only(o, src, pm, errors), f, o["start"],
                 f"{o['name']} (oxidize ccn {o['ccn']}, lines {o['start']}-{o['end']})")
        for p, o in pairs:
            if c_file and "::" in o["name"] and "::" not in p["name"]:
                note("name", "oxidize qualifies a C function with a struct name", f, o["start"],
                     f"oxidize {o['name']}, pmccabe {p['name']}")
            if p["ccn"] == o["ccn"]:
                same_ccn += 1
            else:
                note("ccn", classify_ccn(p, o, src), f, o["start"],
                     f"{o['name']} (pmccabe {p['ccn']}, oxidize {o['ccn']})")
                ccn_diffs.append((abs(o["ccn"] - p["ccn"]), f, o["start"], o["name"], p["ccn"], o["ccn"],
                                  p["mod"], o["ccn_modified"]))
            if p["mod"] == o["ccn_modified"]:
                same_mod += 1
    ccn_diffs.sort(key=lambda t: (-t[0], t[1], t[2]))

    def share(a: int, b: int) -> float | None:
        return round(100.0 * a / b, 3) if b else None

    return {
        "files": {"total": len(pm_files), "compared": len(compared), "pmccabe_failed": len(failed),
                  "pmccabe_parse_errors": len(parse_errors), "oxidize_outside_list": len(ox_outside)},
        "functions": {"pmccabe_all": n_pm_all, "oxidize_all": n_ox_all, "oxidize_in_failed_files": ox_failed,
                      "pmccabe": n_pm, "oxidize": n_ox,
                      "matched": matched, "pmccabe_only": n_pm - matched, "oxidize_only": n_ox - matched},
        "shares": {
            "pmccabe_found_by_oxidize_pct": share(matched, n_pm),
            "oxidize_found_by_pmccabe_pct": share(matched, n_ox),
            "same_ccn_pct": share(same_ccn, matched),
            "same_ccn_modified_pct": share(same_mod, matched),
        },
        "same_ccn": same_ccn, "same_ccn_modified": same_mod,
        "pmccabe_failed_files": failed,
        "pmccabe_parse_error_files": {f: e[:3] for f, e in sorted(parse_errors.items())},
        "kinds": {k: dict(v.most_common()) for k, v in kinds.items()},
        "pair_pmccabe_names": {k: dict(v.most_common(15)) for k, v in pair_names.items()},
        "examples": {k: dict(v) for k, v in ex.items()},
        "top_ccn_differences": [
            {"file": f, "line": line, "function": name, "pmccabe_ccn": pc, "oxidize_ccn": oc,
             "pmccabe_modified": pmod, "oxidize_modified": omod}
            for _, f, line, name, pc, oc, pmod, omod in ccn_diffs[:50]],
        "files_most_unmatched": [x for x in per_file_miss.most_common(20) if x[1]],
    }


def check_failures(result: dict) -> list[str]:
    s = result["shares"]
    out = []
    for key, label, floor in (("pmccabe_found_by_oxidize_pct", "pmccabe's functions found by oxidize", MIN_FOUND_SHARE_PCT),
                              ("oxidize_found_by_pmccabe_pct", "oxidize's functions found by pmccabe", MIN_FOUND_SHARE_PCT),
                              ("same_ccn_pct", "matched functions with identical CCN", MIN_SAME_CCN_PCT)):
        v = s[key]
        if v is None or v < floor:
            out.append(f"{label}: {v if v is not None else 'n/a'} % < {floor} %")
    return out


def fmt(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f} %"


def print_report(r: dict, meta: dict, top: int, out=sys.stdout) -> None:
    p = lambda *a: print(*a, file=out)
    fn, fl, s = r["functions"], r["files"], r["shares"]
    pmi, oxi = meta["pmccabe"], meta["oxidize"]
    p(f"tree: {meta['tree']}")
    pm_time = "n/a" if pmi.get("seconds") is None else f"{pmi['seconds']} s"
    if pmi.get("cached"):
        pm_time += f" (cached, measured {pmi.get('date')})"
    p(f"pmccabe {pmi['version']}: {pmi['jobs']} processes, wall {pm_time}")
    p(f"oxidize {oxi['version']}: -j {oxi['jobs']}, wall {oxi['seconds']} s")
    p("")
    p(f"files: {fl['total']} C/C++ files, {fl['compared']} compared; pmccabe crashed or timed out on "
      f"{fl['pmccabe_failed']}, printed parse errors on {fl['pmccabe_parse_errors']}")
    p(f"functions (all files):      pmccabe {fn['pmccabe_all']}, oxidize {fn['oxidize_all']} "
      f"({fn['oxidize_in_failed_files']} of them in files pmccabe failed on)")
    p(f"functions (compared files): pmccabe {fn['pmccabe']}, oxidize {fn['oxidize']}, matched {fn['matched']}")
    p(f"  pmccabe's found by oxidize: {fmt(s['pmccabe_found_by_oxidize_pct'])} "
      f"({fn['pmccabe_only']} pmccabe only)")
    p(f"  oxidize's found by pmccabe: {fmt(s['oxidize_found_by_pmccabe_pct'])} "
      f"({fn['oxidize_only']} oxidize only)")
    p(f"  identical traditional CCN:  {fmt(s['same_ccn_pct'])} ({r['same_ccn']} of {fn['matched']})")
    p(f"  identical modified CCN:     {fmt(s['same_ccn_modified_pct'])} ({r['same_ccn_modified']} of {fn['matched']})")
    if r["pmccabe_failed_files"]:
        p("")
        p(f"pmccabe failed on {len(r['pmccabe_failed_files'])} files:")
        for f, st in sorted(r["pmccabe_failed_files"].items()):
            p(f"  {f}: {st}")
    for title, key in (("same function, named or started differently (1 pmccabe-only + 1 oxidize-only each)", "pair"),
                       ("pmccabe only, by kind", "pmccabe_only"), ("oxidize only, by kind", "oxidize_only"),
                       ("traditional CCN differs, by kind", "ccn"), ("matched, but the name differs", "name")):
        p("")
        p(f"{title}:")
        if not r["kinds"][key]:
            p("  none")
        for k, n in r["kinds"][key].items():
            p(f"  {n:7d}  {k}")
            if key == "pair" and r["pair_pmccabe_names"].get(k):
                names = ", ".join(f"{name} {c}" for name, c in list(r["pair_pmccabe_names"][k].items())[:8])
                p(f"             pmccabe names: {names}")
            for e in r["examples"][key].get(k, [])[:3]:
                p(f"             {e}")
    if top and r["top_ccn_differences"]:
        p("")
        p(f"largest CCN differences (top {top}):")
        for d in r["top_ccn_differences"][:top]:
            p(f"  {d['file']}:{d['line']} {d['function']}: pmccabe {d['pmccabe_ccn']} "
              f"(modified {d['pmccabe_modified']}), oxidize {d['oxidize_ccn']} (modified {d['oxidize_modified']})")
    if top and r["files_most_unmatched"]:
        p("")
        p(f"files with the most unmatched functions (top {top}):")
        for f, n in r["files_most_unmatched"][:top]:
            p(f"  {n:6d}  {f}")


def default_oxidize() -> str:
    here = Path(__file__).resolve().parent.parent
    candidate = here / "build" / "release" / "oxidize"
    return str(candidate) if candidate.exists() else (shutil.which("oxidize") or "oxidize")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", type=Path, help="source tree to analyse with both tools")
    ap.add_argument("--oxidize", default=default_oxidize(), metavar="BIN",
                    help="oxidize binary (default: build/release/oxidize)")
    ap.add_argument("--pmccabe", default="pmccabe", metavar="BIN", help="pmccabe binary")
    ap.add_argument("-j", "--jobs", type=int, default=2, metavar="N",
                    help="pmccabe processes at a time, and oxidize threads (default 2)")
    ap.add_argument("--chunk", type=int, default=32, metavar="N", help="files per pmccabe run (default 32)")
    ap.add_argument("--timeout", type=float, default=120.0, metavar="S",
                    help="seconds before a pmccabe run is given up (default 120)")
    ap.add_argument("--cache", type=Path, metavar="DIR", help="keep pmccabe's per-file output here")
    ap.add_argument("--refresh", action="store_true", help="with --cache: run pmccabe on every file again")
    ap.add_argument("--top", type=int, default=20, metavar="N", help="rows in the top lists (default 20)")
    ap.add_argument("--examples", type=int, default=10, metavar="N",
                    help="examples kept per kind in --json (default 10; 3 are printed)")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    ap.add_argument("--list", metavar="FILE",
                    help="write every disagreement as CSV: group,kind,file,line,detail")
    ap.add_argument("--check", action="store_true",
                    help=f"exit 1 unless both found-shares >= {MIN_FOUND_SHARE_PCT} %% "
                         f"and identical CCN >= {MIN_SAME_CCN_PCT} %%")
    ap.add_argument("--no-progress", action="store_true", help="no progress line on stderr")
    args = ap.parse_args(argv)
    tree = args.tree.expanduser()
    if not tree.is_dir():
        print(f"error: {tree} is not a directory", file=sys.stderr)
        return 2
    if args.jobs < 1 or args.chunk < 1:
        print("error: --jobs and --chunk must be >= 1", file=sys.stderr)
        return 2
    try:
        files = collect_files(tree)
        pm_files, pm_info = run_pmccabe(args.pmccabe, tree, files, args.jobs, args.chunk, args.timeout,
                                        args.cache, args.refresh, not args.no_progress and sys.stderr.isatty())
        ox_files, ox_info = run_oxidize(args.oxidize, tree, args.jobs)
    except ToolError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    meta = {"tree": str(tree), "date": datetime.date.today().isoformat(), "pmccabe": pm_info, "oxidize": ox_info}
    listing: list | None = [] if args.list else None
    result = compare(tree, pm_files, ox_files, args.examples, listing)
    if args.list:
        with open(args.list, "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["group", "kind", "file", "line", "detail"])
            w.writerows(listing)
    print_report(result, meta, args.top)
    failures = check_failures(result)
    if args.json:
        Path(args.json).write_text(json.dumps({**meta, **result, "check_failures": failures}, indent=2) + "\n")
    if args.check:
        if failures:
            print("\ncheck failed:\n  " + "\n  ".join(failures))
            return 1
        print("\ncheck passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
