"""Black-box tests of `oxidize plan`: a small repository built here with git
history (a parser that is fixed again and again, a network module, tests),
the roadmap as Markdown (compared with tests/golden/plan/acme.md) and JSON,
and the errors of the team, the start date and the assumptions file.

Run by ctest with OXIDIZE_BIN and OXIDIZE_SOURCE_DIR set, like test_cli.py.
Set OXIDIZE_REGENERATE=1 to rewrite the golden file after a deliberate change.
"""
import json
import os
import unittest
from pathlib import Path

from git_repo import branchy, commit, git
from test_cli import Scratch, run

SOURCE = Path(os.environ.get("OXIDIZE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
GOLDEN = SOURCE / "tests" / "golden" / "plan" / "acme.md"
def plan(*args, check_rc=0):
    return run("plan", *args, "--no-progress", check_rc=check_rc)


class Plan(Scratch):
    def repo(self):
        root = self.dir / "acme"
        root.mkdir()
        git(root, "init", "-q")
        files = {
            "parser/parse.c": branchy("parse_record", 40, "  recv(x, d, 10, 0);\n  strcpy(d, s);"),
            "parser/lex.c": branchy("lex_token", 25),
            "net/socket.c": branchy("net_read", 12, "  read(x, d, 4);"),
            "util/strings.c": branchy("copy", 3),
            "tests/test_parse.c": branchy("test_parse", 20),
        }
        for rel, text in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
        commit(root, "initial", "2021-01-04T10:00:00Z")
        for i in range(6):
            (root / "parser/parse.c").write_text(branchy("parse_record", 41 + i, "  recv(x, d, 10, 0);\n  strcpy(d, s);"))
            commit(root, f"fix overflow in parse_record ({i})", f"2021-0{i + 2}-01T10:00:00Z")
        return root

    def test_markdown_matches_the_golden_roadmap(self):
        root = self.repo()
        out = plan(root, "--team", "2", "--start", "2021-09-01").stdout.decode()
        if os.environ.get("OXIDIZE_REGENERATE") == "1":
            GOLDEN.write_text(out)
        self.assertEqual(out, GOLDEN.read_text())

    def test_json_roadmap(self):
        root = self.repo()
        doc = json.loads(plan(root, "--team", "2", "--start", "2021-09-01", "--format", "json").stdout)
        self.assertEqual(doc["command"], "plan")
        self.assertTrue(doc["history"])
        self.assertEqual(doc["start"], "2021-09-01")
        self.assertEqual(doc["rust_from"], "2021-11-01")  # after the two-month ramp-up
        names = [c["name"] for c in doc["components"]]
        self.assertEqual(names[0], "parser")  # the riskiest first
        strategies = {c["name"]: c["strategy"] for c in doc["components"]}
        self.assertEqual(strategies["tests"], "leave")
        self.assertEqual(doc["phases"][0]["name"], "Foundations")
        self.assertEqual([s["name"] for s in doc["scenarios"]][0], "status quo")
        totals = [s["total"] for s in doc["scenarios"]]
        self.assertLess(totals[-1], totals[0])  # the plan expects fewer than the status quo
        keys = [a["key"] for a in doc["assumptions"]]
        self.assertIn("c_vulns_per_mloc", keys)
        self.assertTrue(all(a["source"] for a in doc["assumptions"]))
        self.assertEqual(doc["cwe"][0]["cwe"], "CWE-120")  # the strcpy

    def test_assumptions_file_sets_team_start_and_values(self):
        root = self.repo()
        self.write("ours.toml", "team = 3\nstart = 2021-10-04\n[assumptions]\nport_lines_per_person_day = 10\n")
        doc = json.loads(plan(root, "--assumptions", self.dir / "ours.toml", "--format", "json").stdout)
        self.assertEqual(doc["team"], 3)
        self.assertEqual(doc["start"], "2021-10-04")
        rate = next(a for a in doc["assumptions"] if a["key"] == "port_lines_per_person_day")
        self.assertEqual((rate["value"], rate["set"]), (10, True))
        # The command line wins over the file.
        doc = json.loads(plan(root, "--assumptions", self.dir / "ours.toml", "--team", "5", "--format", "json").stdout)
        self.assertEqual(doc["team"], 5)

    def assert_one_line(self, p, text=None):
        self.assertEqual(p.returncode, 2)
        lines = p.stderr.decode().strip().splitlines()
        self.assertEqual(len(lines), 1, lines)
        self.assertTrue(lines[0].startswith("oxidize: error: "), lines[0])
        if text:
            self.assertEqual(lines[0], "oxidize: error: " + text)

    def test_errors_are_one_line_and_exit_2(self):
        root = self.repo()
        self.assert_one_line(plan(root, "--start", "2021-09-01", check_rc=2),
                             "the team size is needed: --team N (or team = N in the assumptions file)")
        self.assert_one_line(plan(root, "--team", "2", check_rc=2))
        self.assert_one_line(plan(root, "--team", "-3", "--start", "2021-09-01", check_rc=2))
        self.assert_one_line(plan(root, "--team", "0", "--start", "2021-09-01", check_rc=2))
        self.assert_one_line(plan(root, "--team", "two", "--start", "2021-09-01", check_rc=2))
        self.assert_one_line(plan(root, "--team", "2", "--start", "2021-13-01", check_rc=2),
                             "--start must be a date, YYYY-MM-DD: '2021-13-01'")
        self.assert_one_line(plan(root, "--team", "2", "--start", "2020-01-01", check_rc=2),
                             "--start 2020-01-01 is before the end of the history (2021-07-01): a plan starts after "
                             "the code it plans for")
        bad = self.write("bad.toml", "[assumptions]\nport_rate = 3\n")
        self.assert_one_line(plan(root, "--team", "2", "--start", "2021-09-01", "--assumptions", bad, check_rc=2),
                             f"{bad}:2: unknown assumption port_rate (docs/economics.md lists them)")
        bad = self.write("bad2.toml", "team = \"many\"\n")
        self.assert_one_line(plan(root, "--assumptions", bad, "--start", "2021-09-01", check_rc=2),
                             f"{bad}:1: team must be a whole number of engineers, at least 1")
        bad = self.write("bad3.toml", "[assumptions]\nhorizon_years = -1\n")
        self.assert_one_line(plan(root, "--team", "2", "--start", "2021-09-01", "--assumptions", bad, check_rc=2),
                             f"{bad}:2: assumptions.horizon_years must be a number from 1 to 50")
        self.assert_one_line(plan(root, "--team", "2", "--start", "2021-09-01", "--assumptions",
                                  self.dir / "missing.toml", check_rc=2))
        # Nothing was written on stdout by a failed run.
        self.assertEqual(plan(root, "--team", "2", check_rc=2).stdout, b"")


if __name__ == "__main__":
    unittest.main()
