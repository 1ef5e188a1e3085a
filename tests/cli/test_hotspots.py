"""Black-box tests of `oxidize hotspots`: a small repository built here with
git history (fix commits on one file), the CSV the CVE backtests read, the
JSON factors, --explain, [risk] weights from oxidize.toml, and the errors a
user meets first.

Run by ctest with OXIDIZE_BIN and OXIDIZE_SOURCE_DIR set, like test_cli.py.
"""
import csv
import io
import json
import unittest

from git_repo import branchy, commit, git
from test_cli import Scratch, run

def hotspots(*args, check_rc=0):
    return run("hotspots", *args, "--no-progress", check_rc=check_rc)


def rows(stdout):
    return list(csv.DictReader(io.StringIO(stdout.decode())))


class Hotspots(Scratch):
    def repo(self):
        """lib/fixed.c and lib/quiet.c are equally complex and long; fixed.c has four fix commits."""
        git(self.dir, "init", "-q")
        self.write("lib/fixed.c", branchy("fixed", 10))
        self.write("lib/quiet.c", branchy("quiet", 10))
        self.write("tests/test_fixed.c", branchy("test_fixed", 10))
        self.write("src/main.c", branchy("main", 2, "  recv(x, d, 1, 0);\n  strcpy(d, s);"))
        commit(self.dir, "initial", "2022-01-01T00:00:00Z")
        for i in range(4):
            self.write("lib/fixed.c", branchy("fixed", 10, f"  r = {i};"))
            commit(self.dir, f"fix the overflow, take {i}", f"2022-0{i + 2}-01T00:00:00Z")

    def test_csv_is_what_the_backtests_read(self):
        self.repo()
        # Churn and size apart, the twins differ only by their fix commits.
        self.write("oxidize.toml", "[risk]\nchurn = 0\nsize = 0\n")
        table = rows(hotspots(self.dir, "--format", "csv").stdout)
        self.assertEqual(list(table[0].keys()), ["path", "score", "function"])
        files = [r for r in table if r["function"] == ""]
        functions = [r for r in table if r["function"] != ""]
        self.assertEqual(len(files), 4)
        self.assertEqual(len(functions), 4)
        # File rows first, then function rows, each most risky first.
        self.assertEqual(table[:4], files)
        self.assertEqual([r["path"] for r in files][:2], ["lib/fixed.c", "lib/quiet.c"])
        self.assertEqual(files[-1]["path"], "tests/test_fixed.c")  # test code, x0.05
        scores = [float(r["score"]) for r in files]
        self.assertEqual(scores, sorted(scores, reverse=True))
        # Four fix commits with fixes weight 0.5: x sqrt(5).
        self.assertAlmostEqual(scores[0] / scores[1], 5 ** 0.5, places=5)

    def test_json_has_every_factor_and_the_history(self):
        self.repo()
        doc = json.loads(hotspots(self.dir, "--format", "json").stdout)
        self.assertEqual(doc["command"], "hotspots")
        self.assertTrue(doc["history"]["read"])
        self.assertEqual(doc["history"]["commits"], 5)
        self.assertEqual(doc["history"]["now"], "2022-05-01")
        top = doc["files"][0]
        self.assertEqual(top["path"], "lib/fixed.c")
        factors = {f["name"]: f for f in top["factors"]}
        self.assertEqual(set(factors), {"complexity", "hazards", "exposure", "ffi", "fixes", "security_fixes", "churn",
                                        "young", "role", "size"})
        self.assertEqual(factors["complexity"]["fact"], 11)
        self.assertEqual(factors["fixes"]["fact"], 4)
        self.assertTrue(factors["fixes"]["known"])
        product = 1.0
        for f in top["factors"]:
            product *= f["multiplier"]
        self.assertAlmostEqual(product, top["score"], places=9)
        main = next(f for f in doc["files"] if f["path"] == "src/main.c")
        main_factors = {f["name"]: f["fact"] for f in main["factors"]}
        self.assertEqual(main_factors["exposure"], 1)  # recv
        self.assertGreater(main_factors["hazards"], 0)  # strcpy from a parameter
        names = {c["name"] for c in doc["components"]}
        self.assertEqual(names, {"lib", "src", "tests"})

    def test_table_explains_each_score(self):
        self.repo()
        out = hotspots(self.dir, "--explain", "--by", "files").stdout.decode()
        self.assertIn("History: 5 commits up to", out)
        self.assertIn("fixes (4 fix commits) x2.24", out)
        self.assertIn("role (code that does not ship) x0.05", out)
        self.assertNotIn("Function", out)  # --by files: no function list

    def test_language_boundary_raises_the_score(self):
        """Two equal C functions; Rust imports one of them: only that one is FFI surface."""
        self.write("c/codec.c", branchy("codec_decode", 5) + branchy("codec_other", 5))
        self.write("src/lib.rs", 'extern "C" {\n    fn codec_decode(x: i32, d: *mut u8, s: *const u8) -> i32;\n}\n'
                   '#[no_mangle]\npub extern "C" fn rs_entry(p: *mut u8) -> i32 {\n'
                   '    unsafe { codec_decode(1, p, p) }\n}\n')
        out = hotspots(self.dir, "--explain", "--by", "functions").stdout.decode()
        self.assertIn("ffi (2 at a language boundary) x1.73", out)  # codec_decode: 1 + pointer parameters
        self.assertIn("ffi (3 at a language boundary) x2", out)     # rs_entry: 1 + pointer, + one call into C
        doc = json.loads(hotspots(self.dir, "--format", "json", "--by", "functions").stdout)
        score = {f["function"]: f["score"] for f in doc["functions"]}
        self.assertAlmostEqual(score["codec_decode"] / score["codec_other"], 3 ** 0.5, places=6)
        self.write("oxidize.toml", "[risk]\nffi = 0\n")
        doc = json.loads(hotspots(self.dir, "--format", "json", "--by", "functions").stdout)
        score = {f["function"]: f["score"] for f in doc["functions"]}
        self.assertAlmostEqual(score["codec_decode"], score["codec_other"], places=9)

    def test_weights_from_oxidize_toml(self):
        self.repo()
        self.write("oxidize.toml", "[risk]\nfixes = 0\nsize = 0\nchurn = 0\n")
        doc = json.loads(hotspots(self.dir, "--format", "json").stdout)
        self.assertEqual(doc["weights"]["fixes"], 0)
        by_path = {f["path"]: f["score"] for f in doc["files"]}
        # Without the fixes factor the two twins score alike.
        self.assertAlmostEqual(by_path["lib/fixed.c"], by_path["lib/quiet.c"], places=9)

    def test_without_git_the_code_alone_counts(self):
        self.write("a.c", branchy("a", 3))
        out = hotspots(self.dir).stdout.decode()
        self.assertIn("History: not read", out)
        doc = json.loads(hotspots(self.dir, "--format", "json").stdout)
        self.assertFalse(doc["history"]["read"])
        fixes = next(f for f in doc["files"][0]["factors"] if f["name"] == "fixes")
        self.assertFalse(fixes["known"])
        self.assertEqual(fixes["multiplier"], 1)

    def test_odd_paths_are_escaped(self):
        self.write("we,ird \"name\".c", branchy("f", 2))
        self.write("bad\xff.c".encode("latin-1").decode("utf-8", errors="surrogateescape"), branchy("g", 2))
        table = rows(hotspots(self.dir, "--format", "csv", "--by", "files").stdout)
        self.assertIn('we,ird "name".c', [r["path"] for r in table])
        doc = json.loads(hotspots(self.dir, "--format", "json").stdout)
        self.assertTrue(any("path_base64" in f for f in doc["files"]))
        table_text = hotspots(self.dir).stdout
        self.assertNotIn(b"\xff", table_text)

    def test_usage_errors_are_one_line(self):
        self.write("a.c", branchy("a", 3))
        for args in (["--format", "csv", "--by", "components"], ["--by", "modules"], ["--format", "xml"]):
            p = hotspots(self.dir, *args, check_rc=2)
            lines = p.stderr.decode().strip().splitlines()
            self.assertEqual(len(lines), 1, lines)
            self.assertTrue(lines[0].startswith("oxidize: error: "), lines[0])
        self.write("oxidize.toml", "[risk]\nnon_product = 5\n")
        p = hotspots(self.dir, check_rc=2)
        self.assertEqual(p.stderr.decode().strip(),
                         f"oxidize: error: {self.dir}/oxidize.toml:2: risk.non_product must be a number from 0 to 1")


if __name__ == "__main__":
    unittest.main()
