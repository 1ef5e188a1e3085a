"""Black-box tests of `oxidize components` and `oxidize deps`: components by
folder, by oxidize.toml and by Cargo workspace; the include and call
resolution counts; compilation databases good and bad; external libraries
from includes and build files; the errors a user meets first.

Run by ctest with OXIDIZE_BIN and OXIDIZE_SOURCE_DIR set, like test_cli.py.
"""
import csv
import io
import json
import unittest

from test_cli import Scratch, run


def components(path, *extra, check_rc=0):
    p = run("components", path, "--format", "json", "--no-progress", *extra, check_rc=check_rc)
    return (json.loads(p.stdout) if p.returncode == 0 else None), p.stderr.decode("utf-8", errors="replace")


class Components(Scratch):
    def tree(self):
        body = "".join(f"int lib_f{i}(int x) {{ return x + {i}; }}\n" for i in range(60))
        self.write("include/api/api.h", "int lib_f1(int x);\nint tls_open(void);\n")
        self.write("lib/core.c", '#include <api/api.h>\n#include "vtls/vtls.h"\n' + body +
                   "int core(void) { return tls_open() + lib_f1(2); }\n")
        self.write("lib/vtls/vtls.h", "int tls_open(void);\n")
        self.write("lib/vtls/openssl.c", '#include "vtls.h"\n#include <openssl/ssl.h>\n' + body.replace("lib_f", "tls_f") +
                   "int tls_open(void) { return SSL_library_init(); }\n")
        self.write("lib/vauth/auth.c", body.replace("lib_f", "auth_f"))
        self.write("src/tool.c", '#include <api/api.h>\n#include <stdio.h>\n'
                   'int main(void) { printf("x"); return lib_f1(1); }\n')

    def test_folders_split_where_one_holds_most_code(self):
        self.tree()
        doc, _ = components(self.dir)
        by_name = {c["name"]: c for c in doc["components"]}
        self.assertEqual(set(by_name), {"include", "lib", "lib/vtls", "lib/vauth", "src"})
        self.assertEqual(by_name["lib/vtls"]["rule"], "folder")
        self.assertEqual(by_name["lib/vtls"]["functions"], 61)
        # tool.c -> lib_f1 (lib), core -> tls_open (lib/vtls): resolved and crossing.
        self.assertEqual(by_name["lib"]["calls_in"], 1)
        self.assertEqual(by_name["lib/vtls"]["calls_in"], 1)
        self.assertEqual(by_name["src"]["calls_out"], 1)
        self.assertEqual(by_name["include"]["includes_in"], 2)
        self.assertEqual(doc["includes"]["system"], 2)  # stdio.h, openssl/ssl.h
        self.assertEqual(doc["includes"]["relative"] + doc["includes"]["include-root"], 4)
        self.assertEqual(doc["calls"]["external"], 2)  # printf, SSL_library_init

    def test_declared_components_come_first(self):
        self.tree()
        self.write("oxidize.toml", '[components]\ntls = ["lib/vtls/**", "lib/vauth/**"]\ncli = "src/**"\n')
        doc, _ = components(self.dir, "--sort", "name")
        names = [c["name"] for c in doc["components"]]
        self.assertEqual(names[:2], ["tls", "cli"])
        self.assertEqual(doc["components"][0]["rule"], "declared")
        self.assertEqual(doc["components"][0]["files"], 3)  # vtls.h, openssl.c, auth.c

    def test_bad_components_config_is_one_line(self):
        self.tree()
        self.write("oxidize.toml", "[components]\ntls = 3\n")
        p = run("components", self.dir, "--no-progress", check_rc=2)
        self.assertIn("components.tls must be a glob or an array of globs", p.stderr.decode())
        self.assertEqual(len(p.stderr.decode().strip().splitlines()), 1)

    def test_cargo_workspace_members_are_components(self):
        self.write("Cargo.toml", '[workspace]\nmembers = ["crates/*"]\n')
        self.write("crates/core/src/lib.rs", "pub unsafe fn raw() {}\npub fn safe() { unsafe { raw() } }\nfn plain() {}\n")
        self.write("crates/cli/src/main.rs", "fn main() { core::safe(); }\n")
        doc, _ = components(self.dir)
        by_name = {c["name"]: c for c in doc["components"]}
        self.assertEqual(by_name["crates/core"]["rule"], "cargo-member")
        self.assertAlmostEqual(by_name["crates/core"]["unsafe_rust_share"], 2 / 3)

    def test_compile_commands_decide_and_a_broken_one_is_a_warning(self):
        self.write("src/main.c", '#include "config.h"\nint main(void) { return 0; }\n')
        self.write("gen/a/config.h", "\n")
        self.write("gen/b/config.h", "\n")
        self.write("compile_commands.json", json.dumps([
            {"directory": str(self.dir), "file": "src/main.c", "arguments": ["cc", "-Igen/b", "-c", "src/main.c"]},
            {"directory": str(self.dir), "file": "src/gone.c", "command": "cc -Igen/a -c src/gone.c"}]))
        doc, err = components(self.dir)
        self.assertEqual(doc["includes"]["compile-commands"], 1)
        self.assertIn("names 1 files that are not in the scanned tree", err)
        self.write("compile_commands.json", "{not json")
        doc, err = components(self.dir)
        self.assertEqual(doc["includes"]["ambiguous"], 1)  # two config.h, nothing to choose
        self.assertEqual(err.count("compile_commands.json is not a JSON array"), 1)

    def test_csv_and_table(self):
        self.tree()
        p = run("components", self.dir, "--format", "csv", "--no-progress", check_rc=0)
        table = list(csv.DictReader(io.StringIO(p.stdout.decode())))
        code = [int(r["code"]) for r in table]
        self.assertEqual(code, sorted(code, reverse=True))  # largest first
        self.assertEqual(len(table), 5)
        p = run("components", self.dir, "--no-progress", check_rc=0)
        self.assertIn("project includes resolve", p.stdout.decode())

    def test_names_with_control_characters_are_escaped(self):
        self.write(b"odd\x1b[31m/a.c", "int f(void) { return 0; }\n")
        p = run("components", self.dir, "--no-progress", check_rc=0)
        self.assertNotIn(b"\x1b[31m", p.stdout)
        doc, _ = components(self.dir)
        self.assertEqual(len(doc["components"]), 1)


class Deps(Scratch):
    def test_libraries_from_includes_and_build_files(self):
        self.write("CMakeLists.txt", "find_package(ZLIB REQUIRED)\npkg_check_modules(XML REQUIRED libxml-2.0)\n")
        self.write("lib/inflate.c", "#include <zlib.h>\n#include <stdlib.h>\n#include <libxml/parser.h>\n"
                   "#include <weird/thing.h>\nint f(void) { return 0; }\n")
        p = run("deps", self.dir, "--format", "json", "--no-progress", check_rc=0)
        doc = json.loads(p.stdout)
        ids = {lib["id"] for lib in doc["libraries"]}
        self.assertTrue({"zlib", "libxml2"} <= ids, ids)
        zlib = next(lib for lib in doc["libraries"] if lib["id"] == "zlib")
        self.assertTrue(any("flate2" in r["crate"] or "zlib-rs" in r["crate"] for r in zlib["replacements"]), zlib)
        self.assertIn("weird", {g["group"] for g in doc["unknown_headers"]})
        p = run("deps", self.dir, "--no-progress", check_rc=0)
        self.assertIn("zlib", p.stdout.decode())

    def test_not_a_directory_is_one_line(self):
        p = run("deps", self.dir / "missing", "--no-progress", check_rc=2)
        self.assertEqual(len(p.stderr.decode().strip().splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
