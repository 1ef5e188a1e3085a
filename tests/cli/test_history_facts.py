"""Black-box tests of `oxidize history --by file|function` and of the history
facts `oxidize scan` keeps in the store: repositories built here with git,
with dates, odd names and odd authors; the errors a user meets first.

Run by ctest with OXIDIZE_BIN and OXIDIZE_SOURCE_DIR set, like test_cli.py.
"""
import csv
import io
import json
import sqlite3
import unittest

from git_repo import commit, git
from test_cli import Scratch, run

def history(*args, check_rc=0):
    return run("history", *args, "--no-progress", check_rc=check_rc)


def rows(stdout):
    return list(csv.DictReader(io.StringIO(stdout.decode())))


class HistoryFacts(Scratch):
    def repo(self):
        git(self.dir, "init", "-q")
        self.write("lib/a.c", "int a(void) {\n  return 1;\n}\n")
        self.write("docs/notes.txt", "not source\n")
        commit(self.dir, "initial", "2021-01-01T00:00:00Z")
        self.write("lib/a.c", "int a(void) {\n  return 2;\n}\n")
        commit(self.dir, "fix the return value\n\nFixes: 123", "2021-06-01T00:00:00Z",
               env={"GIT_AUTHOR_EMAIL": "bob@example.org"})
        self.write("lib/b.c", "int b(void) { return 0; }\n")
        commit(self.dir, "add b (CVE-2021-0001 follow-up)", "2021-07-01T00:00:00Z")

    def test_csv_has_the_documented_columns_and_values(self):
        self.repo()
        p = history(self.dir, "--by", "file", "--format", "csv")
        table = rows(p.stdout)
        self.assertEqual(list(table[0].keys())[:12],
                         ["path", "renames", "commits", "authors", "fix_commits", "security_fix_commits",
                          "lines_added", "lines_deleted", "churn_12m", "churn_3m", "commits_12m", "first_change"])
        by_path = {r["path"]: r for r in table}
        self.assertEqual(set(by_path), {"lib/a.c", "lib/b.c"})
        a = by_path["lib/a.c"]
        self.assertEqual((a["commits"], a["authors"], a["fix_commits"], a["security_fix_commits"]), ("2", "2", "1", "0"))
        self.assertEqual((a["lines_added"], a["lines_deleted"], a["first_change"], a["last_change"]),
                         ("4", "1", "2021-01-01", "2021-06-01"))
        # now = HEAD's date (2021-07-01): lines from 2021-01-01 are 181 days old, the changed one 30.
        self.assertEqual(a["median_age_days"], "181.0")
        self.assertEqual(by_path["lib/b.c"]["security_fix_commits"], "1")

    def test_functions_json_and_table(self):
        self.repo()
        doc = json.loads(history(self.dir, "--by", "function", "--format", "json").stdout)
        self.assertEqual(doc["command"], "history")
        self.assertEqual(doc["by"], "function")
        self.assertEqual(doc["now"], "2021-07-01")
        self.assertEqual(doc["walk"], "first-parent")
        fns = {f["function"]: f for f in doc["functions"]}
        self.assertEqual(fns["a"]["commits"], 2)
        self.assertEqual(fns["a"]["fix_commits"], 1)
        self.assertEqual(fns["a"]["path"], "lib/a.c")
        self.assertEqual(fns["b"]["first_change"], "2021-07-01")
        table = history(self.dir, "--by", "function").stdout.decode()
        self.assertIn("a (lib/a.c:1)", table)
        self.assertIn("2 of 2 functions shown", table)

    def test_now_sort_top_and_walk(self):
        self.repo()
        later = rows(history(self.dir, "--by", "file", "--format", "csv", "--now", "2023-01-01").stdout)
        self.assertEqual({r["churn_12m"] for r in later}, {"0"})
        top = rows(history(self.dir, "--by", "file", "--format", "csv", "--sort", "fix_commits", "--top", "1").stdout)
        self.assertEqual([r["path"] for r in top], ["lib/a.c"])
        p = history(self.dir, "--by", "file", "--now", "2023-13-01", check_rc=2)
        self.assertIn(b"not a date", p.stderr)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)

    def test_patterns_from_oxidize_toml(self):
        self.repo()
        self.write("oxidize.toml", "[history]\nfix_patterns = ['initial']\nsecurity_patterns = []\n")
        by_path = {r["path"]: r for r in rows(history(self.dir, "--by", "file", "--format", "csv").stdout)}
        self.assertEqual(by_path["lib/a.c"]["fix_commits"], "1")  # "initial", not "fix the return value"
        self.assertEqual(by_path["lib/b.c"]["security_fix_commits"], "0")
        self.write("oxidize.toml", "[history]\nfix_patterns = ['(']\n")
        p = history(self.dir, "--by", "file", check_rc=2)
        self.assertIn(b"fix pattern '('", p.stderr)

    def test_not_a_repository_and_an_empty_one(self):
        self.write("a.c", "int a;\n")
        p = history(self.dir, "--by", "file", check_rc=2)
        self.assertIn(b"not a git repository", p.stderr)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)
        git(self.dir, "init", "-q")
        p = history(self.dir, "--by", "file", check_rc=2)
        self.assertIn(b"no commits", p.stderr)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)

    def test_names_authors_and_messages_that_are_not_text(self):
        git(self.dir, "init", "-q")
        odd = b"we\xffird\x1b[31m\nname.c"
        self.write(odd, "int x;\n")
        env = {"GIT_AUTHOR_NAME": "Ev\x1b]0;owned\x07e", "GIT_AUTHOR_EMAIL": "ev\x01e@example.org"}
        commit(self.dir, "fix \x1b[2J things", "2022-01-01T00:00:00Z", env=env)
        self.write(odd, "int x;\nint y;\n")
        commit(self.dir, "more", "2022-02-01T00:00:00Z",
               env={"GIT_AUTHOR_NAME": "Latin", "GIT_AUTHOR_EMAIL": "caf\xe9@example.org"})
        doc = json.loads(history(self.dir, "--by", "file", "--format", "json").stdout)
        (f,) = doc["files"]
        self.assertEqual(__import__("base64").b64decode(f["path_base64"]), odd)
        self.assertEqual((f["commits"], f["authors"], f["fix_commits"]), (2, 2, 1))
        got = rows(history(self.dir, "--by", "file", "--format", "csv").stdout)
        self.assertEqual(len(got), 1)
        self.assertIn("\ufffd", got[0]["path"])
        table = history(self.dir, "--by", "file").stdout
        self.assertNotIn(b"\x1b", table)
        self.assertIn(b"we\\xFFird\\x1B[31m\\nname.c", table)


class ScanKeepsHistory(Scratch):
    def test_scan_in_a_work_tree_stores_the_history_and_no_history_skips_it(self):
        git(self.dir, "init", "-q")
        self.write("src/a.c", "int a(void) { return 1; }\n")
        self.write("top.c", "int t;\n")
        commit(self.dir, "one", "2021-01-01T00:00:00Z")
        self.write("src/a.c", "int a(void) { return 2; }\n")
        commit(self.dir, "fix two", "2021-02-01T00:00:00Z")
        run("scan", self.dir / "src", "--no-progress", check_rc=0)
        db = sqlite3.connect(self.dir / ".oxidize" / "oxidize.db")
        (commits, head) = db.execute("SELECT commits, head FROM snapshot_history").fetchone()
        self.assertEqual(commits, 2)
        self.assertEqual(len(head), 40)
        # Paths are relative to the scanned folder, like the snapshot's files; top.c is outside it.
        paths = [bytes(r[0]) for r in db.execute("SELECT path FROM history_files")]
        self.assertEqual(paths, [b"a.c"])
        (fixes,) = db.execute("SELECT fix_commits FROM history_files").fetchone()
        self.assertEqual(fixes, 1)
        db.close()
        run("scan", self.dir, "--no-progress", "--no-history", check_rc=0)
        db = sqlite3.connect(self.dir / ".oxidize" / "oxidize.db")
        self.assertEqual(db.execute("SELECT count(*) FROM snapshot_history").fetchone()[0], 1)
        self.assertEqual(db.execute("SELECT count(*) FROM snapshots").fetchone()[0], 2)
        db.close()

    def test_a_rescan_at_the_same_commit_reuses_the_stored_history(self):
        git(self.dir, "init", "-q")
        self.write("a.c", "int a(void) { return 1; }\n")
        commit(self.dir, "one", "2021-01-01T00:00:00Z")
        reused = b"history: taken from an earlier snapshot"
        self.assertNotIn(reused, run("scan", self.dir, "--no-progress", "--perf", check_rc=0).stderr)
        self.assertIn(reused, run("scan", self.dir, "--no-progress", "--perf", check_rc=0).stderr)
        # Another commit, or other history options: read again.
        self.write("a.c", "int a(void) { return 2; }\n")
        commit(self.dir, "fix", "2021-02-01T00:00:00Z")
        self.assertNotIn(reused, run("scan", self.dir, "--no-progress", "--perf", check_rc=0).stderr)
        self.write("oxidize.toml", "[history]\nfix_patterns = ['one']\n")
        self.assertNotIn(reused, run("scan", self.dir, "--no-progress", "--perf", check_rc=0).stderr)
        db = sqlite3.connect(self.dir / ".oxidize" / "oxidize.db")
        fixes = [r[0] for r in db.execute("SELECT fix_commits FROM history_files ORDER BY snapshot_id")]
        db.close()
        self.assertEqual(fixes, [0, 0, 1, 1])

    def test_scan_outside_git_has_no_history_and_no_warning(self):
        self.write("a.c", "int a;\n")
        p = run("scan", self.dir, "--no-progress", check_rc=0)
        self.assertNotIn(b"history", p.stderr)


if __name__ == "__main__":
    unittest.main()
