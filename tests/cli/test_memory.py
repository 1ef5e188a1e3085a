"""Peak memory of the JSON, CSV and SARIF outputs: they are written as they go,
so their cost over the table of the same run must not grow with the output.
And peak memory on one huge file: a few times its size (HugeFile, below).

A synthetic tree of N and then 4N small C files (functions and three hazards
each) is scanned; each run's peak RSS comes from /usr/bin/time in a fresh
process. For each format, `extra` is its peak minus the table's peak on the
same tree. The scan itself (file records, functions, findings) grows with the
tree in both, so it cancels out; what is left is what the renderer keeps.
A renderer that builds the whole document first keeps several times the
output's size, which grows fourfold from N to 4N.

Run by ctest with OXIDIZE_BIN set, like test_cli.py.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

BIN = os.environ.get("OXIDIZE_BIN", "oxidize")
TIME = "/usr/bin/time"
N = 2000
# Allowance for noise between two runs (KB): measured within +-400 KB with -j 1;
# transparent huge pages may add 2 MB steps. Building the whole document costs
# far more: several times an output that grows by 10 MB or more.
MARGIN_KB = 4096

TEMPLATE = """#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Synthetic file {i}: functions of some complexity, and three hazards. */
static int helper_{i}(int x) {{
  if (x > 0) {{
    return x * 2;
  }} else if (x < -5) {{
    return -x;
  }}
  return 0;
}}

int sum_odd_{i}(const int *v, int n) {{
  int s = 0;
  for (int i = 0; i < n; i++) {{
    if (v[i] % 2) s += v[i];
    else s -= 1;
  }}
  return s;
}}

void copy_name_{i}(char *dst, const char *src) {{
  strcpy(dst, src);
}}

void format_name_{i}(char *dst, const char *name) {{
  sprintf(dst, "name: %s", name);
}}

void read_line_{i}(void) {{
  char line[64];
  gets(line);
  puts(line);
}}

int classify_{i}(int k) {{
  switch (k) {{
    case 1: return 10;
    case 2: return 20;
    default: return helper_{i}(k);
  }}
}}
"""

# (name, the format's arguments, the table's arguments for the same run)
CASES = [
    ("scan json", ["scan", "--by", "file", "--format", "json"], ["scan", "--by", "file"]),
    ("functions json", ["functions", "--format", "json"], ["functions"]),
    ("functions csv", ["functions", "--format", "csv"], ["functions"]),
    ("hazards json", ["hazards", "--min-confidence", "low", "--format", "json"],
     ["hazards", "--min-confidence", "low"]),
    ("hazards sarif", ["hazards", "--min-confidence", "low", "--format", "sarif"],
     ["hazards", "--min-confidence", "low"]),
    ("hazards csv", ["hazards", "--min-confidence", "low", "--format", "csv"],
     ["hazards", "--min-confidence", "low"]),
]


def write_tree(root, first, count):
    for i in range(first, first + count):
        folder = root / f"d{i // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{i}.c").write_text(TEMPLATE.format(i=i))


def realistic_c(size, seed=7):
    """About `size` bytes of C shaped like a kernel driver: kernel-doc comments,
    register macros, structures, tables, functions of 10 to 80 lines with
    locals, loops, branches, error paths, library calls and some hazards (a
    fifth of the lines are comments, as in the kernel)."""
    rng = random.Random(seed)
    words = ["dev", "priv", "ring", "desc", "buf", "len", "idx", "cnt", "reg", "val", "skb", "cfg", "hw",
             "queue", "tx", "rx", "stat", "mask", "addr", "data", "port", "link", "irq", "ctx", "entry"]
    out = ["// SPDX-License-Identifier: GPL-2.0\n/*\n * Synthetic driver for the memory test.\n */\n",
           "#include <linux/kernel.h>\n#include <linux/slab.h>\n#include <linux/string.h>\n\n"]
    total = sum(map(len, out))
    n = 0
    while total < size:
        n += 1
        w = lambda: rng.choice(words)  # noqa: E731
        name = f"xgbe_{w()}_{w()}_{n}"
        parts = [f"#define {name.upper()}_REG 0x{rng.randrange(1 << 16):04x}\n"
                 f"#define {name.upper()}_MASK GENMASK({rng.randrange(8, 31)}, {rng.randrange(0, 7)})\n\n"]
        if n % 5 == 0:
            fields = "".join(f"\tu{rng.choice([8, 16, 32, 64])} {w()}_{k};\n" for k in range(rng.randrange(3, 9)))
            parts.append(f"struct {name}_info {{\n{fields}\tchar label[{rng.choice([16, 32, 64])}];\n}};\n\n")
        if n % 7 == 0:
            rows = "".join(f"\t{{ 0x{rng.randrange(1 << 16):04x}, {rng.randrange(100)}, \"{w()}\" }},\n"
                           for _ in range(rng.randrange(4, 16)))
            parts.append(f"static const struct {{ u16 id; int v; const char *s; }} {name}_table[] = {{\n{rows}}};\n\n")
        body = [f"\tstruct {w()}_priv *{w()} = {w()}_get(dev);", "\tint ret = 0, i;", f"\tu32 {w()}_val;",
                "\tchar name[32];"]
        for _ in range(rng.randrange(3, 14)):
            kind = rng.randrange(8)
            if kind == 0:
                body.append(f"\tfor (i = 0; i < {rng.randrange(2, 64)}; i++) {{\n"
                            f"\t\t{w()}[i] = readl(base + {name.upper()}_REG + i * 4);\n\t}}")
            elif kind == 1:
                body.append(f"\tif (!{w()}) {{\n\t\tret = -ENOMEM;\n\t\tgoto err_{w()};\n\t}}")
            elif kind == 2:
                body.append(f"\t/* {w()} the {w()} before touching the {w()} */\n"
                            f"\tret = {w()}_{w()}(dev, {w()}, {rng.randrange(100)});")
            elif kind == 3:
                body.append(f"\tswitch ({w()}) {{\n\tcase {rng.randrange(9)}:\n\t\t{w()} |= {name.upper()}_MASK;\n"
                            "\t\tbreak;\n\tdefault:\n\t\tbreak;\n\t}")
            elif kind == 4:
                body.append(f"\tmemcpy({w()}, {w()}, sizeof(*{w()}));")
            elif kind == 5:
                body.append(f"\tsnprintf(name, sizeof(name), \"%s-%d\", {w()}, i);")
            elif kind == 6 and rng.random() < 0.3:
                body.append(f"\tstrcpy(name, {w()}->label);")
            else:
                body.append(f"\twhile ({w()} && --{w()}) {{\n\t\tudelay({rng.randrange(1, 50)});\n"
                            f"\t\t{w()} = {w()}->next;\n\t}}")
        body.append(f"\treturn ret;\nerr_{w()}:\n\tkfree({w()});\n\treturn ret;")
        doc = "".join(f" * {w()} {w()} {w()} of the {w()} {w()}, {w()} when the {w()} is {w()}.\n"
                      for _ in range(rng.randrange(2, 7)))
        parts.append(f"/**\n * {name} - {w()} the {w()}\n * @dev: the device\n * @base: its registers\n *\n{doc} */\n"
                     f"static int {name}(struct device *dev, void __iomem *base)\n{{\n" + "\n".join(body) + "\n}\n\n")
        text = "".join(parts)
        out.append(text)
        total += len(text)
    return "".join(out)


class PeakMemory(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.access(TIME, os.X_OK):
            raise AssertionError(f"{TIME} is needed to measure peak memory (Debian package `time`, "
                                 "installed by scripts/install-deps.sh)")
        cls.dir = Path(tempfile.mkdtemp(prefix="oxidize-memory-"))
        # The large tree holds the small one and three more like it.
        cls.small = cls.dir / "tree" / "part0"
        cls.large = cls.dir / "tree"
        for part in range(4):
            write_tree(cls.large / f"part{part}", part * N, N)
        cls.output = cls.dir / "output"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def measure(self, args, root):
        """Peak RSS (KB) of one run in a fresh process, and its output's size."""
        # No cache and no store: what the cache file holds changes from run to
        # run (racily clean stamps are re-read), and that is not the renderer's
        # memory, which is what is measured here.
        state = ["--no-cache"] + (["--no-store"] if args[0] == "scan" else [])
        cmd = [TIME, "-f", "%M", BIN, *args, str(root), "--no-progress", "-j", "1", *state]
        with open(self.output, "wb") as out:
            p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=dict(os.environ, NO_COLOR="1"),
                               timeout=300)
        err = p.stderr.decode(errors="replace")
        self.assertEqual(p.returncode, 0, f"{cmd}:\n{err}")
        # time's line comes last, after anything oxidize printed (SARIF's warning).
        return int(err.strip().splitlines()[-1]), self.output.stat().st_size

    def test_streamed_formats_cost_no_more_as_the_output_grows(self):
        for name, fmt_args, table_args in CASES:
            with self.subTest(name):
                extra = {}
                for label, root in (("N", self.small), ("4N", self.large)):
                    # Once unmeasured, so that both measured runs find the same
                    # state: the page cache, and any analysis cache the tool keeps.
                    self.measure(table_args, root)
                    table_kb, _ = self.measure(table_args, root)
                    fmt_kb, size = self.measure(fmt_args, root)
                    extra[label] = (fmt_kb - table_kb, size)
                (small_extra, small_size), (large_extra, large_size) = extra["N"], extra["4N"]
                figures = (f"{name}: extra over the table {small_extra} KB at N ({small_size // 1024} KB output), "
                           f"{large_extra} KB at 4N ({large_size // 1024} KB output)")
                self.assertGreater(large_size, 3 * small_size, figures)  # the output did grow
                # Does not grow with the output...
                self.assertLessEqual(large_extra, small_extra + MARGIN_KB, figures)
                # ...and is far below the output itself (building it whole costs 2 to 8 times its size).
                self.assertLessEqual(large_extra, MARGIN_KB + large_size // 1024 // 10, figures)


if __name__ == "__main__":
    unittest.main()


class HugeFile(unittest.TestCase):
    """One file of about 40 MB of realistic C: the scan and the hazard analysis
    keep the file, its tokens (8 bytes each, about one per 6 bytes of C) and
    what is found in it, and must stay within a few times its size (before
    the compact token store: 6.3 times; issue 12 saw 17 times on a 150 MB
    file; now about 3.7). The fixed base is the same command's peak on a
    small file of the same kind."""
    SIZE = 40 * 1024 * 1024
    FACTOR = 4
    MARGIN_KB = 16 * 1024

    @classmethod
    def setUpClass(cls):
        if not os.access(TIME, os.X_OK):
            raise AssertionError(f"{TIME} is needed to measure peak memory")
        cls.dir = Path(tempfile.mkdtemp(prefix="oxidize-hugefile-"))
        for name, size in (("small", 200 * 1024), ("huge", cls.SIZE)):
            (cls.dir / name).mkdir()
            (cls.dir / name / "driver.c").write_text(realistic_c(size))
        cls.size = (cls.dir / "huge" / "driver.c").stat().st_size

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def peak_kb(self, args, root):
        cmd = [TIME, "-f", "%M", BIN, *args, str(root), "--no-progress", "-j", "1", "--no-cache"]
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ, NO_COLOR="1"),
                           timeout=300)
        err = p.stderr.decode(errors="replace")
        self.assertEqual(p.returncode, 0, f"{cmd}:\n{err}")
        return int(err.strip().splitlines()[-1])

    def test_peak_memory_is_a_few_times_the_file(self):
        for name, args in (("scan", ["scan", "--no-store"]),
                           ("hazards json", ["hazards", "--min-confidence", "low", "--format", "json"])):
            with self.subTest(name):
                base = self.peak_kb(args, self.dir / "small")
                huge = self.peak_kb(args, self.dir / "huge")
                size_kb = self.size // 1024
                figures = (f"{name}: peak {huge // 1024} MB on a {size_kb // 1024} MB file "
                           f"({(huge - base) / size_kb:.1f} times its size over the {base // 1024} MB of a small file)")
                print(figures, file=sys.stderr)
                self.assertLess(huge, base + self.FACTOR * size_kb + self.MARGIN_KB, figures)
