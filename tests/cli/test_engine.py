"""Black-box tests of the engine around the scan: the analysis cache (stamps,
git's racily-clean rule, damage), the state folder (.oxidize/, its own
.gitignore, a location that cannot be written), and scanning a commit's tree
read from git.

Run by ctest with OXIDIZE_BIN and OXIDIZE_SOURCE_DIR set, like test_cli.py.
"""
import json
import os
import sqlite3
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from test_cli import BIN, Scratch, run, scan_json

PERF_CACHE = re.compile(r"perf: cache: (\d+) files unchanged \(not read\), (\d+) known by content, (\d+) analysed")
OLD = 1_600_000_000 * 10**9  # a modification time long before any scan


def cache_counts(stderr):
    m = PERF_CACHE.search(stderr.decode(errors="replace") if isinstance(stderr, bytes) else stderr)
    assert m, stderr
    return tuple(int(x) for x in m.groups())


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=oxidize", "-c", "user.email=test@oxidize.invalid",
                    "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True, capture_output=True)


class Cache(Scratch):
    def age(self, *names):
        for n in names:
            os.utime(self.dir / n, ns=(OLD, OLD))

    def scan(self, *extra):
        p = run("scan", self.dir, "--by", "file", "--format", "csv", "--no-progress", "--perf", *extra, check_rc=0)
        return p.stdout.decode(), p.stderr.decode(errors="replace")

    def test_unchanged_files_are_not_read_and_a_changed_one_is_analysed_alone(self):
        self.write("a.c", "int a(int x) { return x; }\n")
        self.write("b.c", "int b(int x) { if (x) return 1; return 0; }\n")
        self.age("a.c", "b.c")
        first, err = self.scan()
        self.assertEqual(cache_counts(err), (0, 0, 2))
        self.assertTrue((self.dir / ".oxidize" / "cache.bin").is_file())
        again, err = self.scan()
        self.assertEqual(cache_counts(err), (2, 0, 0))
        self.assertEqual(again, first)
        self.write("b.c", "int b(int x) { while (x) x--; return x; }\n")
        os.utime(self.dir / "b.c", ns=(OLD, OLD + 10**9))
        _, err = self.scan()
        self.assertEqual(cache_counts(err), (1, 0, 1))

    def test_a_change_in_the_same_tick_as_the_scan_is_seen(self):
        # Written just now: the stamp this scan takes is racily clean.
        path = self.write("a.c", "int alpha(int x) { return x; }\n")
        before = path.stat()
        out, _ = self.scan()
        self.assertIn("a.c,c,1", out)
        doc, _ = scan_json(self.dir, "--no-progress")
        self.assertEqual([f["function"] for f in doc["files"][0]["functions"]], ["alpha"])
        # Same size, same modification time to the nanosecond, other bytes.
        path.write_text("int gamma(int y) { return y; }\n")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        self.assertEqual(path.stat().st_size, before.st_size)
        doc, _ = scan_json(self.dir, "--no-progress")
        self.assertEqual([f["function"] for f in doc["files"][0]["functions"]], ["gamma"])

    def test_no_cache_reads_and_analyses_everything(self):
        self.write("a.c", "int a;\n")
        self.age("a.c")
        self.scan()
        p = run("scan", self.dir, "--no-cache", "--no-progress", "--perf", check_rc=0)
        self.assertNotIn(b"perf: cache:", p.stderr)

    def test_a_damaged_cache_is_a_warning_and_is_replaced(self):
        self.write("a.c", "int a(int x) { return x; }\n")
        self.age("a.c")
        first, _ = self.scan()
        cache = self.dir / ".oxidize" / "cache.bin"
        data = cache.read_bytes()
        cache.write_bytes(data[: len(data) - 7])
        out, err = self.scan()
        self.assertEqual(out, first)
        self.assertIn("damaged cache", err)
        self.assertEqual(cache_counts(err), (0, 0, 1))
        _, err = self.scan()
        self.assertNotIn("damaged", err)
        self.assertEqual(cache_counts(err), (1, 0, 0))
        cache.write_bytes(b"\x00garbage")
        out, err = self.scan()
        self.assertEqual(out, first)
        self.assertIn("not an oxidize cache", err)

    def test_a_location_that_cannot_be_written_still_gives_results_with_one_warning(self):
        self.write("src/a.c", "int a(int x) { return x; }\n")
        os.chmod(self.dir, 0o755)
        user = binary = None
        if os.geteuid() == 0:
            user = 65534  # nobody: root writes anywhere
            bindir = Path(tempfile.mkdtemp(prefix="oxidize-bin-"))
            os.chmod(bindir, 0o755)
            binary = str(bindir / "oxidize")
            shutil.copy(BIN, binary)
            self.addCleanup(shutil.rmtree, bindir, True)
        p = run("scan", self.dir, "--by", "file", "--format", "csv", "--no-progress", check_rc=0, user=user,
                binary=binary)
        self.assertIn("src/a.c,c,1", p.stdout.decode())
        warnings = [l for l in p.stderr.decode().splitlines() if l]
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn(".oxidize", warnings[0])
        self.assertFalse((self.dir / ".oxidize").exists())


class StateFolder(Scratch):
    def test_in_a_git_work_tree_it_sits_at_the_root_and_stays_out_of_git_status(self):
        git(self.dir, "init", "-q")
        self.write("src/deep/a.c", "int a;\n")
        git(self.dir, "add", "-A")
        git(self.dir, "commit", "-q", "-m", "one")
        run("scan", self.dir / "src" / "deep", "--no-progress", check_rc=0)
        self.assertTrue((self.dir / ".oxidize" / ".gitignore").is_file())
        self.assertFalse((self.dir / "src" / "deep" / ".oxidize").exists())
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=self.dir,
                                capture_output=True, check=True).stdout.decode()
        self.assertEqual(status, "")


class Commit(Scratch):
    def setUp(self):
        super().setUp()
        git(self.dir, "init", "-q")
        self.write("a.c", "int a(int x) { return x; }\n")
        self.write("vendor/v.c", "int v;\n")
        git(self.dir, "add", "-A")
        git(self.dir, "commit", "-q", "-m", "one")
        self.write("a.c", "int a(int x) { if (x) return 1; return 0; }\nint b(void) { return 2; }\n")
        self.write("b.rs", "fn b() {}\n")
        git(self.dir, "add", "-A")
        git(self.dir, "commit", "-q", "-m", "two")

    def csv(self, *extra):
        return run("scan", self.dir, "--by", "file", "--format", "csv", "--no-progress", "--include-vendored",
                   *extra, check_rc=0).stdout.decode()

    def test_the_tree_of_a_commit_is_read_from_git(self):
        self.assertEqual(self.csv("--commit", "HEAD"), self.csv())
        old = self.csv("--commit", "HEAD~1")
        self.assertIn("a.c,c,1,", old)
        self.assertNotIn("b.rs", old)
        # The work tree is not looked at: a change there does not show.
        self.write("a.c", "int changed;\n")
        self.assertIn("a.c,c,2,", self.csv("--commit", "HEAD"))
        doc, _ = scan_json(self.dir, "--commit", "HEAD~1")
        self.assertEqual(len(doc["files"]), 2)

    def test_bad_revisions_and_places_are_one_line_and_exit_2(self):
        p = run("scan", self.dir, "--commit", "no-such-branch")
        self.assertEqual(p.returncode, 2)
        self.assertEqual(len(p.stderr.decode().splitlines()), 1)
        self.assertIn("unknown revision 'no-such-branch'", p.stderr.decode())
        plain = Path(tempfile.mkdtemp(prefix="oxidize-plain-"))
        self.addCleanup(shutil.rmtree, plain, True)
        p = run("scan", plain, "--commit", "HEAD")
        self.assertEqual(p.returncode, 2)
        self.assertIn("not a git repository", p.stderr.decode())


if __name__ == "__main__":
    unittest.main()


class Store(Scratch):
    def setUp(self):
        super().setUp()
        self.write("src/a.c", "void a(char *s) { char b[8]; strcpy(b, s); }\n")
        self.write("src/b.c", "int b(int x) { return x; }\n")
        self.db = self.dir / ".oxidize" / "oxidize.db"

    def scan(self, *extra, rc=0):
        return run("scan", self.dir, "--no-progress", *extra, check_rc=rc)

    def ids(self):
        doc = json.loads(run("snapshots", self.dir, "--format", "json", check_rc=0).stdout)
        self.assertEqual(doc["schema_version"], 1)
        return [s["id"] for s in doc["snapshots"]]

    def test_each_scan_keeps_a_snapshot_and_diff_compares_the_last_two(self):
        self.scan()
        self.assertTrue(self.db.is_file())
        # Fix one hazard, add another file with a new one.
        self.write("src/a.c", "void a(char *s) { char b[8]; snprintf(b, sizeof b, \"%s\", s); }\n")
        self.write("src/c.c", "void c(void) { char l[8]; gets(l); }\n")
        self.scan()
        self.assertEqual(len(self.ids()), 2)
        doc = json.loads(run("diff", "--tree", self.dir, "--format", "json", check_rc=0).stdout)
        self.assertEqual(doc["schema_version"], 1)
        text = json.dumps(doc)
        self.assertIn("src/c.c", text)
        table = run("diff", "--tree", self.dir, check_rc=0).stdout.decode()
        self.assertIn("1 new, 1 fixed", table)
        self.assertIn("src/c.c", table)

    def test_reports_from_a_stored_snapshot_are_the_reports_of_the_scan(self):
        for args in (["hazards", "--format", "json"], ["hazards", "--format", "sarif"],
                     ["hazards", "--format", "csv", "--min-confidence", "low", "--show-suppressed"],
                     ["functions", "--format", "json"], ["functions", "--format", "csv"], ["functions"]):
            fresh = run(args[0], self.dir, *args[1:], "--no-progress", check_rc=0, cwd=self.dir).stdout
            self.scan()
            stored = run(args[0], self.dir, *args[1:], "--snapshot", "latest", check_rc=0, cwd=self.dir).stdout
            self.assertEqual(stored, fresh, args)

    def test_no_store_keeps_nothing_and_a_snapshot_without_hazards_is_refused(self):
        self.scan("--no-store")
        self.assertFalse(self.db.exists())
        self.scan("--no-hazards")
        p = run("hazards", self.dir, "--snapshot", "latest")
        self.assertEqual(p.returncode, 2)
        self.assertIn("without hazards", p.stderr.decode())
        p = run("diff", "--tree", self.dir)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(len(p.stderr.decode().splitlines()), 1)
        p = run("functions", self.dir, "--snapshot", "99")
        self.assertEqual(p.returncode, 2)
        self.assertIn("no snapshot 99", p.stderr.decode())

    def test_a_damaged_store_stops_the_scan_and_is_left_untouched(self):
        self.db.parent.mkdir()
        self.db.write_bytes(b"this is not a database" * 200)
        before = self.db.read_bytes()
        p = self.scan(rc=2)
        err = p.stderr.decode()
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertIn("--store", err)
        self.assertEqual(p.stdout, b"")
        self.assertEqual(self.db.read_bytes(), before)
        # Elsewhere, the same scan works.
        self.scan("--store", self.dir / "other.db")

    def test_a_store_of_a_newer_oxidize_is_refused_never_changed(self):
        self.scan()
        con = sqlite3.connect(self.db)
        con.execute("PRAGMA user_version = 999")
        con.close()
        before = self.db.read_bytes()
        p = self.scan(rc=2)
        self.assertIn("999", p.stderr.decode())
        self.assertEqual(len(p.stderr.decode().splitlines()), 1)
        self.assertEqual(self.db.read_bytes(), before)
        self.assertEqual(run("snapshots", self.dir).returncode, 2)

    def test_two_scans_at_once_both_keep_their_snapshot(self):
        self.scan()
        procs = [subprocess.Popen([BIN, "scan", str(self.dir), "--no-progress", "--no-cache"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(3)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
            self.assertEqual(err, b"")
        self.assertEqual(len(self.ids()), 4)
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        con.close()
