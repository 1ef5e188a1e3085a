"""Black-box tests of the command line as a whole and of the hazards options
around findings, one class per concern.

Run by ctest with OXIDIZE_BIN (the binary) and OXIDIZE_SOURCE_DIR set.
"""
import csv
import io
import json
import os
import pty
import subprocess
import unittest

from test_cli import BIN, GETS_PROGRAM, Scratch, hazards_run, run, scan_json, validate_sarif

COMMANDS = "scan, functions, hazards, snapshots, diff, history, components, hotspots, deps, graph, ffi, plan"

# gets() in main, strcpy() in copy: one critical and one high finding.
TWO_FLAWS = ("#include <stdio.h>\n#include <string.h>\n"
             "void copy(char *dst, const char *src) {\n  strcpy(dst, src);\n}\n"
             "int main(void) {\n  char buf[8];\n  gets(buf);\n  return 0;\n}\n")


def one_error_line(test, p, contains=""):
    test.assertEqual(p.returncode, 2, p.stderr)
    lines = p.stderr.decode().strip().splitlines()
    test.assertEqual(len(lines), 1, lines)
    test.assertTrue(lines[0].startswith("oxidize: error: "), lines[0])
    test.assertIn(contains, lines[0])
    return lines[0]


class Baselines(Scratch):
    def test_edits_that_keep_the_flaw_are_not_new(self):
        self.write("a.c", TWO_FLAWS)
        base_json, _ = hazards_run(self.dir)
        self.assertEqual(base_json["fingerprint_version"], 2)
        self.assertEqual(len(base_json["findings"]), 2)
        base_sarif, _ = hazards_run(self.dir, fmt="sarif")
        (self.dir / "base.json").write_text(json.dumps(base_json))
        (self.dir / "base.sarif").write_bytes(base_sarif)
        # A comment on each flagged line, everything re-indented and the calls
        # re-spaced and wrapped, a function inserted above so every line moves.
        self.write("a.c", "#include <stdio.h>\n#include <string.h>\n"
                          "static int helper(int x)\n{\n    return x * 2;\n}\n\n"
                          "void copy(char *dst, const char *src)\n{\n"
                          "        strcpy( dst,   /* checked by the caller */\n                src );\n}\n"
                          "int main(void)\n{\n"
                          "        char buf[8];\n"
                          "        gets(buf);  // TODO: fgets\n"
                          "        return helper(0);\n}\n")
        for base in ("base.json", "base.sarif"):
            doc, err = hazards_run(self.dir, "--baseline", self.dir / base)
            self.assertEqual(doc["findings"], [], base)
            self.assertEqual(doc["summary"]["baseline_matched"], 2, base)
            self.assertEqual(err, "")
        # A real change of the flaw: a second strcpy in copy is new, the first is not.
        self.write("a.c", TWO_FLAWS.replace("  strcpy(dst, src);\n", "  strcpy(dst, src);\n  strcpy(dst, src);\n"))
        for base in ("base.json", "base.sarif"):
            doc, _ = hazards_run(self.dir, "--baseline", self.dir / base)
            self.assertEqual([(f["rule"], f["line"]) for f in doc["findings"]], [("OXI-C0001", 5)], base)
            self.assertEqual(doc["summary"]["baseline_matched"], 2)

    def test_a_version_1_baseline_is_refused_in_one_line(self):
        self.write("a.c", TWO_FLAWS)
        doc, _ = hazards_run(self.dir)
        del doc["fingerprint_version"]  # as oxidize wrote it before version 2
        (self.dir / "old.json").write_text(json.dumps(doc))
        sarif = json.loads(hazards_run(self.dir, fmt="sarif")[0])
        for result in sarif["runs"][0]["results"]:
            result["partialFingerprints"] = {"oxidizeFingerprint/v1": "0123456789abcdef"}
        (self.dir / "old.sarif").write_text(json.dumps(sarif))
        for name in ("old.json", "old.sarif"):
            line = one_error_line(self, run("hazards", self.dir, "--baseline", self.dir / name, "--no-progress"),
                                  "fingerprints are version 1")
            self.assertIn(name, line)
            self.assertIn("write the baseline again", line)


    def test_a_snapshot_an_older_oxidize_stored_keeps_its_fingerprint_version(self):
        import sqlite3
        self.write("a.c", TWO_FLAWS)
        run("scan", self.dir, "--no-progress", check_rc=0)
        baseline, _ = hazards_run(self.dir)
        (self.dir / "base.json").write_text(json.dumps(baseline))
        # As a version-1 oxidize wrote it: no fingerprint_version in its options.
        with sqlite3.connect(self.dir / ".oxidize" / "oxidize.db") as db:
            options = json.loads(db.execute("SELECT options FROM snapshots").fetchone()[0])
            self.assertEqual(options["fingerprint_version"], 2)
            del options["fingerprint_version"]
            db.execute("UPDATE snapshots SET options = ?", (json.dumps(options),))
        doc, _ = hazards_run(self.dir, "--snapshot", "latest")
        self.assertEqual(doc["fingerprint_version"], 1)
        out, _ = hazards_run(self.dir, "--snapshot", "latest", fmt="sarif")
        self.assertIn("oxidizeFingerprint/v1", json.loads(out)["runs"][0]["results"][0]["partialFingerprints"])
        one_error_line(self, run("hazards", self.dir, "--snapshot", "latest", "--baseline", self.dir / "base.json"),
                       "the snapshot's fingerprints are version 1")
        # diff across the change says why every finding is fixed and new.
        run("scan", self.dir, "--no-progress", check_rc=0)
        p = run("diff", "--tree", self.dir, check_rc=0)
        self.assertEqual(p.stderr.decode().strip(),
                         "oxidize: warning: snapshots 1 and 2 have fingerprints of versions 1 and 2 (oxidize changed "
                         "them in between): their findings cannot be matched, so each shows as fixed and new")


class Suppressions(Scratch):
    def test_trailing_covers_its_line_alone_covers_the_next(self):
        self.write("a.c", "#include <stdio.h>\nint main(void) {\n  char b[8];\n"
                          "  gets(b); // oxidize:ignore[OXI-C0004] fixed input\n"   # 4: suppressed
                          "  gets(b);\n"                                           # 5: not
                          "  // oxidize:ignore[OXI-C0004] fixed input\n"
                          "  gets(b);\n"                                           # 7: suppressed
                          "  gets(b);\n"                                           # 8: not
                          "  return 0;\n}\n")
        doc, err = hazards_run(self.dir, "--rules", "OXI-C0004", "--show-suppressed")
        self.assertEqual(err, "")
        self.assertEqual([(f["line"], f["suppressed"]) for f in doc["findings"]],
                         [(4, True), (5, False), (7, True), (8, False)])

    def test_malformed_and_unknown_ids_warn_once_each_with_path_and_line(self):
        self.write("a.c", b"#include <stdio.h>\nint main(void) {\n  char b[8];\n"
                          b"  gets(b); // oxidize:ignore[OXI-C0004\n"                 # 4: no ]
                          b"  gets(b); // oxidize:ignore[OXI-X] no such rule\n"         # 5
                          b"  gets(b); // oxidize:ignore without brackets\n"            # 6
                          b"  gets(b); // oxidize:ignore[\x1b[2J\xff] hostile\n"        # 7
                          b"  gets(b); // oxidize:ignore[oxi-c0004] lower case\n"       # 8
                          b"  gets(b); // oxidize:ignore[OXI-C0004, OXI-Y] half\n"      # 9: suppressed
                          b"  return 0;\n}\n")
        for attempt in ("first run", "cached run"):
            p = run("hazards", self.dir, "--format", "json", "--rules", "OXI-C0004", "--no-progress", check_rc=0)
            err = p.stderr.decode("utf-8", errors="replace")
            self.assertNotIn("\x1b", err)
            lines = err.strip().splitlines()
            self.assertEqual([line.split(": ")[2] for line in lines],
                             ["a.c:4", "a.c:5", "a.c:6", "a.c:7", "a.c:8", "a.c:9"], (attempt, lines))
            self.assertTrue(all(line.startswith("oxidize: warning: a.c:") for line in lines), lines)
            self.assertIn("without ']'", lines[0])
            self.assertIn("unknown rule 'OXI-X'", lines[1])
            self.assertIn("without '['", lines[2])
            self.assertIn("\\x1B[2J\\xFF", lines[3])
            self.assertIn("did you mean 'OXI-C0004'?", lines[4])
            self.assertIn("unknown rule 'OXI-Y'", lines[5])
            doc = json.loads(p.stdout)
            self.assertEqual(doc["summary"]["findings"], 5)
            self.assertEqual(doc["summary"]["suppressed"], 1)
        # The scan's JSON keeps them as warnings, valid UTF-8.
        doc, err = scan_json(self.dir)
        self.assertEqual(len(doc["warnings"]), 6)
        self.assertEqual(doc["warnings"][3]["path"], "a.c:7")
        self.assertIn("\x1b[2J\ufffd", doc["warnings"][3]["message"])


class UnknownNames(unittest.TestCase):
    def test_a_command_typo_names_the_commands_and_the_nearest(self):
        p = run("hazard", ".")
        self.assertEqual(one_error_line(self, p),
                         f"oxidize: error: unknown command 'hazard'; did you mean 'hazards'? commands: {COMMANDS}")
        self.assertEqual(one_error_line(self, run("frobnicate")),
                         f"oxidize: error: unknown command 'frobnicate'; commands: {COMMANDS}")
        one_error_line(self, run(), "a command is required; commands: scan,")
        one_error_line(self, run("histroy"), "did you mean 'history'?")

    def test_an_option_typo_names_the_nearest_of_that_command(self):
        self.assertEqual(one_error_line(self, run("hazards", ".", "--min-severty", "high")),
                         "oxidize: error: unknown option '--min-severty' for 'oxidize hazards'; did you mean "
                         "'--min-severity'? see oxidize hazards --help")
        one_error_line(self, run("scan", ".", "--include-generatd"), "did you mean '--include-generated'?")
        one_error_line(self, run("functions", "--min-cc", "3"), "did you mean '--min-ccn'?")
        one_error_line(self, run("scan", "--format=jsn"), "--format")
        one_error_line(self, run("scan", "--no-such-flag"), "unknown option '--no-such-flag' for 'oxidize scan'")

    def test_bad_values_exit_2_with_one_line(self):
        one_error_line(self, run("scan", ".", "--color", "sometimes"), "--color")
        one_error_line(self, run("--color", "yes", "scan"), "--color")
        one_error_line(self, run("scan", ".", "--by", "planet"), "--by")


def run_on_terminal(*args, env):
    """Runs oxidize with stdout on a pseudo-terminal; returns what it wrote there."""
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, *map(str, args)], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        out += chunk
    p.stderr.read()
    p.stderr.close()
    p.wait(timeout=60)
    os.close(master)
    return out


class Colour(Scratch):
    def test_auto_honours_no_color_term_dumb_and_pipes(self):
        self.write("a.c", "int x;\n")
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        args = ("scan", self.dir, "--no-progress", "--no-store")
        self.assertIn(b"\x1b[1m", run_on_terminal(*args, env=dict(env, TERM="xterm")))
        self.assertNotIn(b"\x1b", run_on_terminal(*args, env=dict(env, TERM="dumb")))
        self.assertNotIn(b"\x1b", run_on_terminal(*args, env=dict(env, TERM="xterm", NO_COLOR="1")))
        self.assertNotIn(b"\x1b", run_on_terminal(*args, "--color", "never", env=dict(env, TERM="xterm")))
        self.assertNotIn(b"\x1b", run_on_terminal("--color", "never", *args, env=dict(env, TERM="xterm")))
        # A pipe: never in auto; always when asked, whatever the environment says.
        self.assertNotIn(b"\x1b", run(*args, env={"TERM": "xterm"}, check_rc=0).stdout)
        self.assertIn(b"\x1b[1m", run(*args, "--color", "always", env={"TERM": "dumb"}, check_rc=0).stdout)
        self.assertIn(b"\x1b[1m", run("--color", "always", *args, check_rc=0).stdout)
        # JSON is never coloured.
        self.assertNotIn(b"\x1b", run(*args, "--format", "json", "--color", "always", check_rc=0).stdout)


class ConfigDiscovery(Scratch):
    def setUp(self):
        super().setUp()
        self.repo = self.dir / "repo"
        self.write("repo/src/a.c", GETS_PROGRAM)
        self.write("repo/src/gen/g.c", GETS_PROGRAM)
        subprocess.run(["git", "init", "-q", str(self.repo)], check=True)
        self.write("repo/oxidize.toml", '[hazards]\nexclude = ["src/gen/**"]\n')

    def paths(self, root, **kw):
        doc, _ = hazards_run(root, "--rules", "OXI-C0004", **kw)
        return [f["path"] for f in doc["findings"]], doc["summary"]["excluded"]["config"]

    def test_found_from_a_subfolder_with_globs_anchored_at_its_folder(self):
        self.assertEqual(self.paths(self.repo), (["src/a.c"], 1))
        self.assertEqual(self.paths(self.repo / "src"), (["a.c"], 1))
        self.assertEqual(self.paths(".", cwd=self.repo / "src"), (["a.c"], 1))
        self.assertEqual(self.paths(self.repo / "src" / "gen"), ([], 1))
        self.assertEqual(self.paths(self.repo / "src" / "a.c"), (["a.c"], 0))
        # Read, not just found: a malformed one stops every command that scans.
        self.write("repo/oxidize.toml", "[hazards\n")
        for command in ("scan", "hazards", "functions"):
            one_error_line(self, run(command, self.repo / "src", "--no-progress"), "oxidize.toml:1")

    def test_never_above_the_repository_nor_from_the_current_folder(self):
        (self.repo / "oxidize.toml").unlink()
        self.write("oxidize.toml", '[hazards]\nexclude = ["**"]\n')  # above the repository
        self.assertEqual(self.paths(self.repo / "src"), (["a.c", "gen/g.c"], 0))
        # The current folder's settings are not the scanned tree's.
        self.write("elsewhere/oxidize.toml", '[hazards]\nexclude = ["**"]\n')
        self.assertEqual(self.paths(self.repo / "src", cwd=self.dir / "elsewhere"), (["a.c", "gen/g.c"], 0))

    def test_functions_takes_config_like_the_other_commands(self):
        self.write("good.toml", "[hazards]\nexclude = []\n")
        p = run("functions", self.repo, "--config", self.dir / "good.toml", "--no-progress", check_rc=0)
        self.assertIn(b"main", p.stdout)
        one_error_line(self, run("functions", self.repo, "--config", self.dir / "missing.toml"), "missing.toml")
        self.write("bad.toml", "[hazards]\nexlude = []\n")
        p = run("functions", self.repo, "--config", self.dir / "bad.toml", "--no-progress", check_rc=0)
        self.assertIn("unknown key hazards.exlude", p.stderr.decode())


class ScanMessages(Scratch):
    def test_included_generated_files_are_not_said_to_be_excluded(self):
        self.write("a.c", "int a;\n")
        self.write("msg.pb.cc", "// Generated by the protocol buffer compiler.  DO NOT EDIT!\nint b;\nint c;\n")
        table = run("scan", self.dir, "--no-progress", check_rc=0).stdout.decode()
        self.assertIn("Excluded from the totals: 1 generated file (2 code lines); --include-generated counts them",
                      table)
        table = run("scan", self.dir, "--include-generated", "--no-progress", check_rc=0).stdout.decode()
        self.assertNotIn("Excluded from the totals", table)
        self.assertIn("Included in the totals: 1 generated file (2 code lines), as --include-generated asks", table)

    def test_a_file_that_is_not_source_is_counted_as_such(self):
        self.write("README.md", "# hello\n")
        doc, err = scan_json(self.dir / "README.md")
        self.assertEqual(doc["skipped"]["not_source_file"], 1)
        self.assertEqual(doc["skipped"]["not_regular_file"], 0)
        self.assertIn("not a C, C++ or Rust file", err)
        table = run("scan", self.dir / "README.md", "--no-progress").stdout.decode()
        self.assertIn("Skipped: 1 not_source_file", table)


class ListRules(unittest.TestCase):
    KEYS = ["id", "name", "cwe", "related_cwe", "severity", "confidence", "language", "title", "why", "safer", "rust"]

    def test_json_and_csv_carry_the_rule_table(self):
        table = run("hazards", "--list-rules", check_rc=0).stdout.decode().splitlines()[1:]
        ids = [line.split()[0] for line in table]
        doc = json.loads(run("hazards", "--list-rules", "--format", "json", check_rc=0).stdout)
        self.assertEqual(doc["command"], "rules")
        self.assertEqual([r["id"] for r in doc["rules"]], ids)
        for r in doc["rules"]:
            self.assertEqual(list(r), self.KEYS)
            self.assertIn(r["language"], ("c_family", "cpp", "rust"))
            self.assertTrue(r["title"] and r["why"] and r["safer"] and r["rust"], r["id"])
        gets = next(r for r in doc["rules"] if r["id"] == "OXI-C0004")
        self.assertEqual((gets["cwe"], gets["severity"], gets["language"]), ("CWE-242", "critical", "c_family"))
        self.assertIsInstance(gets["related_cwe"], list)
        self.assertTrue(all(r["cwe"] is None for r in doc["rules"] if r["id"] == "OXI-R0001"))
        rows = list(csv.DictReader(io.StringIO(
            run("hazards", "--list-rules", "--format", "csv", check_rc=0).stdout.decode())))
        self.assertEqual([r["id"] for r in rows], ids)
        self.assertEqual(list(rows[0]), self.KEYS)
        rust = json.loads(run("hazards", "--list-rules", "--rules", "OXI-R", "--format", "json", check_rc=0).stdout)
        self.assertTrue(rust["rules"] and all(r["language"] == "rust" for r in rust["rules"]))


class SortAndTop(Scratch):
    def test_bad_values_exit_2_with_one_line(self):
        one_error_line(self, run("hazards", ".", "--sortt", "severity"), "did you mean '--sort'?")
        one_error_line(self, run("hazards", ".", "--sort", "size"), "--sort")
        one_error_line(self, run("hazards", ".", "--top", "-1"), "--top")
        one_error_line(self, run("functions", ".", "--top", "-1"), "--top")
        one_error_line(self, run("hazards", ".", "--top", "ten"), "--top")
        one_error_line(self, run("hazards", "--list-rules", "--format", "sarif"), "--list-rules")
        one_error_line(self, run("hazards", ".", "--top", "3", "--format", "sarif"), "--top does not apply to SARIF")

    def test_sort_and_top_in_table_json_and_csv(self):
        self.write("a.c", TWO_FLAWS)
        self.write("b.c", TWO_FLAWS)
        doc, _ = hazards_run(self.dir)
        self.assertEqual([(f["path"], f["rule"]) for f in doc["findings"]],
                         [("a.c", "OXI-C0001"), ("a.c", "OXI-C0004"), ("b.c", "OXI-C0001"), ("b.c", "OXI-C0004")])
        self.assertEqual((doc["filters"]["sort"], doc["filters"]["top"]), ("path", None))
        doc, _ = hazards_run(self.dir, "--sort", "severity", "--top", "3")
        self.assertEqual([(f["path"], f["rule"]) for f in doc["findings"]],
                         [("a.c", "OXI-C0004"), ("b.c", "OXI-C0004"), ("a.c", "OXI-C0001")])
        self.assertEqual((doc["filters"]["sort"], doc["filters"]["top"]), ("severity", 3))
        self.assertEqual((doc["summary"]["findings"], doc["summary"]["beyond_top"]), (4, 1))
        doc, _ = hazards_run(self.dir, "--sort", "function")
        self.assertEqual([f["function"] for f in doc["findings"]], ["copy", "copy", "main", "main"])
        out, _ = hazards_run(self.dir, "--sort", "rule", "--top", "2", fmt="csv")
        rows = list(csv.DictReader(io.StringIO(out.decode())))
        self.assertEqual([(r["path"], r["rule"]) for r in rows], [("a.c", "OXI-C0001"), ("b.c", "OXI-C0001")])
        out, _ = hazards_run(self.dir, "--sort", "severity", "--top", "1", fmt="table")
        table = out.decode()
        self.assertEqual(table.count("critical OXI-C0004"), 1)
        self.assertIn("Listed: the first 1 by severity (--top); 3 more not listed", table)
        # SARIF: --sort orders the results, --top is refused (above).
        out, _ = hazards_run(self.dir, "--sort", "severity", fmt="sarif")
        results = validate_sarif(self, out)["runs"][0]["results"]
        self.assertEqual([r["ruleId"] for r in results], ["OXI-C0004", "OXI-C0004", "OXI-C0001", "OXI-C0001"])


if __name__ == "__main__":
    unittest.main()
