#!/usr/bin/env python3
"""Call-graph precision and recall of `oxidize graph --kind call` against
cscope and GNU global, on a sample of call sites of a real tree (curl).

1. `oxidize graph TREE --kind call --format json --sites`: every call site of
   the scope with its file, line, caller, callee name, how it resolved and,
   when resolved, the definition (file, function, line).
2. The peers index exactly the C/C++ files oxidize read
   (`oxidize scan --by file --format json --include-vendored
   --include-generated`): `cscope -b -q -k` and `gtags`, into a scratch
   folder (the tree is not written to). Both are Debian packages; the script
   installs them with apt when they are missing (as root, or through sudo).
3. Precision against each peer: N resolved call sites (how same-file,
   included, unique or narrowed) drawn with a seeded random.Random. For each,
   the peer must list the call at the same file and line (cscope -L3 NAME:
   callers, with the calling function, which must be ours too; global -rx
   NAME: references) and define the callee (cscope -L1 / global -dx, #define
   lines left out) in the file oxidize resolved to:
     confirmed   the peer sees the call, and every definition it knows is in
                 oxidize's file;
     consistent  the peer sees the call and oxidize's file is among several
                 definitions (the peer does not choose: neither tool
                 resolves by scope or includes);
     other-def   the peer sees the call and defines the name elsewhere only
                 (or as a macro only);
     no-site     the peer lists no call of that name at that line (for
                 cscope: or from another function).
4. Recall against each peer: the functions that hold the sampled sites. For
   each, the peer's calls inside it (cscope -L2 CALLER, in our file and
   within our function's lines; global: the references of `global -rx -f
   FILE` on those lines whose text has NAME followed by `(`), kept when the
   peer knows exactly one definition file of the callee. Recall is the share
   of those that oxidize resolves to a function of that file, at the same
   line and name; the misses are split into no site, unresolved (with how),
   and another file.
5. The disagreements are printed (up to --show of each class) with the line
   of code, to be read.

usage (from the repository root):
  python3 bench/callgraph_check.py [TREE] [--oxidize build/release/oxidize] [-n 200] [--seed 11]
        [--show 15] [--json OUT.json]
TREE defaults to ~/.cache/oxidize/corpora/curl (scripts/fetch-corpus.sh curl).
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OXIDIZE = os.path.join(os.path.dirname(HERE), "build", "release", "oxidize")
DEFAULT_TREE = os.path.expanduser("~/.cache/oxidize/corpora/curl")
RESOLVED = {"same-file", "included", "unique", "narrowed"}
C_LANGUAGES = {"c", "c_header", "cpp", "cpp_header"}


def ensure_peers():
    missing = [pkg for pkg, tool in (("cscope", "cscope"), ("global", "gtags")) if shutil.which(tool) is None]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("installing %s with apt" % " ".join(missing), file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True,
                   env=env, stdout=subprocess.DEVNULL)


def oxidize_json(binary, *args):
    p = subprocess.run([binary, *args, "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("callgraph_check.py: oxidize %s failed: %s" % (" ".join(args), p.stderr.decode(errors="replace")))
    return json.loads(p.stdout)


def definition_files(name, rows):
    """What a peer's definition rows (file, text) of NAME say: the files
    that define a function NAME (the line holds `NAME(`), and whether NAME
    is also a macro. Neither peer tells a function from a struct member, a
    variable, an enum or an #undef by itself: the line's text does."""
    files, macro = set(), False
    call = re.compile(r"(?<![\w.>])" + re.escape(name) + r"\s*\(")
    for path, text in rows:
        if re.match(r"\s*#", text):
            macro = macro or re.match(r"\s*#\s*define\s+" + re.escape(name) + r"\b", text) is not None
        elif call.search(text):
            files.add(path)
    return files, macro


class Cscope:
    name = "cscope"

    def __init__(self, tree, files, work):
        self.tree = tree
        self.db = os.path.join(work, "cscope.out")
        listing = os.path.join(work, "cscope.files")
        with open(listing, "w") as f:
            # cscope reads names with spaces only when quoted.
            f.write("".join('"%s"\n' % p if " " in p else p + "\n" for p in files))
        t0 = time.time()
        subprocess.run(["cscope", "-b", "-q", "-k", "-f", self.db, "-i", listing], cwd=tree, check=True)
        self.index_seconds = time.time() - t0
        self.cache = {}

    def query(self, field, name):
        key = (field, name)
        if key not in self.cache:
            p = subprocess.run(["cscope", "-d", "-f", self.db, "-L%d" % field, name], cwd=self.tree,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            rows = []
            for line in p.stdout.decode("utf-8", "replace").splitlines():
                parts = line.split(" ", 3)
                if len(parts) >= 3 and parts[2].isdigit():
                    rows.append((parts[0], parts[1], int(parts[2]), parts[3] if len(parts) > 3 else ""))
            self.cache[key] = rows
        return self.cache[key]

    def definitions(self, name):
        return definition_files(name, [(f, text) for f, _, _, text in self.query(1, name)])

    def sees_call(self, path, line, caller, callee):
        return any(f == path and ln == line and fn == caller for f, fn, ln, _ in self.query(3, callee))

    def calls_in(self, path, caller, first, last):
        """(line, callee) of the calls the peer sees in CALLER of PATH, lines first..last."""
        return {(ln, callee) for f, callee, ln, _ in self.query(2, caller) if f == path and first <= ln <= last}


class Global:
    name = "global"

    def __init__(self, tree, files, work):
        self.tree = tree
        self.env = dict(os.environ, GTAGSROOT=tree, GTAGSDBPATH=work)
        listing = os.path.join(work, "gtags.files")
        with open(listing, "w") as f:
            f.write("".join(p + "\n" for p in files))
        t0 = time.time()
        subprocess.run(["gtags", "-f", listing, work], cwd=tree, check=True, env=self.env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.index_seconds = time.time() - t0
        self.cache = {}

    def rows(self, *args):
        if args not in self.cache:
            p = subprocess.run(["global", *args], cwd=self.tree, env=self.env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
            out = []
            for line in p.stdout.decode("utf-8", "replace").splitlines():
                m = re.match(r"(\S+)\s+(\d+)\s+(\S+) ?(.*)$", line)
                if m:
                    out.append((m.group(1), int(m.group(2)), m.group(3), m.group(4)))
            self.cache[args] = out
        return self.cache[args]

    def definitions(self, name):
        return definition_files(name, [(f, text) for _, _, f, text in self.rows("-dx", name)])

    def sees_call(self, path, line, caller, callee):
        return any(f == path and ln == line for _, ln, f, _ in self.rows("-rx", callee))

    def calls_in(self, path, caller, first, last):
        out = set()
        for name, ln, _, text in self.rows("-rx", "-f", path):
            if first <= ln <= last and re.search(r"(?<![\w.>])" + re.escape(name) + r"\s*\(", text):
                out.add((ln, name))
        return out


def precision(peer, sample):
    classes = collections.Counter()
    cases = collections.defaultdict(list)
    for s in sample:
        target = s["target"]["path"]
        seen = peer.sees_call(s["path"], s["line"], s["caller"], s["callee"])
        files, macro = peer.definitions(s["callee"])
        if not seen:
            c = "no-site"
        elif files == {target} and not macro:
            c = "confirmed"
        elif target in files:
            c = "consistent"
        else:
            c = "other-def"
        classes[c] += 1
        cases[c].append((s, sorted(files) + (["a macro"] if macro else [])))
    return classes, cases


def recall(peer, sites_by_function, functions):
    classes = collections.Counter()
    cases = collections.defaultdict(list)
    for (node_id, path, caller, first, last) in functions:
        ours = {(s["line"], s["callee"]): s for s in sites_by_function[node_id]}
        for line, callee in sorted(peer.calls_in(path, caller, first, last)):
            files, macro = peer.definitions(callee)
            if not files:
                classes["peer-none"] += 1  # the C library, a dependency
                continue
            if len(files) > 1:
                classes["peer-several"] += 1
                continue
            (expected,) = files
            s = ours.get((line, callee))
            if s is None:
                c = "no-site"
            elif s["how"] not in RESOLVED:
                c = "unresolved:" + s["how"]
            elif s["target"]["path"] == expected:
                c = "same"
            else:
                c = "other-file"
            classes[c] += 1
            cases[c].append(((path, caller, line, callee, expected + (" (and a macro)" if macro else "")), s))
    return classes, cases


def source_line(tree, path, line, cache={}):
    if path not in cache:
        try:
            with open(os.path.join(tree, path), "rb") as f:
                cache[path] = f.read().decode("utf-8", "replace").splitlines()
        except OSError:
            cache[path] = []
    lines = cache[path]
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def share(part, whole):
    return "%.1f%%" % (100.0 * part / whole) if whole else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", nargs="?", default=DEFAULT_TREE)
    ap.add_argument("--oxidize", default=DEFAULT_OXIDIZE)
    ap.add_argument("-n", type=int, default=200, help="resolved call sites in the sample")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--show", type=int, default=15, help="disagreements printed per class")
    ap.add_argument("--json", default="", help="write the per-site results here")
    args = ap.parse_args()
    tree = os.path.abspath(args.tree)
    ensure_peers()

    t0 = time.time()
    doc = oxidize_json(args.oxidize, "graph", tree, "--kind", "call", "--format", "json", "--sites")
    graph_seconds = time.time() - t0
    scan = oxidize_json(args.oxidize, "scan", tree, "--by", "file", "--format", "json", "--include-vendored",
                        "--include-generated", "--no-history")
    files = sorted(f["path"] for f in scan["files"] if f["language"] in C_LANGUAGES and "path_base64" not in f)
    sites = doc["sites"]
    resolved = [s for s in sites if s["how"] in RESOLVED]
    print("oxidize graph --kind call --sites: %.2f s, %d call sites, %d resolved (%s), %d files for the peers"
          % (graph_seconds, len(sites), len(resolved), share(len(resolved), len(sites)), len(files)))
    print("  how: " + ", ".join("%s %d" % kv for kv in collections.Counter(s["how"] for s in sites).most_common()))

    rng = random.Random(args.seed)
    sample = rng.sample(resolved, min(args.n, len(resolved)))
    # The sampled callers (a site's `from` is its caller's node), with their lines.
    nodes = {n["id"]: n for n in doc["nodes"] if not n.get("external")}
    ends = {}
    for f in scan["files"]:
        for fn in f.get("functions", []):
            ends[(f["path"], fn["function"], fn["start_line"])] = fn["end_line"]
    functions = []
    for node_id in sorted({s["from"] for s in sample}):
        node = nodes[node_id]
        end = ends.get((node["path"], node["function"], node["line"]), node["line"])
        functions.append((node_id, node["path"], node["function"], node["line"], end))
    sites_by_function = collections.defaultdict(list)
    for s in sites:
        sites_by_function[s["from"]].append(s)

    report = {"tree": tree, "seed": args.seed, "n": len(sample), "peers": {}}
    with tempfile.TemporaryDirectory(prefix="oxidize-callgraph-") as work:
        for peer_class in (Cscope, Global):
            folder = os.path.join(work, peer_class.name)
            os.mkdir(folder)
            peer = peer_class(tree, files, folder)
            t0 = time.time()
            p_classes, p_cases = precision(peer, sample)
            r_classes, r_cases = recall(peer, sites_by_function, functions)
            query_seconds = time.time() - t0
            n = len(sample)
            peer_total = sum(v for k, v in r_classes.items() if not k.startswith("peer-"))
            print("\n== %s (index %.1f s, queries %.1f s)" % (peer.name, peer.index_seconds, query_seconds))
            print("precision, %d resolved sites: confirmed %d (%s), consistent %d, other-def %d, no-site %d; "
                  "confirmed or consistent %s"
                  % (n, p_classes["confirmed"], share(p_classes["confirmed"], n), p_classes["consistent"],
                     p_classes["other-def"], p_classes["no-site"],
                     share(p_classes["confirmed"] + p_classes["consistent"], n)))
            print("  consistent, by how oxidize resolved: " + ", ".join(
                "%s %d" % kv for kv in collections.Counter(s["how"] for s, _ in p_cases["consistent"]).most_common()))
            print("recall, %d functions, %d calls the peer resolves to one file (besides, %d to several, %d to "
                  "none): same %d (%s); %s"
                  % (len(functions), peer_total, r_classes["peer-several"], r_classes["peer-none"], r_classes["same"],
                     share(r_classes["same"], peer_total),
                     ", ".join("%s %d" % kv for kv in sorted(r_classes.items())
                               if kv[0] != "same" and not kv[0].startswith("peer-"))))
            for c in ("other-def", "no-site", "consistent"):
                for s, defs in p_cases[c][: args.show]:
                    print("  [precision %s] %s:%d %s -> %s (ours: %s %s:%d; %s: %s)\n      %s"
                          % (c, s["path"], s["line"], s["caller"], s["callee"], s["how"], s["target"]["path"],
                             s["target"]["line"], peer.name, defs or "no definition",
                             source_line(tree, s["path"], s["line"])))
            for c in sorted(r_classes):
                if c == "same" or c.startswith("peer-"):
                    continue
                for (path, caller, line, callee, expected), s in r_cases[c][: args.show]:
                    ours = "-" if s is None else "%s %s" % (s["how"], s.get("target", {}).get("path", ""))
                    print("  [recall %s] %s:%d %s -> %s (%s: %s; ours: %s)\n      %s"
                          % (c, path, line, caller, callee, peer.name, expected, ours,
                             source_line(tree, path, line)))
            report["peers"][peer.name] = {
                "precision": dict(p_classes), "recall": dict(r_classes), "functions": len(functions),
                "index_seconds": peer.index_seconds}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
