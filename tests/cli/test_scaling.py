"""No quadratic step: each shape a generator can make (thousands of calls in
one function, one very long line, deep nesting, a huge switch, ...) is
analysed at two sizes, N and 4N, and the CPU time (user + sys of the child,
the least of a few runs) must grow about fourfold, far from the sixteenfold
of a quadratic step. A ratio, not a time: the machines are shared and noisy.

Run by ctest with OXIDIZE_BIN set, like test_cli.py. As a script,
`test_scaling.py SHAPE N DIR` writes one shape's file of size N into DIR
(for profiling by hand).
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

BIN = os.environ.get("OXIDIZE_BIN", "oxidize")
# time(4N) / time(N): linear gives about 4 (less, with the fixed cost of a
# run, about 10 ms), quadratic 16. Noise on a busy machine stays well below 8.
MAX_RATIO = 8.0
RUNS = {"N": 2, "4N": 1}  # the least of these many runs; the small one, the divisor, is noisier
# A step that grows with the square may grow memory too (8,000 labels once
# took 14 GB): the child gets no more than this address space.
ADDRESS_SPACE = 4 << 30


def c_function(name, body_lines, params="char *d, const char *s, int x"):
    return f"int {name}({params})\n{{\n" + "\n".join(body_lines) + "\n  return 0;\n}\n"


# Each shape: (file name, command, a function of n giving the file's text, N).
# N is chosen so that the work at N is well above the cost of starting the
# binary (a few ms), and 4N still runs in a fraction of a second.
def strcpy_calls(n):
    return "#include <string.h>\n" + c_function("f", ["  strcpy(d, s);"] * n)


def strcpy_one_line(n):
    # One very long line holding every call: columns and snippets of each finding.
    return "#include <string.h>\n" + c_function("f", ["  " + " strcpy(d, s);" * n])


def many_locals(n):
    lines = [f"  int v{k};" for k in range(n)] + [f"  x += v{k};" for k in range(n)]
    return c_function("f", lines)


def many_arrays(n):
    # Arrays read before written, one escaping: each read asks whether the array escapes.
    lines = ["  char b[8];", "  use(b);"] + [f"  x += b[{k % 8}];" for k in range(n)]
    lines += [f"  char a{k}[4]; x += a{k}[1];" for k in range(n)]
    return c_function("f", lines)


def many_ifs(n):
    return c_function("f", [f"  if (x > {k}) x = {k}; else d[{k % 4}] = 0;" for k in range(n)])


def many_loops(n):
    return c_function("f", [f"  for (int i = 0; i < {k % 7 + 1}; i++) d[i] = s[i];" for k in range(n)])


def else_if_chain(n):
    lines = ["  if (x == 0) d[0] = 0;"] + [f"  else if (x == {k}) {{ d[{k % 4}] = s[0]; x = {k}; }}" for k in range(1, n)]
    return c_function("f", lines)


def deep_blocks(n):
    return c_function("f", ["{" * n, "  x = 1;", "}" * n])


def deep_loops(n):
    return c_function("f", [f"  while (x > {k}) {{ x--;" for k in range(n)] + ["  d[0] = 0;"] + ["  }"] * n)


def mismatched_brackets(n):
    # Unbalanced on purpose: every `]` searches the open `(`s for a `[`.
    return c_function("f", ["  x = " + "(" * n + "[" + "]" * n + ";"])


def many_frees(n):
    lines = [f"  char *p{k} = malloc(8);" for k in range(n)]
    lines += [f"  if (p{k}) p{k}[0] = 0;" for k in range(n)]
    lines += [f"  free(p{k});" for k in range(n)] + [f"  free(p{k});" for k in range(0, n, 2)]
    return "#include <stdlib.h>\n" + c_function("f", lines)


def many_labels(n):
    lines = [f"  int v{k} = {k};" for k in range(n)]
    lines += [f"l{k}:\n  x += v{k};" for k in range(n)]
    return c_function("f", lines)


def maybe_freed(n):
    # Freed in one branch, used in a later one: each finding asks whether the
    # two branches test the same names.
    lines = [f"  char *p{k} = malloc(8);" for k in range(n)] + [f"  if (!p{k}) return 1;" for k in range(n)]
    lines += ["  if (x) {"] + [f"    free(p{k});" for k in range(n)] + ["  }", "  if (d) {"]
    lines += [f"    p{k}[0] = 1;" for k in range(n)] + ["  }"]
    return "#include <stdlib.h>\n" + c_function("f", lines)


def globals_and_calls(n):
    # A global given a value, then a call that may change it: every call
    # forgets the values of globals.
    lines = [f"  int v{k} = {k};" for k in range(n)] + [f"  g = {k}; h(v{k});" for k in range(n)]
    return "int g;\n" + c_function("f", lines)


def deep_negation(n):
    return c_function("f", ["  if (" + "!(" * n + "x" + ")" * n + ") x = 1;"])


def huge_switch(n):
    lines = ["  switch (x) {"] + [f"  case {k}: d[{k % 4}] = s[0]; x = {k}; break;" for k in range(n)] + ["  }"]
    return c_function("f", lines)


def many_functions(n):
    return "#include <string.h>\n" + "".join(
        f"static int f{k}(char *d, const char *s) {{ if (s) strcpy(d, s); return f{max(k - 1, 0)}(d, s); }}\n"
        for k in range(n))


def similar_names(n):
    # Names that differ only in their middle, as generated code spells them:
    # a weak hash of names puts them all in one chain.
    out = [f"static int handler_{k:07d}_rx(int v_{k:07d}_x) {{ return v_{k:07d}_x; }}" for k in range(n)]
    lines = [f"  int l_{k:07d}_v = {k};" for k in range(n)] + [f"  x += l_{k:07d}_v;" for k in range(n)]
    return "\n".join(out) + "\n" + c_function("f", lines)


def duplicate_names(n):
    # Each function name defined twice (as #if branches do), each called
    # for a pointer: whether a callee only returns NULL is asked of every
    # definition of its name.
    half = max(n // 2, 1)
    out = [f"static char *get_{k % half}(int v) {{ if (v) return 0; return 0; }}" for k in range(n)]
    out += [f"void use_{k}(int v) {{ char *p = get_{k % half}(v); if (p) *p = 0; }}" for k in range(n)]
    return "\n".join(out) + "\n"


def many_calls_between_functions(n):
    # Callers passing known buffers: the second pass reads functions again.
    out = ["#include <string.h>", "static void g(char *b, int i) { b[i] = 0; }"]
    out += [f"void f{k}(void) {{ char b{k}[{k % 16 + 1}]; g(b{k}, {k % 16}); }}" for k in range(n)]
    return "\n".join(out) + "\n"


def suppressions(n):
    lines = []
    for k in range(n):
        lines.append(f"  /* oxidize:ignore[OXI-C0001] checked {k} */")
        lines.append("  strcpy(d, s);")
    return "#include <string.h>\n" + c_function("f", lines)


def macros_and_calls(n):
    out = [f"#define M{k}(a) ((a) + {k})" for k in range(n)]
    out += [f"#define K{k} {k}" for k in range(n)]
    out.append(c_function("f", [f"  x = M{k}(x) + K{k}; g{k}(d);" for k in range(n)]))
    return "\n".join(out)


def includes_and_records(n):
    out = [f'#include "h{k}.h"' for k in range(n)]
    out += [f"struct s{k} {{ int a; char b[{k % 9 + 1}]; }};" for k in range(n)]
    out += [f"extern int g{k};" for k in range(n)]
    return "\n".join(out) + "\n"


def rust_unsafe_one_line(n):
    return "fn f() {\n    " + "unsafe {} " * n + "\n}\n"


def rust_raw_derefs(n):
    body = ["    let p: *const u8 = std::ptr::null();"]
    body += ["    unsafe { let _ = *p; }" for _ in range(n)]
    return "fn f() {\n" + "\n".join(body) + "\n}\n"


def rust_nested_unsafe(n):
    return "unsafe fn f() {\n" + "    unsafe {" * n + "\n" + "}" * n + "\n}\n"


def rust_functions(n):
    return "".join(f"pub unsafe fn f{k}(p: *mut u8) {{ unsafe {{ *p = {k % 256}; }} }}\n" for k in range(n))


HAZARDS = ["hazards", "--min-confidence", "low", "--format", "json"]
COMPONENTS = ["components", "--format", "json"]
SHAPES = {
    "strcpy_calls": ("f.c", HAZARDS, strcpy_calls, 4000),
    "strcpy_one_line": ("f.c", HAZARDS, strcpy_one_line, 4000),
    "many_locals": ("f.c", HAZARDS, many_locals, 3000),
    "many_arrays": ("f.c", HAZARDS, many_arrays, 3000),
    "many_ifs": ("f.c", HAZARDS, many_ifs, 8000),
    "many_loops": ("f.c", HAZARDS, many_loops, 5000),
    "else_if_chain": ("f.c", HAZARDS, else_if_chain, 2000),
    "deep_blocks": ("f.c", HAZARDS, deep_blocks, 20000),
    "deep_loops": ("f.c", HAZARDS, deep_loops, 2000),
    "mismatched_brackets": ("f.c", HAZARDS, mismatched_brackets, 20000),
    "many_frees": ("f.c", HAZARDS, many_frees, 3000),
    "many_labels": ("f.c", HAZARDS, many_labels, 4000),
    "huge_switch": ("f.c", HAZARDS, huge_switch, 8000),
    "maybe_freed": ("f.c", HAZARDS, maybe_freed, 4000),
    "globals_and_calls": ("f.c", HAZARDS, globals_and_calls, 5000),
    # 200,000 nested negations overflowed the stack: 4N is past that.
    "deep_negation": ("f.c", HAZARDS, deep_negation, 50000),
    "many_functions": ("f.c", HAZARDS, many_functions, 2500),
    "similar_names": ("f.c", HAZARDS, similar_names, 2000),
    "duplicate_names": ("f.c", HAZARDS, duplicate_names, 4000),
    "calls_between_functions": ("f.c", HAZARDS, many_calls_between_functions, 5000),
    "suppressions": ("f.c", HAZARDS + ["--show-suppressed"], suppressions, 3000),
    "macros_and_calls": ("f.c", COMPONENTS, macros_and_calls, 5000),
    "includes_and_records": ("f.c", COMPONENTS, includes_and_records, 5000),
    "rust_unsafe_one_line": ("f.rs", HAZARDS, rust_unsafe_one_line, 5000),
    "rust_raw_derefs": ("f.rs", HAZARDS, rust_raw_derefs, 3000),
    "rust_nested_unsafe": ("f.rs", HAZARDS, rust_nested_unsafe, 3000),
    "rust_functions": ("f.rs", HAZARDS, rust_functions, 2000),
}


def cpu_time(cmd):
    """user + sys seconds of one run of cmd (a fresh process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # A quadratic step at 4N takes seconds to minutes: the timeout is a failure too.
    limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60, preexec_fn=limit)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise AssertionError(f"{cmd} exited {p.returncode}:\n{p.stderr.decode(errors='replace')}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class Scaling(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="oxidize-scaling-"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def measure(self, shape, n, runs):
        name, args, make, _ = SHAPES[shape]
        tree = self.dir / f"{shape}-{n}"
        tree.mkdir()
        (tree / name).write_text(make(n))
        cmd = [BIN, *args, str(tree), "--no-progress", "-j", "1", "--no-cache"]
        return min(cpu_time(cmd) for _ in range(runs))

    def test_each_shape_scales_linearly(self):
        for shape, (_, _, _, n) in SHAPES.items():
            with self.subTest(shape):
                small = self.measure(shape, n, RUNS["N"])
                large = self.measure(shape, 4 * n, RUNS["4N"])
                # A floor of 5 ms for the small run: below it the ratio is noise.
                ratio = large / max(small, 0.005)
                print(f"{shape}: {small * 1000:.0f} ms at N={n}, {large * 1000:.0f} ms at 4N, ratio {ratio:.1f}",
                      file=sys.stderr)
                self.assertLess(ratio, MAX_RATIO, f"{shape}: time(4N)/time(N) = {ratio:.1f} "
                                f"({small:.3f} s at N={n}, {large:.3f} s at 4N): a super-linear step")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] in SHAPES:
        shape, count, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SHAPES[shape][0]).write_text(SHAPES[shape][2](count))
    else:
        unittest.main()
