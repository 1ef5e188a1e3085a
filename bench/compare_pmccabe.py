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
    oxidize walks them: .git/.hg/.svn/.bzr and quilt's .pc (with
    .quilt_patches) are skipped and symbolic links are not followed.
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
    examples, and the top CCN disagreements. Unmatched functions that end on
    the same line (the same closing brace) are reported as one pair: the
    same function, named or started differently. Kinds that are oxidize's
    fault say so ("oxidize misses: ...", "... (oxidize bug)"). --list FILE
    writes every disagreement as CSV (group,kind,file,line,detail).

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
import concurrent.futures
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
from collections import Counter, defaultdict
from pathlib import Path

EXTENSIONS = (".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp")
SKIP_DIRS = {".git", ".hg", ".svn", ".bzr"}

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


def skipped_dir(root: str, name: str) -> bool:
    """Directories oxidize does not enter: version control, quilt's state
    (`.pc` holding `.quilt_patches`), symbolic links."""
    path = os.path.join(root, name)
    if name in SKIP_DIRS or os.path.islink(path):
        return True
    return name == ".pc" and os.path.lexists(os.path.join(path, ".quilt_patches"))


def collect_files(tree: Path) -> list[str]:
    """C/C++ files under tree, relative, sorted, as oxidize walks it."""
    out = []
    for root, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if not skipped_dir(root, d))
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
EXTERN_C = re.compile(r'\bextern\s*"C"\s*\{?\s*$')
# A header whose "parameter list" is followed by a second one holding a type
# keyword: NAME(x)(struct s *p), a name built by a macro.
MACRO_NAMED = re.compile(r"\b\w+\s*\([^(){};]*\)\s*\([^{};]*\b(struct|union|enum)\b[^{};]*\)\s*\{$")
# NAME(...) then a declaration whose name starts with __: __printf(1, 2) void __f(...)
UNDERSCORE_AFTER_CALL = re.compile(r"\)((?:\s*\*?\s*\b[A-Za-z_]\w*\b)+?)\s*\*?\s*\b(__\w+)\s*\([^{};]*\)[^{};()]*\{$")
# K&R: f(a, class) int a, class; {
KNR_RECORD_WORD = re.compile(r"\w+\s*\([\w\s,]*\)\s*[^{}()]*[,\s]\b(class|struct|union|enum)\b\s*[,;][^{}()]*\{$")
BODY_IS_DATA = re.compile(r"(=|=\s*&?\s*\([^()]*\)|\b(struct|union|enum)\b[^;(){}=]*)\s*\{$")


class SourceFile:
    """Lines of a file with comments and string/char literals blanked (line
    structure kept), and for every line the preprocessor state."""

    def __init__(self, path: Path):
        self.path = path
        try:
            raw = path.read_bytes().decode("utf-8", "surrogateescape")
        except OSError:
            raw = ""
        self.raw_lines = raw.split("\n")
        self.code = strip_comments_and_literals(raw).split("\n")
        # per line (1-based): ("live"|"if0"|"if0_else"|"other_branch"), depth of conditionals
        self.region = ["live"] * (len(self.code) + 2)
        stack: list[dict] = []
        continued = False  # the previous directive line ended with a backslash
        self.if0_comment_lines: list[int] = []  # `#if 0 /* why */` lines
        self.if0_owner: dict[int, int] = {}  # line in an #if 0 block -> the #if 0 line
        for i, line in enumerate(self.code, start=1):
            if continued:
                self.region[i] = "directive"
                continued = line.rstrip().endswith("\\")
                continue
            m = DIRECTIVE.match(line)
            state = self._state(stack)
            if m:
                continued = line.rstrip().endswith("\\")
                name, rest = m.group(1), m.group(2).strip()
                if name in ("if", "ifdef", "ifndef"):
                    # oxidize's rule: `#if 0`, `#if (0)`, `#if false`, `#if (false)`
                    # (tokens joined; a comment after them does not count)
                    zero = name == "if" and "".join(rest.split()) in ("0", "(0)", "false", "(false)")
                    stack.append({"zero": zero, "branch": 0, "line": i})
                    raw_rest = self.raw_lines[i - 1].split("0", 1)[-1] if zero else ""
                    if zero and ("/*" in raw_rest or "//" in raw_rest):
                        self.if0_comment_lines.append(i)
                elif name in ("elif", "else", "elifdef", "elifndef") and stack:
                    stack[-1]["branch"] += 1
                elif name == "endif" and stack:
                    stack.pop()
                self.region[i] = "directive"
                continue
            self.region[i] = state
            if state == "if0":
                self.if0_owner[i] = next(c["line"] for c in stack if c["zero"] and c["branch"] == 0)

        # pmccabe drops a directive line up to its newline, a `/*` on it
        # included, so the rest of such a comment is code to it.
        self.directive_comment_line = 0
        # `extern "C" {` lines in live code: pmccabe skips the whole block.
        self.extern_c_lines: list[int] = []
        for i, line in enumerate(self.raw_lines, start=1):
            if self.region[i] == "directive" and not self.directive_comment_line:
                start = line.find("/*")
                if start >= 0 and "*/" not in line[start + 2:] and not line.rstrip().endswith("\\"):
                    self.directive_comment_line = i
            elif self.region[i] == "live" and EXTERN_C.search(line):
                self.extern_c_lines.append(i)

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

    def if0_commented(self, line: int) -> bool:
        """line is inside an `#if 0` block whose directive carries a comment."""
        return self.if0_owner.get(line) in self.if0_comment_lines

    def if0_commented_lines(self, first: int, last: int) -> list[int]:
        return [i for i in range(first, last + 1) if self.if0_owner.get(i) in self.if0_comment_lines]

    def if0_commented_unbalanced_before(self, line: int) -> bool:
        """An `#if 0 /* ... */` block before line whose braces do not balance."""
        balance: Counter = Counter()
        for i, d in self.if0_owner.items():
            if d < line and d in self.if0_comment_lines:
                balance[d] += self.code[i - 1].count("{") - self.code[i - 1].count("}")
        return any(balance.values())

    def text(self, first: int, last: int) -> str:
        return "\n".join(self.code[max(first - 1, 0):max(last, 0)])

    def raw(self, line: int) -> str:
        return self.raw_lines[line - 1] if 0 < line <= len(self.raw_lines) else ""


COMMENT_OR_LITERAL = re.compile(r"""/\*.*?(?:\*/|\Z)|//[^\n]*|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?""", re.S)


def _blank(m: re.Match) -> str:
    text = m.group(0)
    if text[0] in "\"'":
        # keep the quotes, blank the contents (a line splice keeps its newline)
        inner = re.sub(r"[^\n]", " ", text[1:-1]) if len(text) > 1 else ""
        return text[0] + inner + (text[-1] if len(text) > 1 else "")
    return re.sub(r"[^\n]", " ", text)


def strip_comments_and_literals(src: str) -> str:
    """Comments and string/character literal contents blanked, newlines kept."""
    return COMMENT_OR_LITERAL.sub(_blank, src)


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


def looks_like_annotation(name: str) -> bool:
    return name.startswith("__") or name.isupper() or name == "SEC"


def named_after_annotation(o: dict, src: SourceFile) -> bool:
    """oxidize named the function after NAME(...) that precedes the real
    name, which starts with __ (`__printf(2, 0) void __f(...)`)."""
    hdr = header_text(src, o["start"], "oxidize", 30)
    if not re.match(r"(?:[A-Za-z_]\w*\s*\**\s*)*?" + re.escape(o["name"]) + r"\s*\(", hdr):
        return False
    return UNDERSCORE_AFTER_CALL.search(hdr) is not None


def classify_pair(p: dict, o: dict, src: SourceFile) -> str:
    """The same function (same closing brace), named or started differently."""
    pname, oname = norm_name(p["name"]), norm_name(o["name"])
    if p["def"] <= o["start"]:
        if p["def"] < o["start"] and ";" in live_text(src, p["def"], o["start"] - 1, "pmccabe"):
            return "pmccabe starts at a declaration before the function (K&R reading)"
        between = live_text(src, p["def"], o["start"], "pmccabe")
        mp = re.search(r"\b" + re.escape(pname) + r"\s*\(", between)
        mo = re.search(r"\b" + re.escape(oname) + r"\s*\(", between)
        if pname != oname and mp and (mo is None or mp.start() < mo.start()):
            return "pmccabe names the function after a NAME(...) before its name"
    if oname in C_TYPE_WORDS:
        return "returns a function pointer"
    if pname == oname:
        return "same function, start line differs"
    return "same function, other name"


def header_text(src: SourceFile, line: int, follow: str = "pmccabe", limit: int = 40) -> str:
    """Live code from line up to and including the first `{`, on one line."""
    text = live_text(src, line, line + limit, follow)
    i = text.find("{")
    # the end is what the rules look at; a long K&R-like run is cut
    return " ".join((text[:i + 1] if i >= 0 else text).split())[-1500:]


def classify_pmccabe_only(p: dict, src: SourceFile, ox: list[dict], pm_errors: list) -> str:
    line = p["def"]
    hdr = header_text(src, p["first"], limit=max(pm_end(p) - p["first"], 0))
    covered = any(o["start"] <= line and o["end"] >= pm_end(p) for o in ox)
    if src.directive_comment_line and src.directive_comment_line <= pm_end(p):
        return "pmccabe reads a comment continued from a #directive line as code"
    if src.if0_commented_unbalanced_before(pm_end(p)) or \
            any(o["start"] <= line <= o["end"] and src.if0_commented_lines(o["start"], o["end"]) for o in ox):
        return IF0_COMMENT_KIND
    if any(o["start"] < line <= o["end"] and "if0_else" in src.region[o["start"]:o["end"] + 1] for o in ox):
        return "#else branch of #if 0 (pmccabe drops it, loses a brace)"
    if p["name"] in STATEMENT_KEYWORDS:
        return "pmccabe: a statement at file scope taken for a function"
    if BODY_IS_DATA.search(hdr):
        return "pmccabe takes a struct body or an initialiser for a function body"
    if not covered and hdr.endswith("{"):
        if MACRO_NAMED.search(hdr):
            return "oxidize misses: name built by a macro, NAME(x)(struct ...)"
        m = UNDERSCORE_AFTER_CALL.search(hdr)
        if m and not any(norm_name(o["name"]) == m.group(2) for o in ox):
            return "oxidize misses: __name after a NAME(...)"
        if KNR_RECORD_WORD.search(hdr):
            return "oxidize misses: K&R parameter named class/struct/union/enum"
        m = re.search(r"=[^;]*\b([A-Za-z_]\w*)\s*\([^()]*\)\s*\{$", hdr)
        if m and m.group(1) == norm_name(p["name"]):
            return "oxidize misses: `=` earlier in a macro block without `;`"
    if not covered and ";" in hdr:
        return "pmccabe reads declarations before a `{` as a K&R function"
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


IF0_COMMENT_KIND = "inside #if 0 followed by a comment (oxidize takes the branch: bug)"


def classify_oxidize_only(o: dict, src: SourceFile, pm: list[dict], pm_errors: list) -> str:
    line = o["start"]
    if src.region[line] == "if0_else":
        return "#else branch of #if 0"
    if src.if0_commented(line):
        return IF0_COMMENT_KIND
    if src.directive_comment_line and src.directive_comment_line <= o["end"]:
        return "pmccabe reads a comment continued from a #directive line as code"
    if any(l < line for l in src.extern_c_lines):
        return 'inside extern "C" { } (pmccabe skips the block)'
    if o["name"] in C_TYPE_WORDS or re.search(r"\(\s*\*\s*\w+\s*\(", src.text(line, line)):
        return "returns a function pointer"
    if any(p["first"] <= line <= pm_end(p) for p in pm):
        return "oxidize: inside a pmccabe function"
    raw = "\n".join(src.raw_lines[line - 1:line + 2])
    if "\\\n" in raw:
        return "line splice before the body"
    if pm_errors:
        return "pmccabe parse error in file"
    return "oxidize only: other"


COUNTED = ("if", "for", "while", "case", "&&", "||", "?")


def count_decisions(text: str) -> int:
    d = decisions(text)
    return sum(d[k] for k in COUNTED)


def classify_ccn(p: dict, o: dict, src: SourceFile) -> str:
    """Why traditional CCNs differ, by looking at the function's text."""
    end = o["end"]
    diff = o["ccn"] - p["ccn"]
    if "if0_else" in src.region[o["start"]:end + 1] and pm_end(p) != end:
        return "#else branch of #if 0 in the body"
    ox_text = live_text(src, o["start"], end, "oxidize")
    pm_text = live_text(src, o["start"], end, "pmccabe")
    else_diff = count_decisions(ox_text) - count_decisions(pm_text) if ox_text != pm_text else 0
    if else_diff and else_diff == diff:
        return "#else branch of #if 0 in the body"
    dead = src.if0_commented_lines(o["start"], end)
    if dead and diff == count_decisions("\n".join(src.code[i - 1] for i in dead)) - else_diff:
        return IF0_COMMENT_KIND
    if pm_end(p) != end:
        if src.directive_comment_line and src.directive_comment_line < end:
            return "pmccabe reads a comment continued from a #directive line as code"
        return "other extent (body boundaries differ)"
    if else_diff:
        return "#else branch of #if 0 in the body"
    raw = "\n".join(src.raw_lines[o["start"] - 1:end])
    if re.search(r"^\s*#\s*if\s*\((?:\s+0\s*|\s*0\s+)\)", raw, re.M):
        return "#if ( 0 ) with spaces in the body (pmccabe follows it, oxidize does not)"
    if re.search(r"\bcase'", raw):
        return "case'x': without a space (pmccabe misses the case)"
    d = decisions(ox_text[ox_text.find("{") + 1:])  # the body: parameters named catch do not count
    if d["catch"] and diff == d["catch"] and src_is_c(src):
        return "catch as an identifier in C (oxidize counts it)"
    if "({" in ox_text:
        return "GNU statement expression"
    if d["?"] and diff != 0 and abs(diff) <= d["?"]:
        return "?: counting"
    return "CCN: other"


def src_is_c(src: SourceFile) -> bool:
    return src.path.suffix in (".c", ".h")


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
    matched = same_ccn = same_mod = paired = 0
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
        paired += len(same)
        for p, o in same:
            k = classify_pair(p, o, src)
            if looks_like_annotation(o["name"]) and named_after_annotation(o, src):
                k = "both misname it: NAME(...) before a __name (oxidize bug)"
            elif BODY_IS_DATA.search(header_text(src, o["start"], "oxidize", 30)):
                k = "both take a struct body for a function body (oxidize bug)"
            pair_names[k][p["name"]] += 1
            note("pair", k, f, o["start"], f"pmccabe {p['name']} at {p['def']}, oxidize {o['name']} at {o['start']}")
        for p in rest_pm:
            note("pmccabe_only", classify_pmccabe_only(p, src, ox, errors), f, p["def"],
                 f"{p['name']} (pmccabe ccn {p['ccn']}, lines {p['first']}-{pm_end(p)})")
        for o in rest_ox:
            note("oxidize_only", classify_oxidize_only(o, src, pm, errors), f, o["start"],
                 f"{o['name']} (oxidize ccn {o['ccn']}, lines {o['start']}-{o['end']})")
        for p, o in pairs:
            if looks_like_annotation(o["name"]):
                if src is None:
                    src = SourceFile(tree / f)
                if named_after_annotation(o, src):
                    note("name", "both name the function after a NAME(...) before its __name (oxidize bug)", f,
                         o["start"], f"oxidize {o['name']}, pmccabe {p['name']}")
            if c_file and "::" in o["name"] and "::" not in p["name"]:
                if src is None:
                    src = SourceFile(tree / f)
                # a qualified name written out is C++ in a .h file (is_a_helper<T>::test): right
                if "::" not in " ".join(src.code[max(o["start"] - 2, 0):o["start"]]):
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
                      "matched": matched, "pmccabe_only": n_pm - matched, "oxidize_only": n_ox - matched,
                      "paired_by_closing_brace": paired},
        "shares": {
            "pmccabe_found_by_oxidize_pct": share(matched, n_pm),
            "oxidize_found_by_pmccabe_pct": share(matched, n_ox),
            "pmccabe_found_same_brace_pct": share(matched + paired, n_pm),
            "oxidize_found_same_brace_pct": share(matched + paired, n_ox),
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
    return "n/a" if v is None else f"{v:.3f} %"


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
    p(f"  counting as found the {fn['paired_by_closing_brace']} functions both found but named or started "
      f"differently (same closing brace): {fmt(s['pmccabe_found_same_brace_pct'])} and "
      f"{fmt(s['oxidize_found_same_brace_pct'])}")
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
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
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
