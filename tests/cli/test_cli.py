"""Black-box tests of the oxidize binary: golden output, exit codes, bad input,
.gitignore semantics checked against git itself, escaping in every format.

Run by ctest with OXIDIZE_BIN (the binary) and OXIDIZE_SOURCE_DIR set.
"""
import base64
import csv
import io
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path

BIN = os.environ.get("OXIDIZE_BIN", "oxidize")
SOURCE = Path(os.environ.get("OXIDIZE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
GOLDEN = SOURCE / "tests" / "golden" / "scan"
# The official OASIS SARIF 2.1.0 schema, carried by the repository (tests/data/README.md).
SARIF_SCHEMA = SOURCE / "tests" / "data" / "sarif-schema-2.1.0.json"


def run(*args, cwd=None, env=None, check_rc=None, user=None, binary=None):
    cmd = [binary or BIN, *map(str, args)]
    if user is not None:
        # CI runs as root, where permissions do not stop reads: drop to an
        # unprivileged user so that unreadable files really are unreadable.
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", "--", *cmd]
    full_env = dict(os.environ, NO_COLOR="1")
    if env:
        full_env.update(env)
    p = subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, timeout=600)
    if check_rc is not None and p.returncode != check_rc:
        raise AssertionError(f"{cmd} exited {p.returncode}, stderr:\n{p.stderr.decode(errors='replace')}")
    return p


def scan_json(path, *extra, **kw):
    p = run("scan", path, "--format", "json", "--no-progress", *extra, check_rc=0, **kw)
    return json.loads(p.stdout), p.stderr.decode("utf-8", errors="replace")


def files_by_path(doc):
    out = {}
    for f in doc["files"]:
        raw = base64.b64decode(f["path_base64"]) if "path_base64" in f else f["path"].encode()
        out[raw] = f
    return out


class Golden(unittest.TestCase):
    def test_by_file_csv(self):
        p = run("scan", GOLDEN / "tree", "--by", "file", "--format", "csv", check_rc=0)
        self.assertEqual(p.stdout.decode(), (GOLDEN / "expected_by_file.csv").read_text())

    def test_by_dir_csv(self):
        p = run("scan", GOLDEN / "tree", "--by", "dir:1", "--format", "csv", check_rc=0)
        self.assertEqual(p.stdout.decode(), (GOLDEN / "expected_by_dir1.csv").read_text())

    def test_table(self):
        p = run("scan", GOLDEN / "tree", check_rc=0)
        self.assertEqual(p.stdout.decode(), (GOLDEN / "expected_table.txt").read_text())

    def test_hazards_csv(self):
        p = run("hazards", GOLDEN / "tree", "--show-suppressed", "--min-confidence", "low", "--format", "csv",
                check_rc=0)
        self.assertEqual(p.stdout.decode(), (GOLDEN / "expected_hazards.csv").read_text())

    def test_json_totals_match_csv_and_exclusions_are_listed(self):
        doc, _ = scan_json(GOLDEN / "tree")
        self.assertEqual(doc["schema_version"], 1)
        rows = list(csv.DictReader(io.StringIO((GOLDEN / "expected_by_file.csv").read_text())))
        self.assertEqual(doc["totals"]["code"], sum(int(r["code"]) for r in rows))
        excluded = {f["path"]: f["excluded"] for f in doc["files"] if "excluded" in f}
        self.assertEqual(excluded, {"src/parser.tab.c": "generated", "third_party/zlib/inflate.c": "vendored"})
        self.assertEqual(doc["excluded"]["vendored"]["files"], 1)
        doc_all, _ = scan_json(GOLDEN / "tree", "--include-vendored", "--include-generated")
        self.assertEqual(doc_all["totals"]["files"], doc["totals"]["files"] + 2)

    def test_output_identical_whatever_the_thread_count(self):
        outs = {run("scan", GOLDEN / "tree", "--format", "json", "-j", j, check_rc=0).stdout for j in (1, 2, 7)}
        self.assertEqual(len(outs), 1)


class Usage(unittest.TestCase):
    def assert_one_line_error(self, p):
        self.assertEqual(p.returncode, 2)
        lines = p.stderr.decode().strip().splitlines()
        self.assertEqual(len(lines), 1, lines)
        self.assertTrue(lines[0].startswith("oxidize: error: "), lines[0])

    def test_missing_path(self):
        self.assert_one_line_error(run("scan", "/nonexistent/oxidize-test"))

    def test_bad_options(self):
        self.assert_one_line_error(run("scan", ".", "--format", "xml"))
        self.assert_one_line_error(run("scan", ".", "--by", "dir:0"))
        self.assert_one_line_error(run("scan", ".", "--max-file-size", "12X"))
        self.assert_one_line_error(run("scan", ".", "--ext", "inc=cobol"))
        self.assert_one_line_error(run("scan", ".", "--no-such-flag"))
        self.assert_one_line_error(run("frobnicate"))

    def test_help_has_examples(self):
        p = run("scan", "--help", check_rc=0)
        self.assertIn("Examples:", p.stdout.decode())
        self.assertIn("--by", p.stdout.decode())

    def test_closed_pipe_is_not_an_error(self):
        p = subprocess.run(f"'{BIN}' scan '{GOLDEN / 'tree'}' --by file | head -c 10", shell=True,
                           capture_output=True)
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stderr, b"")

    def test_reader_gone_in_the_middle_is_not_an_error(self):
        # The SARIF is larger than a pipe holds: writes are still going when
        # the reader leaves, and the rest is dropped quietly.
        with subprocess.Popen([BIN, "hazards", GOLDEN / "tree", "--format", "sarif", "--no-progress"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) as p:
            self.assertEqual(p.stdout.read(10), b'{\n  "$sche')
            p.stdout.close()
            err = p.stderr.read()
            self.assertEqual(p.wait(timeout=60), 0)
        self.assertEqual(err, b"")

    def test_write_error_is_one_line_and_exit_2(self):
        for args in (["scan", GOLDEN / "tree"], ["scan", GOLDEN / "tree", "--format", "json"],
                     ["functions", GOLDEN / "tree", "--format", "csv"],
                     ["hazards", GOLDEN / "tree", "--format", "sarif"], ["hazards", "--list-rules"]):
            with self.subTest(args=args), open("/dev/full", "wb") as full:
                p = subprocess.run([BIN, *map(str, args), "--no-progress"], stdout=full, stderr=subprocess.PIPE,
                                   timeout=60)
                self.assertEqual(p.returncode, 2)
                self.assertEqual(p.stderr.decode(), "oxidize: error: cannot write the output: No space left on device\n")


class Scratch(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="oxidize-cli-"))

    def tearDown(self):
        # Not shutil.rmtree / os.walk: both recurse, and the deep-nesting test
        # goes deeper than Python's recursion limit.
        subprocess.run(["chmod", "-R", "u+rwx", str(self.dir)], capture_output=True)
        subprocess.run(["rm", "-rf", str(self.dir)], check=True)

    def write(self, rel, data):
        p = self.dir / rel if isinstance(rel, str) else Path(os.fsdecode(bytes(self.dir) + b"/" + rel))
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode())
        return p


class BadInput(Scratch):
    def test_text_oddities_are_counted(self):
        self.write("latin1.c", b"/* caf\xe9 */\nint x;\n")
        self.write("invalid_utf8.c", b"int \xff\xfe = 1;\n")
        self.write("crlf.c", b"int a;\r\n\r\n// c\r\n")
        self.write("lone_cr.c", b"int a;\r// c\rint b;")
        self.write("no_newline.c", b"int a;")
        self.write("empty.c", b"")
        doc, err = scan_json(self.dir)
        f = {k.decode(): v for k, v in files_by_path(doc).items()}
        self.assertEqual((f["latin1.c"]["code"], f["latin1.c"]["comment"]), (1, 1))
        self.assertEqual(f["invalid_utf8.c"]["code"], 1)
        self.assertEqual((f["crlf.c"]["code"], f["crlf.c"]["blank"], f["crlf.c"]["comment"]), (1, 1, 1))
        self.assertEqual((f["lone_cr.c"]["code"], f["lone_cr.c"]["comment"]), (2, 1))
        self.assertEqual(f["no_newline.c"]["lines"], 1)
        self.assertEqual(f["empty.c"]["lines"], 0)
        self.assertEqual(err, "")

    def test_quilt_state_is_skipped(self):
        self.write("a.c", "int a;\n")
        self.write(".pc/.quilt_patches", "debian/patches\n")
        self.write(".pc/fix.patch/a.c", "int old_a;\n")
        self.write("other/.pc/b.c", "int b;\n")  # a `.pc` without quilt's marker is ordinary
        doc, _ = scan_json(self.dir)
        self.assertEqual(sorted(f["path"] for f in doc["files"]), ["a.c", "other/.pc/b.c"])

    def test_binary_file_is_skipped_and_counted(self):
        self.write("blob.c", b"\x7fELF\x00\x00\x01" + bytes(range(256)))
        self.write("ok.c", "int x;\n")
        doc, err = scan_json(self.dir)
        self.assertEqual(doc["skipped"]["binary"], 1)
        self.assertEqual(doc["totals"]["files"], 1)
        self.assertIn("oxidize: warning: blob.c: binary file", err)

    def test_unterminated_constructs_warn_with_line(self):
        self.write("a.c", "int a;\n/* never closed\n\n")
        self.write("b.c", 'char *s = "open')
        self.write("c.cc", 'auto r = R"(open\nmore\n')
        self.write("d.rs", "/* /* nested */\n")
        doc, err = scan_json(self.dir)
        self.assertEqual(doc["totals"]["files"], 4)
        self.assertIn("oxidize: warning: a.c:2: unterminated block comment", err)
        self.assertIn("oxidize: warning: b.c:1: unterminated string literal", err)
        self.assertIn("oxidize: warning: c.cc:1: unterminated raw string literal", err)
        self.assertIn("oxidize: warning: d.rs:1: unterminated block comment", err)
        self.assertEqual(len(err.strip().splitlines()), 4)

    def test_huge_file_and_huge_line(self):
        line = "x = 1; /* c */\n" * 64
        with open(self.dir / "huge.c", "w") as f:
            for _ in range((200 << 20) // (len(line))):
                f.write(line)
        self.write("one_line.c", "int " + "a" * (10 << 20) + ";")
        doc, err = scan_json(self.dir)
        f = {k.decode(): v for k, v in files_by_path(doc).items()}
        self.assertEqual(f["huge.c"]["code"], (200 << 20) // len(line) * 64)
        self.assertEqual(f["one_line.c"]["code"], 1)
        # Above the limit: skipped with a warning, the rest goes on.
        doc, err = scan_json(self.dir, "--max-file-size", "100M")
        self.assertEqual(doc["skipped"]["too_large"], 1)
        self.assertIn("huge.c: larger than the size limit", err)
        self.assertEqual(doc["totals"]["files"], 1)

    def test_deep_nesting(self):
        p = str(self.dir)
        for _ in range(1000):
            p += "/d"
            os.mkdir(p)
        Path(p, "deep.c").write_text("int deep;\n")
        doc, err = scan_json(self.dir)
        self.assertEqual(doc["totals"]["code"], 1)

    def test_symlinks_loops_and_dangling(self):
        self.write("real/a.c", "int a;\n")
        os.symlink("..", self.dir / "real" / "loop")
        os.symlink("missing.c", self.dir / "dangling.c")
        os.symlink("real/a.c", self.dir / "link.c")
        doc, err = scan_json(self.dir)
        self.assertEqual(doc["totals"]["files"], 1)
        self.assertEqual(doc["skipped"]["symlink_not_followed"], 3)
        self.assertEqual(err, "")
        doc, err = scan_json(self.dir, "--follow-symlinks")
        self.assertEqual(doc["totals"]["files"], 2)  # a.c and link.c
        self.assertIn("dangling.c: dangling symbolic link", err)
        self.assertIn("symlink to a directory already scanned", err)

    def test_special_files_are_never_opened(self):
        self.write("ok.c", "int x;\n")
        os.mkfifo(self.dir / "fifo.c")
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(self.dir / "sock.c"))
        if os.geteuid() == 0:
            os.mknod(self.dir / "dev.c", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        try:
            doc, err = scan_json(self.dir)
        finally:
            s.close()
        self.assertEqual(doc["totals"]["files"], 1)
        self.assertIn("fifo.c: not a regular file (FIFO)", err)
        self.assertIn("sock.c: not a regular file (socket)", err)
        if os.geteuid() == 0:
            self.assertIn("dev.c: not a regular file (character device)", err)

    def test_unreadable_file_and_directory(self):
        self.write("ok.c", "int x;\n")
        self.write("secret.c", "int s;\n")
        self.write("closed/inner.c", "int i;\n")
        os.chmod(self.dir / "secret.c", 0)
        os.chmod(self.dir / "closed", 0)
        os.chmod(self.dir, 0o755)
        user = binary = None
        if os.geteuid() == 0:
            user = 65534  # nobody / nogroup
            if shutil.which("setpriv") is None:
                self.fail("setpriv (util-linux) is needed to test as an unprivileged user")
            # The build folder may sit under a home that nobody cannot enter.
            bindir = Path(tempfile.mkdtemp(prefix="oxidize-bin-"))
            os.chmod(bindir, 0o755)
            binary = str(bindir / "oxidize")
            shutil.copy(BIN, binary)
            self.addCleanup(shutil.rmtree, bindir, True)
        doc, err = scan_json(self.dir, user=user, binary=binary)
        self.assertEqual(doc["totals"]["files"], 1)
        self.assertEqual(doc["skipped"]["unreadable_file"], 1)
        self.assertEqual(doc["skipped"]["unreadable_directory"], 1)
        self.assertIn("secret.c: permission denied", err)
        self.assertIn("closed: cannot list directory: Permission denied", err)

    def test_hostile_file_names_are_escaped_everywhere(self):
        names = [b'quote"comma,.c', b"new\nline.c", b"bad\xffutf8.c", b"tab\tctl\x01.c"]
        for n in names:
            self.write(n, "int x;\n")
        self.write(b"bin\xfe.c", b"\x00\x01")  # also a warning with a hostile name
        doc, err = scan_json(self.dir, "--by", "file")
        self.assertEqual(set(files_by_path(doc)), set(names))
        for line in err.splitlines():
            self.assertTrue(line.startswith("oxidize: warning: "), line)
        self.assertEqual(len(err.splitlines()), 1)
        self.assertIn("bin\\xFE.c", err)
        p = run("scan", self.dir, "--by", "file", "--format", "csv", check_rc=0)
        rows = list(csv.DictReader(io.StringIO(p.stdout.decode("utf-8"))))
        self.assertEqual(len(rows), len(names))
        self.assertIn('quote"comma,.c', [r["path"] for r in rows])
        p = run("scan", self.dir, "--by", "file", check_rc=0)
        table = p.stdout.decode("utf-8")
        self.assertIn("new\\nline.c", table)
        self.assertIn("bad\\xFFutf8.c", table)
        self.assertNotIn("\x01", table)

    def test_files_deleted_during_the_scan(self):
        for i in range(4000):
            self.write(f"d{i % 40}/f{i}.c", "int x;\n" * 50)
        stop = threading.Event()

        def delete():
            for i in range(4000):
                if stop.is_set():
                    return
                try:
                    os.unlink(self.dir / f"d{i % 40}" / f"f{i}.c")
                except FileNotFoundError:
                    pass

        t = threading.Thread(target=delete)
        t.start()
        try:
            p = run("scan", self.dir, "--format", "json", "--no-progress")
        finally:
            stop.set()
            t.join()
        self.assertEqual(p.returncode, 0)
        doc = json.loads(p.stdout)
        for w in doc["warnings"]:
            self.assertIn("vanished", w["message"])
        self.assertEqual(doc["skipped"]["vanished"], len(doc["warnings"]))


def functions_json(path, *extra, **kw):
    top = () if "--top" in extra else ("--top", "0")
    p = run("functions", path, "--format", "json", *top, "--no-progress", *extra, check_rc=0, **kw)
    return json.loads(p.stdout), p.stderr.decode("utf-8", errors="replace")


class Functions(Scratch):
    def test_sort_top_min_ccn_and_formats(self):
        self.write("a.c", "int small(void) { return 0; }\n"
                          "int big(int a, int b) { if (a) return 1; if (b) return 2; return a && b; }\n"
                          "int mid(int a) { if (a) return 1; return 0; }\n")
        doc, _ = functions_json(self.dir)
        self.assertEqual([f["function"] for f in doc["functions"]], ["big", "mid", "small"])
        self.assertEqual([f["ccn"] for f in doc["functions"]], [4, 2, 1])
        self.assertEqual(doc["total_functions"], 3)
        doc, _ = functions_json(self.dir, "--top", "1")
        self.assertEqual([f["function"] for f in doc["functions"]], ["big"])
        doc, _ = functions_json(self.dir, "--min-ccn", "2", "--sort", "params")
        self.assertEqual([f["function"] for f in doc["functions"]], ["big", "mid"])
        p = run("functions", self.dir, "--format", "csv", check_rc=0)
        rows = list(csv.DictReader(io.StringIO(p.stdout.decode())))
        self.assertEqual(rows[0]["function"], "big")
        self.assertEqual(rows[0]["start_line"], "2")
        self.assertEqual(rows[0]["path"], "a.c")
        p = run("functions", self.dir, check_rc=0)
        self.assertIn("big (a.c:2)", p.stdout.decode())
        self.assertEqual(run("functions", self.dir, "--sort", "beauty").returncode, 2)

    def test_scan_json_carries_function_records(self):
        self.write("a.c", "int f(int x) {\n  return x ? 1 : 2;\n}\n")
        doc, _ = scan_json(self.dir)
        fn = doc["files"][0]["functions"]
        self.assertEqual(fn[0]["function"], "f")
        self.assertEqual((fn[0]["start_line"], fn[0]["end_line"], fn[0]["ccn"], fn[0]["nloc"]), (1, 3, 2, 3))
        self.assertEqual(doc["totals"]["functions"], 1)
        doc, _ = scan_json(self.dir, "--no-functions")
        self.assertEqual(doc["files"][0]["functions"], [])

    def test_hostile_structure_never_crashes(self):
        self.write("deep.c", "void deep(void) {" + "{" * 100_000 + "}" * 100_000 + "}\nint after(void) { return 0; }\n")
        self.write("cases.c", "int sw(int k) { switch (k) {\n" +
                   "".join(f"case {i}: return {i};\n" for i in range(50_000)) + "} return 0; }\n")
        self.write("macro.c", "#define BIG(x) \\\n" + "  do { if (x) { f(x); } } while (0); \\\n" * 250_000 +
                   "  x\nint after_macro(void) { return 1; }\n")
        self.write("unclosed.c", "int ok(void) { return 0; }\nint open(int x) {\n  if (x) {\n    return 1;\n}\n")
        self.write("stray.c", "int a(void) { return 0; }\n}\n}\nint b(void) { return 1; }\n")
        self.write("macro.rs", "fn before() {}\nm! { { }\nfn lost() {}\n")
        doc, err = functions_json(self.dir)
        by = {(f["path"], f["function"]): f for f in doc["functions"]}
        self.assertEqual(by[("deep.c", "deep")]["nesting"], 100_000)
        self.assertIn(("deep.c", "after"), by)
        self.assertEqual(by[("cases.c", "sw")]["ccn"], 50_001)
        self.assertEqual(by[("cases.c", "sw")]["ccn_modified"], 2)
        self.assertIn(("macro.c", "after_macro"), by)
        self.assertIn(("unclosed.c", "ok"), by)
        self.assertNotIn(("unclosed.c", "open"), by)
        self.assertIn("unclosed.c:2: function 'open' is not closed at end of file", err)
        self.assertIn(("stray.c", "b"), by)
        self.assertIn("stray.c:2: stray '}' at file scope", err)
        self.assertIn(("macro.rs", "before"), by)
        self.assertIn("macro.rs:2: block opened here is not closed at end of file", err)
        for line in err.splitlines():
            self.assertTrue(line.startswith("oxidize: warning: "), line)


def git(*args, cwd, env=None):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env=dict(os.environ, **(env or {})))


class GitIgnore(Scratch):
    EXTS = (".c", ".h", ".cc", ".cpp", ".hpp", ".rs")

    def make_repo(self):
        home = self.dir / "home"
        repo = self.dir / "repo"
        home.mkdir()
        repo.mkdir()
        env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
               "GIT_CONFIG_NOSYSTEM": "1"}
        (home / ".gitconfig").write_text(f"[core]\n\texcludesFile = {home}/global-ignore\n"
                                         "[user]\n\tname = t\n\temail = t@example.org\n")
        (home / "global-ignore").write_text("*.global.c\n")
        git("init", "-q", cwd=repo, env=env)
        files = ["a.c", "b.global.c", "build/out.c", "src/keep.c", "src/gen/x.c", "src/gen/keep_me.c",
                 "src/skip.h", "docs/local.c", "tracked_ignored.c", "logs/deep/n.rs", "sub/.hidden.c",
                 "only_dirs/x/y.cc", "neg/a.c", "neg/b.c"]
        for f in files:
            (repo / f).parent.mkdir(parents=True, exist_ok=True)
            (repo / f).write_text("int x;\n")
        (repo / ".gitignore").write_text("build/\n*.h\ntracked_ignored.c\nlogs/\nonly_dirs/x/\nneg/*\n!neg/b.c\n")
        (repo / "src" / ".gitignore").write_text("gen/*\n!gen/keep_me.c\n")
        (repo / ".git" / "info" / "exclude").write_text("docs/\n")
        git("add", ".gitignore", "src/.gitignore", "a.c", cwd=repo, env=env)
        git("add", "-f", "tracked_ignored.c", cwd=repo, env=env)
        git("commit", "-qm", "init", cwd=repo, env=env)
        # An untracked nested repository: git lists it as one entry.
        (repo / "nested").mkdir()
        git("init", "-q", cwd=repo / "nested", env=env)
        (repo / "nested" / "n.c").write_text("int n;\n")
        return repo, env

    def git_listing(self, repo, env, sub="."):
        p = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", sub],
                           cwd=repo, env=dict(os.environ, **env), capture_output=True, check=True)
        prefix = "" if sub == "." else sub.rstrip("/") + "/"
        return {f[len(prefix):] for f in p.stdout.decode().split("\0") if f.endswith(self.EXTS)}

    def test_same_files_as_git_ls_files(self):
        repo, env = self.make_repo()
        doc, err = scan_json(repo, "--include-vendored", "--include-generated", env=env)
        ours = {k.decode() for k in files_by_path(doc)}
        self.assertEqual(ours, self.git_listing(repo, env))
        self.assertIn("tracked_ignored.c", ours)
        self.assertNotIn("b.global.c", ours)
        self.assertNotIn("docs/local.c", ours)
        self.assertIn("src/gen/keep_me.c", ours)

    def test_subdirectory_root(self):
        repo, env = self.make_repo()
        doc, _ = scan_json(repo / "src", env=env)
        self.assertEqual({k.decode() for k in files_by_path(doc)}, self.git_listing(repo, env, "src"))

    def test_no_ignore_counts_everything(self):
        repo, env = self.make_repo()
        doc, _ = scan_json(repo, "--no-ignore", env=env)
        ours = {k.decode() for k in files_by_path(doc)}
        self.assertIn("build/out.c", ours)
        self.assertIn("nested/n.c", ours)

    def test_outside_a_work_tree_gitignore_is_not_applied(self):
        self.write("tree/.gitignore", "*\n")
        self.write("tree/a.c", "int a;\n")
        doc, _ = scan_json(self.dir / "tree", env={"GIT_CEILING_DIRECTORIES": str(self.dir)})
        self.assertEqual(doc["totals"]["files"], 1)

    def test_broken_repository_warns_and_scans_on(self):
        self.write("broken/a.c", "int a;\n")
        (self.dir / "broken" / ".git").mkdir()
        (self.dir / "broken" / ".git" / "HEAD").write_text("garbage\n")
        (self.dir / "broken" / ".git" / "objects").mkdir()
        (self.dir / "broken" / ".git" / "refs").mkdir()
        (self.dir / "broken" / ".git" / "config").write_text("[core\nbroken")
        doc, err = scan_json(self.dir / "broken")
        self.assertEqual(doc["totals"]["files"], 1)
        self.assertIn("scanning without .gitignore rules", err)
        self.assertEqual(len(err.strip().splitlines()), 1)


# SARIF validation with format checking, so that every "uri" and
# "uri-reference" is checked: jsonschema needs rfc3987 for that. Debian's
# python3-jsonschema and python3-rfc3987 (scripts/install-deps.sh) belong to
# /usr/bin/python3, which may not be the interpreter running these tests.
_VALIDATE_SARIF = """
import json, sys, jsonschema
from jsonschema import FormatChecker
checker = FormatChecker()
if "uri" not in checker.checkers or "uri-reference" not in checker.checkers:
    sys.exit("jsonschema cannot check URI formats here: install python3-rfc3987")
schema = json.load(open(sys.argv[1]))
validator = jsonschema.validators.validator_for(schema)(schema, format_checker=checker)
errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.load(sys.stdin))]
print("\\n".join(errors))
sys.exit(1 if errors else 0)
"""


def validate_sarif(test, text):
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    p = subprocess.run([python, "-c", _VALIDATE_SARIF, str(SARIF_SCHEMA)], input=text, capture_output=True)
    test.assertEqual(p.returncode, 0, (p.stdout + p.stderr).decode(errors="replace")[:4000])
    doc = json.loads(text)
    # GitHub code scanning's own rules beyond the schema.
    for run in doc["runs"]:
        driver = run["tool"]["driver"]
        self_rules = driver["rules"]
        for r in run["results"]:
            test.assertGreaterEqual(r["locations"][0]["physicalLocation"]["region"]["startLine"], 1)
            test.assertEqual(self_rules[r["ruleIndex"]]["id"], r["ruleId"])
            test.assertRegex(r["partialFingerprints"]["oxidizeFingerprint/v2"], r"^[0-9a-f]{16}$")
        test.assertLessEqual(len(run["results"]), 25000)
        taxa = run["taxonomies"][0]["taxa"]
        for rule in self_rules:
            test.assertTrue(rule["helpUri"].startswith("https://"))
            for rel in rule.get("relationships", []):
                test.assertEqual(taxa[rel["target"]["index"]]["id"], rel["target"]["id"])
    return doc


def hazards_run(path, *extra, fmt="json", **kw):
    p = run("hazards", path, "--format", fmt, "--no-progress", *extra, check_rc=0, **kw)
    if fmt == "json":
        return json.loads(p.stdout), p.stderr.decode("utf-8", errors="replace")
    return p.stdout, p.stderr.decode("utf-8", errors="replace")


GETS_PROGRAM = "#include <stdio.h>\nint main(void) {\n  char buf[8];\n  gets(buf);\n  return 0;\n}\n"


class HazardsUsage(Scratch):
    """Needs no detector: options, config errors, output shape without findings."""

    def assert_one_line_error(self, p, contains=""):
        self.assertEqual(p.returncode, 2, p.stderr)
        lines = p.stderr.decode().strip().splitlines()
        self.assertEqual(len(lines), 1, lines)
        self.assertTrue(lines[0].startswith("oxidize: error: "), lines[0])
        self.assertIn(contains, lines[0])

    def test_bad_options_exit_2_with_one_line(self):
        self.write("a.c", "int x;\n")
        self.assert_one_line_error(run("hazards", self.dir, "--rules", "OXI-C0001,OXI-Z9"), "unknown rule 'OXI-Z9'")
        self.assert_one_line_error(run("hazards", self.dir, "--exclude-rules", "nope"), "unknown rule 'NOPE'")
        self.assert_one_line_error(run("hazards", self.dir, "--min-severity", "huge"), "--min-severity")
        self.assert_one_line_error(run("hazards", self.dir, "--min-confidence", "certain"), "--min-confidence")
        self.assert_one_line_error(run("hazards", self.dir, "--format", "xml"))
        self.assert_one_line_error(run("hazards", self.dir, "--baseline", self.dir / "missing.json"), "missing.json")
        self.write("not.json", "{not json")
        self.assert_one_line_error(run("hazards", self.dir, "--baseline", self.dir / "not.json"), "not JSON")
        self.write("other.json", '{"files": []}')
        self.assert_one_line_error(run("hazards", self.dir, "--baseline", self.dir / "other.json"), "neither")
        self.assert_one_line_error(run("hazards", self.dir, "--config", self.dir / "missing.toml"), "missing.toml")

    def test_malformed_config_exits_2_naming_file_and_line(self):
        self.write("a.c", "int x;\n")
        self.write("oxidize.toml", "[hazards]\nexclude = [\"tests/**\"\nrules_doc_uri = 3\n")
        for command in ("hazards", "scan"):
            self.assert_one_line_error(run(command, self.dir), "oxidize.toml:")
        self.write("oxidize.toml", "[hazards]\nexclude = \"tests/**\"\n")
        self.assert_one_line_error(run("hazards", self.dir), "oxidize.toml:2: hazards.exclude must be an array")
        self.write("oxidize.toml", "[hazards]\nexclude = [\"[tests\"]\n")
        self.assert_one_line_error(run("hazards", self.dir), "unclosed '['")

    def test_unknown_config_keys_warn_and_run_on(self):
        self.write("a.c", "int x;\n")
        self.write("oxidize.toml", "[hazards]\nexlude = []\n")
        doc, err = hazards_run(self.dir)
        self.assertEqual(doc["findings"], [])
        self.assertEqual(err.strip(), "oxidize: warning: " + str(self.dir / "oxidize.toml") +
                         ":2: unknown key hazards.exlude (ignored)")

    def test_rule_prefixes_and_list(self):
        p = run("hazards", "--list-rules", "--rules", "oxi-r", "--exclude-rules", "OXI-R0001", check_rc=0)
        ids = [line.split()[0] for line in p.stdout.decode().splitlines()[1:]]
        self.assertTrue(ids and all(i.startswith("OXI-R") for i in ids), ids)
        self.assertNotIn("OXI-R0001", ids)
        p = run("hazards", "--help", check_rc=0)
        self.assertIn("Examples:", p.stdout.decode())
        self.assertIn("--baseline", p.stdout.decode())

    def test_empty_outputs_are_well_formed(self):
        self.write("a.c", "int x;\n")
        doc, err = hazards_run(self.dir)
        self.assertEqual((doc["schema_version"], doc["command"], doc["findings"]), (1, "hazards", []))
        self.assertEqual(doc["summary"]["findings"], 0)
        self.assertEqual(err, "")
        out, _ = hazards_run(self.dir, fmt="csv")
        self.assertEqual(out.decode().splitlines(), [
            "path,line,column,function,rule,cwe,severity,confidence,message,snippet,fingerprint,suppressed,"
            "suppression_reason"])
        out, _ = hazards_run(self.dir, fmt="table")
        self.assertIn("Hazards: no findings", out.decode())
        out, _ = hazards_run(self.dir, fmt="sarif")
        doc = validate_sarif(self, out)
        run0 = doc["runs"][0]
        self.assertEqual(run0["originalUriBaseIds"]["%SRCROOT%"]["uri"], self.dir.as_uri() + "/")
        self.assertTrue(run0["tool"]["driver"]["rules"])
        # The rules doc URI from oxidize.toml, and only the selected rules.
        self.write("oxidize.toml", '[hazards]\nrules_doc_uri = "https://docs.example.org/oxidize rules.html"\n')
        self.assert_one_line_error(run("hazards", self.dir), "rules_doc_uri")
        self.write("oxidize.toml", '[hazards]\nrules_doc_uri = "https://docs.example.org/oxidize/rules.html"\n')
        out, _ = hazards_run(self.dir, "--rules", "OXI-C0004", fmt="sarif")
        rules = validate_sarif(self, out)["runs"][0]["tool"]["driver"]["rules"]
        self.assertEqual([r["id"] for r in rules], ["OXI-C0004"])
        self.assertEqual(rules[0]["helpUri"], "https://docs.example.org/oxidize/rules.html#oxi-c0004")

    def test_scan_no_hazards(self):
        self.write("a.c", "int x;\n")
        doc, _ = scan_json(self.dir)
        self.assertEqual(doc["totals"]["hazards"],
                         {"findings": 0, "critical": 0, "high": 0, "medium": 0, "low": 0, "suppressed": 0,
                          "inventory": {}})
        doc, _ = scan_json(self.dir, "--no-hazards")
        self.assertNotIn("hazards", doc["totals"])
        self.assertNotIn("hazards", doc["files"][0])
        p = run("scan", self.dir, "--format", "csv", "--no-hazards", check_rc=0)
        self.assertEqual(p.stdout.decode().splitlines()[1], "c,1,1,0,0,1,7,0,0,0.00,")
        p = run("scan", self.dir, "--no-hazards", check_rc=0)
        self.assertNotIn("Hazards", p.stdout.decode())


class HazardsRustUnsafe(Scratch):
    """Rust's unsafe inventory per crate and per file, as cargo-geiger reports it."""

    def test_counts_per_crate_and_file(self):
        self.write("a/Cargo.toml", '[package]\nname = "a"\n')
        self.write("a/src/lib.rs",
                   "static mut X: u32 = 0;\n"
                   "unsafe fn f(p: *const u8) -> u8 { *p }\n"
                   "fn g() { unsafe { X += 1; } }\n"
                   'extern "C" { fn puts(s: *const u8); }\n')
        self.write("b/Cargo.toml", '[package]\nname = "b"\n')
        self.write("b/src/main.rs", "fn main() { let x: u32 = unsafe { std::mem::transmute(1.0f32) }; }\n")
        self.write("b/src/safe.rs", "pub fn nothing() {}\n")
        self.write("loose.rs", "unsafe impl Send for S {}\n")
        doc, _ = hazards_run(self.dir)
        crates = {c["crate"]: c for c in doc["rust_unsafe"]["crates"]}
        self.assertEqual(sorted(crates), ["(no Cargo.toml)", "a", "b"])
        a = crates["a"]
        self.assertEqual((a["files"], a["files_with_unsafe"]), (1, 1))
        self.assertEqual((a["unsafe_fns"], a["unsafe_blocks"], a["static_muts"], a["raw_derefs"], a["extern_blocks"]),
                         (1, 1, 1, 1, 1))
        b = crates["b"]
        self.assertEqual((b["files"], b["files_with_unsafe"], b["transmutes"], b["unsafe_blocks"]), (2, 1, 1, 1))
        self.assertEqual(crates["(no Cargo.toml)"]["unsafe_impls"], 1)
        files = {f["path"]: f["total"] for f in doc["rust_unsafe"]["files"]}
        self.assertEqual(files, {"a/src/lib.rs": 5, "b/src/main.rs": 2, "loose.rs": 1})
        table = run("hazards", self.dir, "--no-progress").stdout.decode()
        self.assertIn("Rust unsafe by crate:", table)
        self.assertRegex(table, r"\n  a +1/1 +1 +1 +0 +0 +1 +1 +0 +1\n")


class Hazards(Scratch):
    """End to end with the detectors: gets() and strcpy() are found by OXI-C0004 and OXI-C0001."""

    def test_findings_in_every_format_and_exit_code_0(self):
        self.write("a.c", GETS_PROGRAM)
        doc, err = hazards_run(self.dir)
        self.assertEqual(err, "")
        gets = [f for f in doc["findings"] if f["rule"] == "OXI-C0004"]
        self.assertEqual(len(gets), 1, doc["findings"])
        f = gets[0]
        self.assertEqual((f["path"], f["line"], f["column"], f["function"]), ("a.c", 4, 3, "main"))
        self.assertEqual((f["name"], f["cwe"][0], f["severity"]), ("gets", "CWE-242", "critical"))
        self.assertEqual(f["snippet"], "gets(buf);")
        self.assertRegex(f["fingerprint"], r"^[0-9a-f]{16}$")
        self.assertFalse(f["suppressed"])
        self.assertEqual(doc["summary"]["by_rule"]["OXI-C0004"], 1)
        out, _ = hazards_run(self.dir, fmt="csv")
        rows = list(csv.DictReader(io.StringIO(out.decode())))
        row = [r for r in rows if r["rule"] == "OXI-C0004"][0]
        self.assertEqual((row["path"], row["line"], row["cwe"], row["fingerprint"], row["suppressed"]),
                         ("a.c", "4", "CWE-242", f["fingerprint"], "0"))
        out, _ = hazards_run(self.dir, fmt="table")
        table = out.decode()
        self.assertIn("a.c:4:3: critical OXI-C0004 gets (CWE-242) in main:", table)
        self.assertIn("      4 | gets(buf);", table)
        out, _ = hazards_run(self.dir, fmt="sarif")
        sarif = validate_sarif(self, out)
        result = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "OXI-C0004"][0]
        loc = result["locations"][0]
        self.assertEqual(loc["physicalLocation"]["artifactLocation"], {"uri": "a.c", "uriBaseId": "%SRCROOT%"})
        self.assertEqual(loc["physicalLocation"]["region"]["startLine"], 4)
        self.assertEqual(loc["logicalLocations"][0]["name"], "main")
        self.assertEqual(result["partialFingerprints"]["oxidizeFingerprint/v2"], f["fingerprint"])
        self.assertEqual(result["level"], "error")

    def test_filters(self):
        self.write("a.c", "#include <string.h>\n#include <stdio.h>\n"
                          "void copy(char *dst, const char *src) {\n  strcpy(dst, src);\n}\n"
                          "int main(void) {\n  char buf[8];\n  gets(buf);\n  return 0;\n}\n")
        doc, _ = hazards_run(self.dir, "--min-severity", "critical")
        self.assertEqual({f["rule"] for f in doc["findings"]}, {"OXI-C0004"})
        self.assertGreaterEqual(doc["summary"]["not_selected"]["below_min_severity"], 1)
        doc, _ = hazards_run(self.dir, "--rules", "OXI-C0001")
        self.assertEqual({f["rule"] for f in doc["findings"]}, {"OXI-C0001"})
        doc, _ = hazards_run(self.dir, "--exclude-rules", "OXI-C0001,OXI-C0004")
        self.assertFalse({f["rule"] for f in doc["findings"]} & {"OXI-C0001", "OXI-C0004"})
        low, _ = hazards_run(self.dir, "--min-confidence", "low")
        high, _ = hazards_run(self.dir, "--min-confidence", "high")
        self.assertGreaterEqual(len(low["findings"]), len(high["findings"]))
        self.assertTrue(all(f["confidence"] == "high" for f in high["findings"]))

    def test_hostile_name_and_line_in_every_format(self):
        name = b'q"uo\\te\x1b[31m\t\r\xff.c'
        line = b'  gets(buf); /* "q" \\ \x1b[2J \t \xff */'
        self.write(name, b"int main(void) {\n  char buf[8];\n" + line + b"\n  return 0;\n}\n")
        doc, err = hazards_run(self.dir)
        self.assertEqual(err, "")
        f = [f for f in doc["findings"] if f["rule"] == "OXI-C0004"][0]
        self.assertEqual(base64.b64decode(f["path_base64"]), name)
        self.assertIn("\ufffd", f["snippet"])
        self.assertIn('"q" \\ \x1b[2J', f["snippet"])
        out, _ = hazards_run(self.dir, fmt="table")
        table = out.decode("utf-8")
        self.assertNotIn("\x1b", table)
        self.assertNotIn("\r", table)
        self.assertIn('q"uo\\\\te\\x1B[31m\\t\\r\\xFF.c:3:', table)
        out, _ = hazards_run(self.dir, fmt="csv")
        rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"), newline="")))
        row = [r for r in rows if r["rule"] == "OXI-C0004"][0]
        self.assertEqual(row["path"], name.decode("utf-8", errors="replace"))
        self.assertEqual(row["snippet"], f["snippet"])
        out, _ = hazards_run(self.dir, fmt="sarif")
        sarif = validate_sarif(self, out)
        result = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "OXI-C0004"][0]
        from urllib.parse import unquote_to_bytes
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        self.assertEqual(unquote_to_bytes(uri), name)

    def test_baseline_shows_only_the_new_finding(self):
        self.write("a.c", GETS_PROGRAM)
        old_json, _ = hazards_run(self.dir, fmt="json")
        old_sarif, _ = hazards_run(self.dir, fmt="sarif")
        self.assertTrue(old_json["findings"])
        (self.dir / "base.json").write_text(json.dumps(old_json))
        (self.dir / "base.sarif").write_bytes(old_sarif)
        # Unrelated lines above move the old finding down; one new flaw below.
        self.write("a.c", "#include <string.h>\n/* a new header comment */\nstatic int unrelated;\n" +
                   GETS_PROGRAM + "void copy(char *dst, const char *src) {\n  strcpy(dst, src);\n}\n")
        for base in ("base.json", "base.sarif"):
            doc, _ = hazards_run(self.dir, "--baseline", self.dir / base)
            self.assertEqual([(f["rule"], f["line"]) for f in doc["findings"]], [("OXI-C0001", 11)], base)
            self.assertEqual(doc["summary"]["baseline_matched"], len(old_json["findings"]))
            self.assertEqual(doc["filters"]["baseline"], str(self.dir / base))
        out, _ = hazards_run(self.dir, "--baseline", self.dir / "base.sarif", fmt="table")
        self.assertIn(f"In the baseline {self.dir / 'base.sarif'}: {len(old_json['findings'])} finding",
                      out.decode())

    def test_suppressions_are_counted_and_listed_on_request(self):
        self.write("a.c", GETS_PROGRAM.replace("gets(buf);", "gets(buf);  // oxidize:ignore[OXI-C0004] input is a pipe we own"))
        doc, _ = hazards_run(self.dir, "--rules", "OXI-C0004")
        self.assertEqual(doc["findings"], [])
        self.assertEqual(doc["summary"]["suppressed"], 1)
        out, _ = hazards_run(self.dir, "--rules", "OXI-C0004", fmt="table")
        self.assertIn("Suppressed in the source: 1 (--show-suppressed lists them)", out.decode())
        doc, _ = hazards_run(self.dir, "--rules", "OXI-C0004", "--show-suppressed")
        self.assertEqual(len(doc["findings"]), 1)
        self.assertTrue(doc["findings"][0]["suppressed"])
        self.assertEqual(doc["findings"][0]["suppression_reason"], "input is a pipe we own")
        self.assertEqual(doc["summary"]["findings"], 0)
        out, _ = hazards_run(self.dir, "--rules", "OXI-C0004", "--show-suppressed", fmt="sarif")
        result = validate_sarif(self, out)["runs"][0]["results"][0]
        self.assertEqual(result["suppressions"], [{"kind": "inSource", "status": "accepted",
                                                   "justification": "input is a pipe we own"}])
        scan_doc, _ = scan_json(self.dir)
        self.assertEqual(scan_doc["totals"]["hazards"]["suppressed"], 1)

    def test_config_excludes_and_scan_counts_agree(self):
        self.write("src/a.c", GETS_PROGRAM)
        self.write("tests/t.c", GETS_PROGRAM)
        self.write("tests/deep/u.c", GETS_PROGRAM)
        self.write("oxidize.toml", '[hazards]\nexclude = ["tests/**"]\n')
        doc, _ = hazards_run(self.dir, "--rules", "OXI-C0004")
        self.assertEqual([f["path"] for f in doc["findings"]], ["src/a.c"])
        self.assertEqual(doc["summary"]["excluded"]["config"], 2)
        # The scan counts what oxidize hazards shows by default, per group and in total.
        full, _ = hazards_run(self.dir)
        scan_doc, _ = scan_json(self.dir, "--by", "dir:1")
        self.assertEqual(scan_doc["totals"]["hazards"]["findings"], full["summary"]["findings"])
        by_dir = {g["directory"]: g["hazards"]["findings"] for g in scan_doc["groups"]}
        self.assertEqual(by_dir["tests"], 0)
        self.assertEqual(by_dir["src"], full["summary"]["findings"])
        p = run("scan", self.dir, check_rc=0)
        self.assertIn(f"Hazards: {full['summary']['findings']} finding", p.stdout.decode())
        # --config elsewhere replaces the default file.
        self.write("other.toml", "[hazards]\nexclude = [\"src\"]\n")
        doc, _ = hazards_run(self.dir, "--rules", "OXI-C0004", "--config", self.dir / "other.toml")
        self.assertEqual([f["path"] for f in doc["findings"]], ["tests/deep/u.c", "tests/t.c"])

    def test_several_roots_one_absolute(self):
        self.write("one/a.c", GETS_PROGRAM)
        self.write("two/b.c", GETS_PROGRAM)
        p = run("hazards", "one", self.dir / "two", "--format", "sarif", "--rules", "OXI-C0004", "--no-progress",
                cwd=self.dir, check_rc=0)
        results = validate_sarif(self, p.stdout)["runs"][0]["results"]
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
        self.assertIn({"uri": "one/a.c", "uriBaseId": "%SRCROOT%"}, uris)
        self.assertIn({"uri": (self.dir / "two" / "b.c").as_uri()}, uris)


if __name__ == "__main__":
    unittest.main()
