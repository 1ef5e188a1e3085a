"""oxidize ffi and the interface figures of oxidize components, on a fixture
tree shaped like curl (tests/golden/ffi/minicurl: a library with opaque
handles, callbacks, variadic options and logging, a record by value, a union
and bitfields; a tool and unit tests calling it).

The Rust that `oxidize ffi` prints must compile: when rustc is installed
(Debian's rustc, or rustup's in ~/.cargo/bin) each output is compiled as a
library crate; without it those checks say they were skipped.

Run by ctest with OXIDIZE_BIN (the binary) and OXIDIZE_SOURCE_DIR set.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

BIN = os.environ.get("OXIDIZE_BIN", "oxidize")
SOURCE = Path(os.environ.get("OXIDIZE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
FIXTURE = SOURCE / "tests" / "golden" / "ffi" / "minicurl"


def find_rustc():
    found = shutil.which("rustc")
    if found:
        return found
    cargo = Path.home() / ".cargo" / "bin" / "rustc"
    return str(cargo) if cargo.exists() else None


RUSTC = find_rustc()


def run(*args, cwd=None):
    cmd = [BIN, *map(str, args)]
    return subprocess.run(cmd, cwd=cwd, env=dict(os.environ, NO_COLOR="1"), capture_output=True, timeout=600)


def compile_rust(test, source, name):
    """Compiles `source` as a library crate; returns rustc's stderr."""
    if RUSTC is None:
        print(f"\n{test.id()}: rustc is not installed: the Rust was not compiled (skipped)")
        test.skipTest("rustc is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.rs"
        path.write_text(source)
        p = subprocess.run([RUSTC, "--crate-type=lib", "--edition=2021", "--emit=metadata", "-o",
                            str(Path(tmp) / f"lib{name}.rmeta"), str(path)], capture_output=True, timeout=300)
        stderr = p.stderr.decode(errors="replace")
        test.assertEqual(p.returncode, 0, f"rustc refused the output:\n{stderr}\n{source}")
        # A type rustc calls not FFI-safe is a declaration that would pass garbage.
        test.assertNotIn("not FFI-safe", stderr)
        return stderr


class FfiFixture(unittest.TestCase):
    """The fixture copied to a scratch folder (the scan writes .oxidize/ there)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.tree = Path(cls.tmp.name) / "minicurl"
        shutil.copytree(FIXTURE, cls.tree)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def ffi(self, component, *extra, rc=0):
        p = run("ffi", component, self.tree, "--no-progress", *extra)
        self.assertEqual(p.returncode, rc, p.stderr.decode(errors="replace"))
        return p.stdout.decode(), p.stderr.decode(errors="replace")


class Ffi(FfiFixture):
    def test_library_declarations_and_what_is_hard(self):
        out, _ = self.ffi("lib")
        # The functions the tool, the tests and lib/vtls call, each declared.
        for line in [
            "    pub fn mini_easy_init() -> *mut MINI;",
            "    pub fn mini_easy_setopt(handle: *mut MINI, option: MINIoption, ...) -> MINIcode;",
            "    pub fn mini_easy_setwrite(handle: *mut MINI, cb: mini_write_callback, userdata: *mut c_void) -> MINIcode;",
            "    pub fn mini_easy_escape(handle: *mut MINI, string: *const c_char, length: c_int) -> *mut c_char;",
            "    pub fn mini_version_info(age: c_int) -> mini_version;",
            "    pub fn mini_getvalue(handle: *mut MINI, what: c_int, out: *mut mini_value) -> c_int;",
            "    pub fn Mini_infof(data: *mut Mini_easy, fmt: *const c_char, ...);",
        ]:
            self.assertIn(line, out)
        self.assertIn("pub type mini_write_callback = Option<unsafe extern \"C\" fn(*mut c_char, usize, usize, "
                      "*mut c_void) -> usize>;", out)
        self.assertIn("pub type MINIcode = c_int;", out)
        self.assertIn("pub struct mini_version {\n    pub age: c_int,\n    pub version: *const c_char,\n", out)
        self.assertIn("pub union mini_value {", out)
        # Bitfields and #if'd members keep the private handle opaque.
        self.assertIn("/// `struct Mini_easy` (lib/urldata.h:12): opaque, because its fields depend on #if lines.",
                      out)
        self.assertIn("/// `struct mini_tlsflags` (include/mini/mini.h:58): opaque, because it has bitfields.", out)
        # What makes each hard, said on the item.
        self.assertIn("/// Hard: returns `*mut c_char`: whether the caller frees it", out)
        self.assertIn("/// Hard: takes a callback", out)
        self.assertIn("/// Hard: variadic", out)
        self.assertIn("/// Hard: passes `struct mini_version` by value", out)
        self.assertIn("/// Hard: a union crosses", out)
        self.assertIn("/// Hard: reports errors through errno", out)
        compile_rust(self, out, "minicurl_lib")

    def test_vtls_component_and_struct_by_value(self):
        out, _ = self.ffi("lib/vtls")
        self.assertIn("    pub fn Mini_ssl_config_matches(data: ssl_primary_config, needle: ssl_primary_config) -> c_int;",
                      out)
        self.assertIn("#[derive(Clone, Copy)]\npub struct ssl_primary_config {", out)
        self.assertIn("    pub fn Mini_ssl_connect(data: *mut Mini_easy, config: *mut ssl_primary_config) -> c_int;", out)
        compile_rust(self, out, "minicurl_vtls")

    def test_header_statics_are_listed_not_declared(self):
        out, _ = self.ffi("include")
        self.assertIn("// - `mini_ok` (include/mini/mini.h:", out)
        self.assertIn("a static function of a header: there is no symbol to link", out)
        # The public header's globals: a mutable one, and a const array of unknown size.
        self.assertIn("    pub static mut mini_debug_level: c_int;", out)
        self.assertIn("    pub static mini_protocols: [*const c_char; 0];", out)
        compile_rust(self, out, "minicurl_include")

    def test_output_is_the_same_every_run(self):
        first, _ = self.ffi("lib")
        second, _ = self.ffi("lib", "-j", "1")
        self.assertEqual(first, second)

    def test_unknown_component_is_exit_2_with_near_names(self):
        out, err = self.ffi("lib/vtl", rc=2)
        self.assertEqual(out, "")
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertIn("unknown component 'lib/vtl'", lines[0])
        self.assertIn("near: lib/vtls, lib", lines[0])
        _, err = self.ffi("nothing-like-it", rc=2)
        self.assertIn("components: ", err)

    def test_missing_component_argument_is_usage_error(self):
        p = run("ffi")
        self.assertEqual(p.returncode, 2)


class Components(FfiFixture):
    def test_interface_figures_in_json_csv_and_table(self):
        p = run("components", self.tree, "--format", "json", "--no-progress")
        self.assertEqual(p.returncode, 0, p.stderr)
        doc = json.loads(p.stdout)
        rows = {c["name"]: c for c in doc["components"]}
        lib = rows["lib"]
        self.assertGreater(lib["interface"]["functions"], 10)
        self.assertEqual(lib["interface"]["callbacks"], 2)       # setwrite, setprogress
        self.assertGreaterEqual(lib["interface"]["variadic"], 3)  # setopt, mprintf, infof
        self.assertEqual(lib["interface"]["union_records"], 1)
        self.assertEqual(lib["interface"]["bitfield_records"], 2)  # mini_tlsflags, and the private handle
        self.assertIn(lib["ffi"]["class"], ("medium", "high"))
        self.assertEqual(rows["src"]["ffi"]["class"], "none")
        self.assertEqual(rows["include"]["interface"]["header_statics"], 1)

        p = run("components", self.tree, "--format", "csv", "--no-progress", "--sort", "ffi")
        self.assertEqual(p.returncode, 0, p.stderr)
        table = list(csv.DictReader(io.StringIO(p.stdout.decode())))
        self.assertEqual(table[0]["component"], "lib")  # the hardest boundary first
        self.assertEqual(int(table[0]["ffi_points"]), lib["ffi"]["points"])
        self.assertEqual(table[0]["ffi_class"], lib["ffi"]["class"])

        p = run("components", self.tree, "--no-progress")
        self.assertEqual(p.returncode, 0, p.stderr)
        header = p.stdout.decode().splitlines()[0]
        self.assertIn("Iface", header)
        self.assertIn("FFI", header)


class Hostile(unittest.TestCase):
    def test_hostile_names_still_compile(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "lib").mkdir()
            (root / "app").mkdir()
            # Rust keywords as names, a `$` in a name, odd bytes in a path,
            # a comment trying to end the doc comment.
            (root / "lib" / "kw.h").write_text(
                "struct type { int match; int self; };\n"
                "typedef struct type fn;\n"
                "extern int loop;\n")
            (root / "lib" / "kw.c").write_text(
                '#include "kw.h"\n'
                "int loop;\n"
                "int match(struct type *impl, fn *dyn) { return impl->match; }\n"
                "int self(int crate, int super) { return crate + super; }\n"
                "int we$ird(int a) { return a; }\n")
            odd = root / "lib" / "odd\u202e\nname.c"
            odd.write_text("/* */ int plain_name(const char *s /* \n*/) { return 0; }\n")
            (root / "app" / "main.c").write_text(
                '#include "../lib/kw.h"\n'
                "int main(void) { struct type t; loop = 1; return match(&t, 0) + self(1, 2) + we$ird(3) + plain_name(\"x\"); }\n")
            p = run("ffi", "lib", root, "--no-progress")
            self.assertEqual(p.returncode, 0, p.stderr)
            out = p.stdout.decode()
            self.assertIn("pub fn r#match(r#impl: *mut r#type, r#dyn: *mut r#fn) -> c_int;", out)
            self.assertIn('#[link_name = "self"]\n    pub fn self_(', out)
            self.assertNotIn("\u202e", out)
            compile_rust(self, out, "hostile")


if __name__ == "__main__":
    unittest.main()
