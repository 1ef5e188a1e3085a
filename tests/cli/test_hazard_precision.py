"""Black-box tests of what issue 12 changed in `oxidize hazards` and `oxidize
scan`: project wrappers declared in oxidize.toml (found, mapped, cached by
their declarations, errors on one line), and the inventory constructs that
are counted by `scan` instead of being default findings.

Run by ctest with OXIDIZE_BIN and OXIDIZE_SOURCE_DIR set, like test_cli.py.
"""
import json
import unittest

from test_cli import Scratch, run

WRAPPED = """\
void copy_header(const char *src)
{
	char buf[16];
	my_cpymem(buf, src, 100);
	use(buf);
}

void release(struct pool *pool, char *p)
{
	my_pfree(pool, p);
	my_pfree(pool, p);
}
"""


def findings(path, *extra):
    p = run("hazards", path, "--format", "json", "--no-progress", *extra)
    return sorted((f["rule"], f["line"]) for f in json.loads(p.stdout)["findings"])


class ProjectWrappers(Scratch):
    def test_declared_wrappers_are_read_as_the_library(self):
        self.write("src/wrapped.c", WRAPPED)
        self.assertEqual(findings(self.dir), [])
        self.write("oxidize.toml", '[hazards.functions]\nmy_cpymem = "memcpy"\n'
                   'my_pfree = { like = "free", args = [1] }\n')
        self.assertEqual(findings(self.dir), [("OXI-C0015", 11), ("OXI-C0021", 4)])

    def test_the_cache_follows_the_declarations(self):
        self.write("src/wrapped.c", WRAPPED)
        self.write("oxidize.toml", '[hazards.functions]\nmy_cpymem = "memcpy"\n')
        self.assertEqual(findings(self.dir), [("OXI-C0021", 4)])  # fills the cache
        self.write("oxidize.toml", '[hazards.functions]\nmy_pfree = { like = "free", args = [1] }\n')
        self.assertEqual(findings(self.dir), [("OXI-C0015", 11)])
        self.write("oxidize.toml", "[hazards]\n")
        self.assertEqual(findings(self.dir), [])

    def test_a_wrong_declaration_is_one_line_and_exit_2(self):
        self.write("src/wrapped.c", WRAPPED)
        self.write("oxidize.toml", '[hazards.functions]\nmy_cpymem = "memcopy"\n')
        p = run("hazards", self.dir, "--no-progress", check_rc=2)
        err = p.stderr.decode()
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn("oxidize.toml:2: hazards.functions: 'my_cpymem' is declared like 'memcopy'", err)
        self.write("oxidize.toml", '[hazards.functions]\nmy_pfree = { like = "free", args = "1" }\n')
        err = run("hazards", self.dir, "--no-progress", check_rc=2).stderr.decode()
        self.assertIn("hazards.functions.my_pfree.args must be an array", err)


class Inventory(Scratch):
    SOURCE = """\
#include <cstdlib>
struct node { int v; };
int build(int n, const node *c)
{
	node *p = new node{1};
	int *a = new int[4];
	node *m = const_cast<node *>(c);
	long bits = reinterpret_cast<long>(p);
	delete p;
	delete[] a;
	char *s = static_cast<char *>(alloca(n));
	s[0] = 0;
	return m->v + static_cast<int>(bits);
}
"""

    def test_inventory_is_counted_not_reported(self):
        self.write("src/unsafe.cc", self.SOURCE)
        self.assertEqual(findings(self.dir), [])
        low = findings(self.dir, "--min-confidence", "low")
        self.assertEqual(sorted({r for r, _ in low}),
                         ["OXI-C0011", "OXI-C1001", "OXI-C1002", "OXI-C1003", "OXI-C1005"])
        p = run("scan", self.dir, "--format", "json", "--no-progress")
        hazards = json.loads(p.stdout)["totals"]["hazards"]
        self.assertEqual(hazards["findings"], 0)
        self.assertEqual(hazards["inventory"], {"alloca": 1, "raw-new": 2, "raw-delete": 2,
                                                "reinterpret-cast": 1, "const-cast": 1})
        table = run("scan", self.dir, "--no-progress").stdout.decode()
        self.assertIn("Unsafe constructs (inventory, not findings): 1 alloca, 2 raw-new, 2 raw-delete, "
                      "1 reinterpret-cast, 1 const-cast", table)


if __name__ == "__main__":
    unittest.main()
