"""Peak memory of the JSON, CSV and SARIF outputs: they are written as they go,
so their cost over the table of the same run must not grow with the output.

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
import shutil
import subprocess
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
