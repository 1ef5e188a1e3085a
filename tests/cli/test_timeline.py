"""Black-box tests of `oxidize history` (the migration timeline and its
projection) on small git repositories built here with dated commits: the
points each option picks, the code lines and shares at each, the trend and
the projected dates (checked against an OLS computed here), the JSON and CSV
shapes, the analysis cache (a second run analyses nothing), and what is not
a history (a folder outside git, an unborn branch, a shallow clone).

Run by ctest with OXIDIZE_BIN and OXIDIZE_SOURCE_DIR set, like test_cli.py.
"""
import base64
import csv
import datetime
import io
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from test_cli import Scratch, run

PERF_BLOBS = re.compile(r"perf: timeline: blobs analysed (\d+), from memory (\d+), from cache (\d+)")
YEAR = 365.2425 * 86400
LANGS = ["c", "c_header", "cpp", "cpp_header", "rust"]

# The repository's months: (date, lines of main.c, lines of lib.rs, h.c present).
MONTHS = [
    ("2024-01-15", 100, 0, False),
    ("2024-02-15", 90, 20, False),
    ("2024-03-15", 80, 30, True),
    ("2024-04-15", 70, 40, True),
    ("2024-05-15", 60, 55, True),
    ("2024-06-15", 50, 70, True),
]
HAZARD_C = 'void f(void) {\n  char b[4];\n  strcpy(b, "hello");\n}\n'  # 4 code lines, one finding


def git(cwd, *args, date=None):
    env = dict(os.environ)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date + "T12:00:00Z"
    return subprocess.run(["git", "-c", "user.name=oxidize", "-c", "user.email=test@oxidize.invalid",
                           "-c", "init.defaultBranch=main", *args], cwd=cwd, env=env, check=True,
                          capture_output=True).stdout.decode()


def timestamp(date):
    return datetime.datetime.fromisoformat(date + "T12:00:00+00:00").timestamp()


def day_of(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).date().isoformat()


def build_repository(root):
    """C shrinking and Rust growing month by month, with vendored and
    generated code that the timeline leaves out by default."""
    git(root, "init", "-q")
    for i, (date, c_lines, rust_lines, hazard) in enumerate(MONTHS):
        (root / "main.c").write_text("".join(f"int v{k} = {k};\n" for k in range(c_lines)))
        if rust_lines:
            (root / "lib.rs").write_text("".join(f"fn f{k}() {{}}\n" for k in range(rust_lines)))
        if hazard:
            (root / "h.c").write_text(HAZARD_C)
        if i == 0:
            (root / "vendor" / "zlib").mkdir(parents=True)
            (root / "vendor" / "zlib" / "z.c").write_text("int z;\n" * 50)
            (root / "api.pb.cc").write_text("int generated;\n" * 30)
            (root / "README").write_text("not code\n")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"month {i}", date=date)


def expected_point(i):
    _, c_lines, rust_lines, hazard = MONTHS[i]
    c = c_lines + (4 if hazard else 0)
    return {"c": c, "rust": rust_lines, "share": rust_lines / (c + rust_lines), "hazards": 1 if hazard else 0,
            "files": 1 + (1 if rust_lines else 0) + (1 if hazard else 0)}


def ols(points):
    """Slope per year, its standard error: the method of docs/history.md."""
    xs = [(timestamp(d) - timestamp(points[0][0])) / YEAR for d, _ in points]
    ys = [s for _, s in points]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    ssr = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys))
    return b, math.sqrt(ssr / (n - 2) / sxx)


class Timeline(Scratch):
    def setUp(self):
        super().setUp()
        self.repo = self.dir / "repo"
        self.repo.mkdir()
        build_repository(self.repo)
        self.commits = git(self.repo, "rev-list", "--first-parent", "--reverse", "HEAD").split()

    def history(self, *extra, rc=0, path=None):
        p = run("history", path or self.repo, "--no-progress", *extra)
        self.assertEqual(p.returncode, rc, p.stderr.decode(errors="replace"))
        return p

    def json(self, *extra):
        return json.loads(self.history("--format", "json", *extra).stdout)

    def assert_points(self, doc, months):
        self.assertEqual([p["commit"] for p in doc["points"]], [self.commits[i] for i in months])
        self.assertEqual([p["date"] for p in doc["points"]], [MONTHS[i][0] for i in months])
        for p, i in zip(doc["points"], months):
            e = expected_point(i)
            self.assertEqual(p["code_lines"], {"c": e["c"], "c_header": 0, "cpp": 0, "cpp_header": 0,
                                               "rust": e["rust"]})
            self.assertEqual(p["code"], e["c"] + e["rust"])
            self.assertAlmostEqual(p["memory_safe_share"], e["share"], places=6)
            self.assertEqual(p["hazards"], e["hazards"])
            self.assertEqual(p["files"], e["files"])

    def test_monthly_points_shares_trend_and_projections(self):
        doc = self.json()
        self.assertEqual(doc["command"], "history")
        self.assertEqual(doc["repository"], str(self.repo))
        self.assertEqual(doc["head"], self.commits[-1])
        self.assertEqual(doc["revision"], "HEAD")
        self.assertEqual(doc["now"], "2024-06-15")  # the head's commit date, not the clock
        self.assertEqual(doc["now_from"], "head")
        self.assertEqual(doc["since"], "2022-06-15")  # 24 months before
        self.assertEqual(doc["every"], "month")
        self.assertFalse(doc["shallow"])
        # 02-01 takes 01-15, ..., 06-01 takes 05-15, and the head itself.
        self.assert_points(doc, range(6))

        shares = [(MONTHS[i][0], expected_point(i)["share"]) for i in range(6)]
        slope, se = ols(shares)
        trend = doc["trend"]
        self.assertTrue(trend["projectable"], trend)
        self.assertEqual(trend["points"], 6)
        self.assertIsNone(trend["reason"])
        self.assertAlmostEqual(trend["slope_per_year"], slope, places=5)
        self.assertAlmostEqual(trend["slope_standard_error"], se, places=5)
        self.assertAlmostEqual(trend["t_value"], slope / se, places=2)
        self.assertIn("90%", trend["band"])

        targets = [p["target"] for p in doc["projections"]]
        self.assertEqual(targets, [0.5, 0.95])
        half, most = doc["projections"]
        # 50 % is reached at the head (56.5 %), not before.
        self.assertTrue(half["reached"])
        self.assertEqual(half["reached_commit"], self.commits[5])
        self.assertEqual(half["date"], "2024-06-15")
        self.assertFalse(half["reached_at_first_point"])
        self.assertIsNone(half["low"])
        # 95 %: from the head's share at the fitted rate, the band at +/- 1.645 SE.
        last_t, last_share = timestamp(MONTHS[5][0]), shares[5][1]
        self.assertFalse(most["reached"])
        self.assertEqual(most["date"], day_of(last_t + (0.95 - last_share) / slope * YEAR))
        self.assertEqual(most["low"], day_of(last_t + (0.95 - last_share) / (slope + 1.645 * se) * YEAR))
        self.assertEqual(most["high"], day_of(last_t + (0.95 - last_share) / (slope - 1.645 * se) * YEAR))
        self.assertIsNone(most["note"])
        self.assertIn("linear", doc["assumptions"])

        # Velocity: lines per mean month between the first and the last point.
        months = (timestamp(MONTHS[5][0]) - timestamp(MONTHS[0][0])) / (YEAR / 12)
        v = doc["velocity"]
        self.assertAlmostEqual(v["months"], round(months, 2))
        self.assertAlmostEqual(v["code_lines_per_month"]["rust"], round(70 / months, 2))
        self.assertAlmostEqual(v["code_lines_per_month"]["c"], round((54 - 100) / months, 2))
        self.assertEqual(doc["warnings"], [])

    def test_every_since_now_and_targets(self):
        # Every 2 first-parent commits from the root, and the head.
        doc = self.json("--every", "2")
        self.assertEqual(doc["every"], "2")
        self.assert_points(doc, [0, 2, 4, 5])
        # A window from 2024-04-01: 04-01, 05-01, 06-01 and the head.
        doc = self.json("--since", "2024-04-01")
        self.assertEqual(doc["since"], "2024-04-01")
        self.assert_points(doc, [2, 3, 4, 5])
        # All of it, by quarter: 04-01 and the head.
        doc = self.json("--since", "all", "--every", "quarter")
        self.assertIsNone(doc["since"])
        self.assert_points(doc, [2, 5])
        # "Now" in the past: the timeline ends there (the whole day of --now counts).
        doc = self.json("--now", "2024-03-31")
        self.assertEqual(doc["now"], "2024-03-31")
        self.assertEqual(doc["now_from"], "option")
        self.assert_points(doc, [0, 1, 2])
        doc = self.json("--now", "2024-03-15")
        self.assert_points(doc, [0, 1, 2])
        # Targets add to the defaults, in order, each once.
        doc = self.json("--target", "0.2", "--target", "0.95", "--target", "0.8")
        self.assertEqual([p["target"] for p in doc["projections"]], [0.2, 0.5, 0.8, 0.95])
        low = doc["projections"][0]
        self.assertTrue(low["reached"])
        self.assertEqual(low["reached_commit"], self.commits[2])  # 26 % since 03-15 (18 % before)
        # Reached since the window's first point: when is before the window.
        doc = self.json("--since", "2024-04-01", "--target", "0.2")
        self.assertTrue(doc["projections"][0]["reached_at_first_point"])
        self.assertEqual(doc["projections"][0]["date"], "2024-03-15")
        table = self.history("--since", "2024-04-01", "--target", "0.2").stdout.decode()
        self.assertIn(f"    20%  reached by 2024-03-15, the first point (commit {self.commits[2][:12]}", table)
        # --commit starts the chain elsewhere.
        doc = self.json("--commit", "HEAD~3", "--since", "all", "--every", "1")
        self.assertEqual(doc["head"], self.commits[2])
        self.assert_points(doc, [0, 1, 2])

    def test_no_trend_is_said_plainly(self):
        doc = self.json("--now", "2024-02-20")
        self.assert_points(doc, [0, 1])
        self.assertFalse(doc["trend"]["projectable"])
        self.assertEqual(doc["trend"]["reason_code"], "too_few_points")
        self.assertEqual(doc["trend"]["reason"], "fewer than 3 points with code (2)")
        self.assertIsNone(doc["projections"][1]["date"])
        self.assertEqual(doc["projections"][1]["note"], "no trend: fewer than 3 points with code (2)")
        table = self.history("--now", "2024-02-20").stdout.decode()
        self.assertIn("No trend to project: fewer than 3 points with code (2)", table)

    def test_vendored_and_generated_code_is_left_out_unless_included(self):
        doc = self.json("--include-vendored", "--include-generated")
        first = doc["points"][0]
        self.assertEqual(first["code_lines"]["c"], 100 + 50)
        self.assertEqual(first["code_lines"]["cpp"], 30)
        self.assertEqual(first["files"], 3)
        self.assertEqual(doc["scope"], {"include_vendored": True, "include_generated": True})

    def test_csv_and_table(self):
        doc = self.json()
        out = self.history("--format", "csv").stdout.decode()
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0], ["commit", "date", "files", "code", "code_c", "code_c_header", "code_cpp",
                                   "code_cpp_header", "code_rust", "memory_safe_share", "hazards"])
        self.assertEqual(len(rows), 1 + len(doc["points"]))
        for row, p in zip(rows[1:], doc["points"]):
            self.assertEqual(row[0], p["commit"])
            self.assertEqual(row[1], p["date"])
            self.assertEqual(int(row[2]), p["files"])
            self.assertEqual(int(row[3]), p["code"])
            self.assertEqual([int(x) for x in row[4:9]], [p["code_lines"][k] for k in LANGS])
            self.assertAlmostEqual(float(row[9]), p["memory_safe_share"], places=6)
            self.assertEqual(int(row[10]), p["hazards"])
        table = self.history().stdout.decode()
        self.assertIn(f"History of {self.repo}: first-parent chain of HEAD ({self.commits[-1][:12]})", table)
        self.assertIn("now 2024-06-15 (the head's commit date)", table)
        self.assertIn(f"2024-06-15  {self.commits[-1][:12]}", table)
        self.assertIn("56.5%", table)
        self.assertIn(f"    50%  reached 2024-06-15 (commit {self.commits[5][:12]})", table)
        self.assertIn(f"    95%  {doc['projections'][1]['date']}", table)
        self.assertIn("Assumptions:", table)

    def test_the_last_point_is_what_scan_counts_at_the_head(self):
        last = self.json()["points"][-1]
        scan = json.loads(run("scan", self.repo, "--commit", "HEAD", "--format", "json", "--no-progress", "--no-store",
                              check_rc=0).stdout)
        self.assertEqual({g["language"]: g["code"] for g in scan["groups"]},
                         {k: v for k, v in last["code_lines"].items() if v})
        self.assertEqual(scan["totals"]["files"], last["files"])
        self.assertEqual(scan["totals"]["hazards"]["findings"], last["hazards"])

    def test_output_is_reproducible(self):
        first = self.history("--format", "json", "-j", "1", "--no-cache").stdout
        self.assertEqual(self.history("--format", "json", "-j", "2").stdout, first)
        self.assertEqual(self.history("--format", "json", "-j", "2").stdout, first)  # from the cache

    def test_a_second_run_analyses_nothing(self):
        def counts(*extra):
            p = self.history("--perf", *extra)
            m = PERF_BLOBS.search(p.stderr.decode())
            self.assertIsNotNone(m, p.stderr.decode())
            return tuple(int(x) for x in m.groups())

        # Distinct blobs: main.c x6, lib.rs x5, h.c, z.c, api.pb.cc.
        analysed, memory, cached = counts()
        self.assertEqual((analysed, cached), (14, 0))
        self.assertTrue((self.repo / ".oxidize" / "cache.bin").is_file())
        self.assertEqual(counts(), (0, memory, 14))
        # A longer window only analyses what it has not seen: nothing here.
        self.assertEqual(counts("--since", "all", "--every", "1")[0], 0)
        # --no-cache analyses every blob it meets, once.
        self.assertEqual(counts("--no-cache")[::2], (14, 0))
        self.assertEqual(git(self.repo, "status", "--porcelain"), "")

    def test_an_unreadable_blob_is_a_warning_and_the_rest_is_counted(self):
        blob = git(self.repo, "rev-parse", "HEAD~4:lib.rs").strip()
        (self.repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
        p = self.history("--format", "json", "--no-cache")
        doc = json.loads(p.stdout)
        err = p.stderr.decode()
        self.assertEqual(err.count("oxidize: warning: lib.rs:"), 1, err)
        self.assertEqual(len(doc["warnings"]), 1)
        self.assertEqual(doc["points"][1]["code_lines"]["rust"], 0)  # that point's lib.rs left out
        self.assertEqual(doc["points"][2]["code_lines"]["rust"], 30)

    def test_a_shallow_clone_warns_and_uses_what_is_there(self):
        shallow = self.dir / "shallow"
        subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{self.repo}", str(shallow)], check=True,
                       capture_output=True)
        p = self.history("--format", "json", "--no-cache", path=shallow)
        doc = json.loads(p.stdout)
        self.assertTrue(doc["shallow"])
        self.assertIn("shallow clone: the history read starts at commit", p.stderr.decode())
        self.assertEqual([q["date"] for q in doc["points"]], ["2024-05-15", "2024-06-15"])


class NoHistory(Scratch):
    def test_a_folder_outside_git(self):
        p = run("history", self.dir, "--no-progress")
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr.decode(), f"oxidize: error: {self.dir}: not in a git repository (history needs git)\n")
        self.assertEqual(p.stdout, b"")

    def test_an_unborn_branch(self):
        git(self.dir, "init", "-q")
        p = run("history", self.dir, "--no-progress")
        self.assertEqual(p.returncode, 2)
        lines = p.stderr.decode().splitlines()
        self.assertEqual(len(lines), 1, lines)
        self.assertIn("the repository has no commits yet (branch 'main' is unborn)", lines[0])

    def test_bad_options_are_one_line_and_exit_2(self):
        git(self.dir, "init", "-q")
        (self.dir / "a.c").write_text("int a;\n")
        git(self.dir, "add", "-A")
        git(self.dir, "commit", "-q", "-m", "one", date="2024-01-01")
        for args, message in [(["--every", "week"], "--every: expected month, quarter or a number of commits"),
                              (["--every", "0"], "--every"),
                              (["--since", "2024-02-30"], "--since: expected a date as YYYY-MM-DD"),
                              (["--now", "yesterday"], "--now: expected a date"),
                              (["--target", "1.5"], "--target: a share above 0 and at most 1"),
                              (["--commit", "nope"], "unknown revision 'nope'"),
                              (["--now", "2023-01-01"], "no commit of 'HEAD' at or before 2023-01-01"),
                              (["--by", "file", "--every", "2"], "--every is an option of the timeline, not of --by file"),
                              (["--by", "function", "--no-cache"], "--no-cache is an option of the timeline"),
                              (["--sort", "age"], "--sort goes with --by file|function"),
                              (["--top", "3"], "--top goes with --by file|function")]:
            p = run("history", self.dir, "--no-progress", *args)
            self.assertEqual(p.returncode, 2, args)
            lines = p.stderr.decode().splitlines()
            self.assertEqual(len(lines), 1, (args, lines))
            self.assertIn(message, lines[0])

    def test_by_lists_the_history_facts_instead_of_the_timeline(self):
        git(self.dir, "init", "-q")
        (self.dir / "a.c").write_text("int a;\n")
        git(self.dir, "add", "-A")
        git(self.dir, "commit", "-q", "-m", "one", date="2024-01-01")
        out = run("history", self.dir, "--by", "file", "--format", "csv", "--no-progress", check_rc=0).stdout.decode()
        self.assertTrue(out.startswith("path,"), out)
        self.assertIn("a.c,", out)
        doc = json.loads(run("history", self.dir, "--format", "json", "--no-progress", check_rc=0).stdout)
        self.assertIn("points", doc)

    def test_hostile_repository_paths_are_escaped_in_every_format(self):
        name = b'odd"\n\xff repo'
        repo = Path(os.fsdecode(bytes(self.dir) + b"/" + name))
        repo.mkdir()
        git(repo, "init", "-q")
        (repo / "a.c").write_text("int a;\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "one", date="2024-01-01")
        doc = json.loads(run("history", repo, "--format", "json", "--no-progress", check_rc=0).stdout)
        self.assertEqual(base64.b64decode(doc["repository_base64"]), bytes(self.dir) + b"/" + name)
        table = run("history", repo, "--no-progress", check_rc=0).stdout
        first = table.split(b"\n")[0]
        self.assertIn(b'odd"\\n\\xFF repo', first)
        out = run("history", repo, "--format", "csv", "--no-progress", check_rc=0).stdout.decode()
        self.assertEqual(len(out.splitlines()), 2)


if __name__ == "__main__":
    unittest.main()
