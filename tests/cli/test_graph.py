"""Black-box tests of `oxidize graph`: a small tree with an include cycle, a
header included from 10,000 generated files, `#include MACRO`, two functions
of the same name in different components and hostile names, in each kind and
format. The JSON is checked for content; every DOT output is read back by
Graphviz (`dot -Tcanon`, no layout) and the smaller ones rendered to SVG and
parsed as XML, when `dot` is installed (scripts/install-deps.sh installs it;
the test says when it is skipped). A generated tree of a million call edges
checks that both formats finish and are well-formed.

Run by ctest with OXIDIZE_BIN set, like test_cli.py.
"""
import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from test_cli import Scratch, run

DOT = shutil.which("dot")
GC = shutil.which("gc")  # Graphviz's graph counter: reads a graph with dot's parser, no layout
HEADER_USERS = 10_000


def graph(path, *args, check_rc=0):
    return run("graph", path, "--no-progress", *args, check_rc=check_rc)


def graph_json(path, *args):
    return json.loads(graph(path, "--format", "json", *args).stdout)


def raw(obj, key):
    """The exact bytes of a string field (its _base64 twin when not UTF-8)."""
    if key + "_base64" in obj:
        return base64.b64decode(obj[key + "_base64"])
    return obj[key].encode()


# DOT as oxidize writes it: one statement per line, every id and label quoted.
QUOTED = r'"(?:[^"\\]|\\.)*"'
DOT_LINE = re.compile(
    rf'^(digraph "oxidize" {{|}}|\s*}}|\s*(graph|node|edge) \[.*\];|\s*subgraph {QUOTED} {{|'
    rf'\s*{QUOTED}( -> {QUOTED})?( \[.*\])?;)$')


def check_dot_lines(test, text):
    for line in text.splitlines():
        test.assertRegex(line, DOT_LINE)
        # Printable, valid UTF-8, no raw control byte.
        test.assertFalse(any(ord(c) < 0x20 for c in line), line)


class GraphTree(unittest.TestCase):
    """The fixture tree, built once; gen/ holds the 10,000 files that include one header."""
    dot_skipped_said = False

    @classmethod
    def write(cls, rel, data):
        p = cls.dir / rel if isinstance(rel, str) else Path(os.fsdecode(bytes(cls.dir) + b"/" + rel))
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode())

    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="oxidize-graph-"))
        w = cls.write
        w("include/common.h", "#ifndef COMMON_H\n#define COMMON_H\nint common_value(void);\n#endif\n")
        w("lib/common.c", '#include "common.h"\nint common_value(void) { return 42; }\n')
        # An include cycle.
        w("lib/cycle_a.h", '#include "cycle_b.h"\nint in_a(void);\n')
        w("lib/cycle_b.h", '#include "cycle_a.h"\nint in_b(void);\n')
        w("lib/cycle.c", '#include "cycle_a.h"\n#define CONFIG_HEADER "config.h"\n#include CONFIG_HEADER\n'
          '#include <stdio.h>\n#include "dir\\file.h"\n#include <we"ird&lt;.h>\n'
          "int in_a(void) { return in_b() + printf(\"x\"); }\nint in_b(void) { return common_value(); }\n")
        # The same function name in two components.
        w("alpha/util.c", "int helper(void) { return 1; }\n")
        w("alpha/main.c", "int helper(void);\nint alpha_main(void) { return helper() + helper(); }\n")
        w("beta/util.c", "int helper(void) { return 2; }\n")
        w("beta/run.c", "int helper(void);\nint beta_run(void) { return helper(); }\n")
        # Hostile names: quotes, a tab, a backslash and an invalid byte in a
        # folder (so in a component's name), a newline and an entity in files.
        w(b'we"ird\tdir\\x\xff/odd.c', "int odd(void) { return in_a(); }\n")
        w(b"hostile/new\nline.c", "int newline_fn(void) { return odd(); }\n")
        w(b"hostile/amp&lt;.c", "int amp(void) { return newline_fn(); }\n")
        # A name longer than a DOT quoted string may be (Graphviz: 16 KB).
        w("long/name.c", f"int {'x' * 20000}(void) {{ return 0; }}\nint caller(void) {{ return {'x' * 20000}(); }}\n")
        for i in range(HEADER_USERS):
            w(f"gen/g{i:05}.c", f'#include "common.h"\nint gen_value_{i} = 1;\n')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def dot_check(self, text, render):
        if DOT is None:
            if not GraphTree.dot_skipped_said:
                print("\nGraphviz `dot` not installed: DOT outputs are checked line by line only "
                      "(scripts/install-deps.sh installs graphviz)", flush=True)
                GraphTree.dot_skipped_said = True
            return
        # `gc` parses like dot without the layout (`dot -Tcanon` takes 30 s on
        # 10,000 nodes) and says how many nodes and edges it read.
        counted = subprocess.run([GC or "gc", "-n", "-e"], input=text.encode(), capture_output=True, timeout=300)
        self.assertEqual(counted.returncode, 0, counted.stderr)
        self.assertEqual(counted.stderr, b"")
        nodes, edges = map(int, counted.stdout.split()[:2])
        self.assertEqual(nodes, len(re.findall(r'^\s*"n\d+" \[label=', text, re.M)))
        self.assertEqual(edges, text.count('" -> "'))
        if not render:
            return
        svg = subprocess.run([DOT, "-Tsvg"], input=text.encode(), capture_output=True, timeout=300)
        self.assertEqual(svg.returncode, 0, svg.stderr)
        self.assertEqual(svg.stderr, b"")
        return ET.fromstring(svg.stdout)

    def test_include_graph_json(self):
        doc = graph_json(self.dir, "--kind", "include")
        self.assertEqual(doc["command"], "graph")
        self.assertEqual(doc["kind"], "include")
        nodes = {raw(n, "path"): n for n in doc["nodes"]}
        self.assertEqual(len(nodes), len(doc["nodes"]))
        ids = {n["id"]: p for p, n in nodes.items()}
        self.assertEqual(sorted(ids), list(range(len(ids))))
        edges = {(ids[e["from"]], ids[e["to"]]): e for e in doc["edges"]}
        self.assertEqual(len(edges), len(doc["edges"]))
        # The cycle, both ways.
        self.assertEqual(edges[(b"lib/cycle_a.h", b"lib/cycle_b.h")]["how"], "relative")
        self.assertEqual(edges[(b"lib/cycle_b.h", b"lib/cycle_a.h")]["how"], "relative")
        # The common header, from every generated file.
        users = [f for (f, t) in edges if t == b"include/common.h"]
        self.assertEqual(len([u for u in users if u.startswith(b"gen/")]), HEADER_USERS)
        self.assertEqual(edges[(b"gen/g00000.c", b"include/common.h")]["how"], "include-root")
        self.assertEqual(edges[(b"gen/g00000.c", b"include/common.h")]["line"], 1)
        self.assertEqual(nodes[b"gen/g09999.c"]["component"], "gen")
        # No unresolved name without --include-external.
        self.assertFalse(any(n.get("external") for n in doc["nodes"]))
        self.assertIn(b'we"ird\tdir\\x\xff/odd.c', nodes)
        self.assertIn("path_base64", nodes[b'we"ird\tdir\\x\xff/odd.c'])

    def test_include_graph_unresolved_names(self):
        doc = graph_json(self.dir, "--kind", "include", "--include-external", "--component", "lib")
        external = {n["path"]: n for n in doc["nodes"] if n.get("external")}
        self.assertEqual(external["CONFIG_HEADER"]["how"], "macro")
        self.assertEqual(external["stdio.h"]["how"], "system")
        self.assertEqual(external["dir\\file.h"]["how"], "not-found")
        self.assertEqual(external['we"ird&lt;.h']["how"], "system")
        # --component: lib's files and their direct neighbours (the header lib/common.c includes).
        paths = {n["path"] for n in doc["nodes"] if not n.get("external")}
        self.assertEqual(paths, {"lib/common.c", "lib/cycle.c", "lib/cycle_a.h", "lib/cycle_b.h", "include/common.h"})
        dot = graph(self.dir, "--kind", "include", "--include-external", "--component", "lib").stdout.decode()
        check_dot_lines(self, dot)
        self.assertIn('[label="we\\"ird&amp;lt;.h", style="dashed"]', dot)
        self.assertIn('[label="dir\\\\\\\\file.h", style="dashed"]', dot)
        svg = self.dot_check(dot, render=True)
        if svg is not None:
            texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
            self.assertIn('we"ird&lt;.h', texts)
            self.assertIn("dir\\\\file.h", texts)

    def test_include_graph_dot_reads_back_whole_and_renders_the_top(self):
        dot = graph(self.dir, "--kind", "include").stdout.decode()
        check_dot_lines(self, dot)
        self.assertEqual(dot.count(' -> "'), 10_004)
        self.dot_check(dot, render=False)
        top = graph(self.dir, "--kind", "include", "--top", "5").stdout.decode()
        self.assertEqual(len(re.findall(r'^\s*"n\d+" \[label=', top, re.M)), 5)
        self.assertIn('label="include/common.h"', top)
        self.dot_check(top, render=True)

    def test_call_graph_json_keeps_same_names_apart(self):
        doc = graph_json(self.dir, "--kind", "call")
        self.assertEqual(doc["kind"], "call")
        nodes = {n["id"]: n for n in doc["nodes"]}
        key = {i: (raw(n, "path"), n["function"]) for i, n in nodes.items()}
        edges = {(key[e["from"]], key[e["to"]]): e for e in doc["edges"]}
        alpha = edges[((b"alpha/main.c", "alpha_main"), (b"alpha/util.c", "helper"))]
        self.assertEqual(alpha["count"], 2)
        self.assertEqual(alpha["how"], "narrowed")
        self.assertIn(((b"beta/run.c", "beta_run"), (b"beta/util.c", "helper")), edges)
        self.assertNotIn(((b"alpha/main.c", "alpha_main"), (b"beta/util.c", "helper")), edges)
        self.assertEqual(nodes[[i for i, k in key.items() if k == (b"alpha/util.c", "helper")][0]]["component"], "alpha")
        self.assertIn(((b"lib/cycle.c", "in_a"), (b"lib/cycle.c", "in_b")), edges)
        self.assertIn(((b"hostile/new\nline.c", "newline_fn"), (b'we"ird\tdir\\x\xff/odd.c', "odd")), edges)
        odd = [n for n in doc["nodes"] if n["function"] == "odd"][0]
        self.assertEqual(base64.b64decode(odd["component_base64"]), b'we"ird\tdir\\x\xff')
        self.assertFalse(any(n.get("external") for n in doc["nodes"]))
        # No function in gen/: the call graph stays small.
        self.assertLess(len(nodes), 20)

    def test_call_graph_external_names_and_sites(self):
        doc = graph_json(self.dir, "--kind", "call", "--include-external", "--sites")
        external = {n["function"]: n for n in doc["nodes"] if n.get("external")}
        self.assertEqual(external["printf"]["how"], "external")
        sites = [s for s in doc["sites"] if s["caller"] == "alpha_main"]
        self.assertEqual([(s["line"], s["callee"], s["how"], s["target"]["path"]) for s in sites],
                         [(2, "helper", "narrowed", "alpha/util.c")] * 2)
        printf = [s for s in doc["sites"] if s["callee"] == "printf"][0]
        self.assertNotIn("target", printf)
        self.assertEqual(doc["nodes"][printf["to"]]["function"], "printf")
        # Every resolved site is counted in exactly one edge.
        self.assertEqual(sum(e["count"] for e in doc["edges"]), len([s for s in doc["sites"] if s["to"] is not None]))

    def test_call_graph_dot_renders(self):
        dot = graph(self.dir, "--kind", "call", "--include-external").stdout.decode()
        check_dot_lines(self, dot)
        # Clusters are components, whose names come from folders.
        self.assertIn('graph [label="we\\"ird\\\\tdir\\\\\\\\x\\\\xFF"', dot)
        self.assertIn('label="amp\\nhostile/amp&amp;lt;.c:1"', dot)
        self.assertIn('label="newline_fn\\nhostile/new\\\\nline.c:1"', dot)
        self.assertRegex(dot, r'"n\d+" -> "n\d+" \[label="2", weight="2"\];')
        svg = self.dot_check(dot, render=True)
        if svg is not None:
            texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
            self.assertIn("hostile/amp&lt;.c:1", texts)
            self.assertIn('we"ird\\tdir\\\\x\\xFF', texts)

    def test_component_graph(self):
        doc = graph_json(self.dir)
        self.assertEqual(doc["kind"], "component")
        names = {n["id"]: raw(n, "name") for n in doc["nodes"]}
        edges = {(names[e["from"]], names[e["to"]]): e for e in doc["edges"]}
        self.assertEqual(edges[(b"gen", b"include")], {"from": edges[(b"gen", b"include")]["from"],
                                                        "to": edges[(b"gen", b"include")]["to"],
                                                        "calls": 0, "includes": HEADER_USERS})
        self.assertEqual((edges[(b"lib", b"include")]["calls"], edges[(b"lib", b"include")]["includes"]), (0, 1))
        self.assertEqual(edges[(b'we"ird\tdir\\x\xff', b"lib")]["calls"], 1)
        self.assertEqual(edges[(b"hostile", b'we"ird\tdir\\x\xff')]["calls"], 1)
        self.assertNotIn((b"alpha", b"beta"), edges)
        dot = graph(self.dir).stdout.decode()
        check_dot_lines(self, dot)
        self.assertIn('[label="10,000 includes", weight="14"]', dot)
        self.dot_check(dot, render=True)
        focused = graph_json(self.dir, "--component", "hostile")
        self.assertEqual(sorted(raw(n, "name") for n in focused["nodes"]), [b"hostile", b'we"ird\tdir\\x\xff'])
        self.assertEqual(len(focused["edges"]), 1)

    def test_long_names_are_cut_in_dot(self):
        dot = graph(self.dir, "--kind", "call", "--component", "long").stdout.decode()
        check_dot_lines(self, dot)
        self.assertIn("x" * 1024 + "\u2026\\nlong/name.c:1", dot)
        self.assertNotIn("x" * 1025, dot)
        self.dot_check(dot, render=True)
        doc = graph_json(self.dir, "--kind", "call", "--component", "long")
        self.assertEqual({n["function"] for n in doc["nodes"]}, {"x" * 20000, "caller"})

    def test_usage_errors(self):
        for args in (["--sites"], ["--kind", "include", "--format", "json", "--sites"], ["--kind", "tree"],
                     ["--component", "nowhere"], ["--format", "svg"]):
            p = graph(self.dir, *args, check_rc=2)
            lines = p.stderr.decode().strip().splitlines()
            self.assertEqual(len(lines), 1, lines)
            self.assertTrue(lines[0].startswith("oxidize: error: "), lines[0])


# A million call edges: 1,000 files of 20 functions, each calling 50
# functions of other files (every caller->callee pair distinct).
FILES, FUNCTIONS, CALLS = 1000, 20, 50


class MillionEdges(Scratch):
    def setUp(self):
        super().setUp()
        for i in range(FILES):
            body = []
            for j in range(FUNCTIONS):
                calls = "".join(f"  f{(i + k + 1) % FILES}_{(j + k) % FUNCTIONS}();\n" for k in range(CALLS))
                body.append(f"void f{i}_{j}(void) {{\n{calls}}}\n")
            self.write(f"m/f{i}.c", "".join(body))

    def test_both_formats_finish_and_are_well_formed(self):
        edges = FILES * FUNCTIONS * CALLS
        start = time.monotonic()
        p = graph(self.dir, "--kind", "call", "--format", "json")
        json_seconds = time.monotonic() - start
        doc = json.loads(p.stdout)
        self.assertEqual(len(doc["nodes"]), FILES * FUNCTIONS)
        self.assertEqual(len(doc["edges"]), edges)
        self.assertTrue(all(e["count"] == 1 and e["how"] == "unique" for e in doc["edges"]))
        del doc, p
        start = time.monotonic()
        dot = graph(self.dir, "--kind", "call").stdout.decode()
        dot_seconds = time.monotonic() - start
        self.assertEqual(dot.count('" -> "'), edges)
        self.assertTrue(dot.startswith('digraph "oxidize" {\n') and dot.endswith("\n}\n"))
        for line in dot.splitlines()[:2000]:
            self.assertRegex(line, DOT_LINE)
        print(f"\n{edges:,} call edges: json {json_seconds:.1f} s, dot {dot_seconds:.1f} s", flush=True)


if __name__ == "__main__":
    unittest.main()
