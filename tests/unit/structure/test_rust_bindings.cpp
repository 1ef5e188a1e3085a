// `oxidize ffi`'s Rust: names and comment text made safe, C types spelled
// in Rust (builtins, fixed-width and system types, pointers and their const,
// function pointers, typedefs, records mirrored or opaque), and a whole
// component's declarations with their notes on what is hard.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "oxidize/structure/c_header_types.hpp"
#include "oxidize/structure/rust_bindings.hpp"
#include "oxidize/structure/rust_names.hpp"
#include "oxidize/structure/rust_types.hpp"

namespace oxidize::structure {
namespace {

TEST(RustNames, KeywordsRawInvalidRefused) {
  EXPECT_EQ(rust_identifier("deflate"), "deflate");
  EXPECT_EQ(rust_identifier("type"), "r#type");
  EXPECT_EQ(rust_identifier("match"), "r#match");
  EXPECT_EQ(rust_identifier("self"), "self_");
  EXPECT_EQ(rust_identifier("crate"), "crate_");
  EXPECT_FALSE(rust_identifier("a$b").has_value());
  EXPECT_FALSE(rust_identifier("\xc3\xa9t\xc3\xa9").has_value());
  EXPECT_FALSE(rust_identifier("9lives").has_value());
  EXPECT_FALSE(rust_identifier("").has_value());
  EXPECT_TRUE(renamed_identifier("self", "self_"));
  EXPECT_FALSE(renamed_identifier("type", "r#type"));
}

TEST(RustNames, CommentTextCannotEscapeTheComment) {
  EXPECT_EQ(rust_comment_text("plain text */ // ok"), "plain text */ // ok");
  EXPECT_EQ(rust_comment_text("a\nb\r"), "a\\x0Ab\\x0D");
  EXPECT_EQ(rust_comment_text("caf\xc3\xa9"), "caf\\u{E9}");
  EXPECT_EQ(rust_comment_text("\xe2\x80\xae"), "\\u{202E}");  // a bidi override
  EXPECT_EQ(rust_comment_text("bad \xff\xc3"), "bad \\xFF\\xC3");
}

CHeaderTypes types_of(const std::string& header) {
  const std::vector<HeaderText> headers = {{"mini.h", header}};
  return read_header_types(headers);
}

std::string spell(RustTypes& types, std::string_view declaration, const CHeaderTypes& headers,
                  RustTypes::Use use = RustTypes::Use::value) {
  const auto decl = parse_c_declaration(c_tokens(declaration), headers.typedef_names);
  if (!decl || decl->declarators.empty()) return "unparsed";
  std::string why;
  const auto s = types.spell(decl->declarators[0].type, use, why);
  return s ? *s : "refused: " + why;
}

const std::string k_mini_header =
    "typedef size_t (*mini_write_cb)(char *p, size_t n, void *user);\n"
    "typedef int mini_handler(int);\n"
    "typedef enum { MINI_OK, MINI_FAIL } minicode;\n"
    "typedef struct mini_point { int x; int y; char name[16]; } mini_point;\n"
    "struct mini_flags { unsigned verbose : 1; };\n"
    "union mini_value { long l; double d; struct mini_point p; };\n"
    "typedef void MINI;\n"
    "typedef struct Curl_URL CURLU;\n"
    "struct lock_head {};\n"
    "typedef struct mini_point point_table_t[];\n";

TEST(RustTypes, BuiltinsPointersAndSystemTypes) {
  const CHeaderTypes h = types_of(k_mini_header);
  RustTypes t(h);
  EXPECT_EQ(spell(t, "int x", h), "c_int");
  EXPECT_EQ(spell(t, "unsigned long x", h), "c_ulong");
  EXPECT_EQ(spell(t, "const char *x", h), "*const c_char");
  EXPECT_EQ(spell(t, "char **x", h), "*mut *mut c_char");
  EXPECT_EQ(spell(t, "const char *const *x", h), "*const *const c_char");
  EXPECT_EQ(spell(t, "char *const x", h), "*mut c_char");  // the pointer's own const is not Rust's business
  EXPECT_EQ(spell(t, "void *x", h), "*mut c_void");
  EXPECT_EQ(spell(t, "const void *x", h), "*const c_void");
  EXPECT_EQ(spell(t, "size_t x", h), "usize");
  EXPECT_EQ(spell(t, "uint32_t x", h), "u32");
  EXPECT_EQ(spell(t, "_Bool x", h), "bool");
  EXPECT_EQ(spell(t, "enum color x", h), "c_int");
  EXPECT_EQ(spell(t, "long double x", h), "refused: `long double` has no Rust type");
  EXPECT_EQ(spell(t, "va_list ap", h), "refused: a va_list: Rust has no stable type for it");
  EXPECT_EQ(spell(t, "void x", h, RustTypes::Use::result), "()");
  EXPECT_TRUE(t.uses_c_void());
  EXPECT_TRUE(t.raw_names().contains("c_int"));
}

TEST(RustTypes, FunctionPointersTypedefsAndRecords) {
  const CHeaderTypes h = types_of(k_mini_header);
  RustTypes t(h);
  EXPECT_EQ(spell(t, "int (*cb)(const char *, ...)", h), "Option<unsafe extern \"C\" fn(*const c_char, ...) -> c_int>");
  EXPECT_EQ(spell(t, "void (*done)(void)", h), "Option<unsafe extern \"C\" fn()>");
  EXPECT_EQ(spell(t, "mini_write_cb cb", h), "mini_write_cb");
  EXPECT_EQ(spell(t, "mini_handler *h", h), "Option<unsafe extern \"C\" fn(c_int) -> c_int>");
  EXPECT_EQ(spell(t, "minicode rc", h), "minicode");
  EXPECT_EQ(spell(t, "mini_point p", h), "mini_point");
  EXPECT_EQ(spell(t, "union mini_value v", h), "mini_value");
  EXPECT_EQ(spell(t, "MINI *m", h), "*mut MINI");
  EXPECT_EQ(spell(t, "CURLU *u", h), "*mut CURLU");
  EXPECT_EQ(spell(t, "struct mini_flags *f", h), "*mut mini_flags");
  EXPECT_EQ(spell(t, "struct mini_flags f", h),
            "refused: `struct mini_flags` is opaque here and cannot be passed by value");
  EXPECT_EQ(spell(t, "struct elsewhere e", h),
            "refused: `struct elsewhere` is opaque here and cannot be passed by value");
  EXPECT_EQ(spell(t, "FILE *out", h), "*mut FILE");
  EXPECT_EQ(spell(t, "struct lock_head *l", h), "*mut lock_head");  // empty: opaque, not a zero-field struct
  EXPECT_EQ(spell(t, "struct lock_head l", h),
            "refused: `struct lock_head` is opaque here and cannot be passed by value");
  EXPECT_EQ(spell(t, "curl_off_t size", h),
            "refused: `curl_off_t` is not defined in the headers read (a system header, or a macro): its size is "
            "unknown");

  std::string all;
  for (const auto& item : t.items()) all += item + "\n";
  EXPECT_NE(all.find("pub type mini_write_cb = Option<unsafe extern \"C\" fn(*mut c_char, usize, *mut c_void) -> usize>;"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("/// A C enum, passed as an int; its constants are not generated.\npub type minicode = c_int;"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("#[repr(C)]\n#[derive(Clone, Copy)]\npub struct mini_point {\n    pub x: c_int,\n    pub y: c_int,\n"
                     "    pub name: [c_char; 16],\n}\n"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("pub union mini_value {\n    pub l: c_long,\n    pub d: c_double,\n    pub p: mini_point,\n}"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("/// Hard: bitfields."), std::string::npos) << all;
  EXPECT_NE(all.find("pub struct mini_flags {\n    _private: [u8; 0],"), std::string::npos) << all;
  EXPECT_NE(all.find("pub type MINI = c_void;"), std::string::npos) << all;
  // `typedef struct mini_point mini_point;` is one item, not an alias of itself.
  EXPECT_EQ(all.find("pub type mini_point"), std::string::npos) << all;
  EXPECT_NE(all.find("pub type CURLU = Curl_URL;"), std::string::npos) << all;
  EXPECT_NE(all.find("pub struct Curl_URL {\n    _private"), std::string::npos) << all;
}

TEST(RustTypes, NamesTheGeneratorUsesAreNotShadowed) {
  const CHeaderTypes h = types_of("typedef int c_int;\ntypedef struct Option { int x; } Option;\ntypedef int type;\n");
  RustTypes t(h);
  EXPECT_EQ(spell(t, "c_int a", h), "c_int_");
  EXPECT_EQ(spell(t, "struct Option *o", h), "*mut Option_");
  EXPECT_EQ(spell(t, "type x", h), "r#type");
}

BindingFunction fn(std::string name, std::string signature, std::uint16_t traits, std::uint64_t calls = 1) {
  BindingFunction f;
  f.name = std::move(name);
  f.signature = std::move(signature);
  f.file = "lib/mini.c";
  f.line = 10;
  f.traits = traits;
  f.calls = calls;
  f.callers = {"src", "tests"};
  return f;
}

TEST(RustBindings, AComponentsDeclarationsWithWhatIsHard) {
  const std::string header = k_mini_header +
                             "extern int mini_debug;\n"
                             "extern const char *const mini_names[];\n";
  const CHeaderTypes h = types_of(header);
  BindingInput in;
  in.component = "lib";
  in.source = "/src/mini";
  in.functions = {
      fn("mini_open", "struct mini *mini_open(const char *url)", parse::k_returns_pointer | parse::k_pointer_param, 4),
      fn("mini_set_writer", "int mini_set_writer(struct mini *m, mini_write_cb cb, void *user)",
         parse::k_pointer_param),
      fn("mini_log", "int mini_log(struct mini *m, const char *fmt, ...)", parse::k_variadic | parse::k_pointer_param),
      fn("mini_vlog", "int mini_vlog(struct mini *m, const char *fmt, va_list ap)", parse::k_pointer_param),
      fn("mini_distance", "int mini_distance(mini_point a, mini_point b)", 0),
      fn("mini_read", "ssize_t mini_read(int fd, void *buf, size_t n)", parse::k_uses_errno | parse::k_pointer_param),
      fn("match", "int match(int type, int self)", 0),
      fn("knr_put", "int knr_put(c, n) char c; int n;", 0),
      fn("knr_len", "int knr_len(n) int n;", 0),
      fn("mini_sort", "void mini_sort(point_table_t table, mini_handler cmp)", parse::k_pointer_param),
      fn("Pool::get", "Item *Pool::get(int i)", 0),
  };
  in.functions.back().cpp = true;
  in.header_statics = {fn("mini_ok", "", parse::k_internal_linkage)};
  in.globals = {{"mini_debug", "include/mini.h", 3}, {"mini_names", "include/mini.h", 4}, {"mini_gone", "x.h", 1}};
  const Bindings b = rust_bindings(in, h, 1, "");
  const std::string& r = b.text;
  EXPECT_EQ(b.functions_declared, 9u);
  // Array and function typedefs as parameters decay to pointers, as in C.
  EXPECT_NE(r.find("    pub fn mini_sort(table: *mut mini_point, cmp: Option<unsafe extern \"C\" fn(c_int) -> c_int>);"),
            std::string::npos)
      << r;
  EXPECT_EQ(b.not_declared, 4u);  // mini_vlog, Pool::get, mini_ok, mini_gone
  EXPECT_EQ(b.globals, 2u);
  EXPECT_NE(r.find("#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code, unused_imports)]"), std::string::npos);
  EXPECT_NE(r.find("    pub fn mini_open(url: *const c_char) -> *mut mini;\n"), std::string::npos) << r;
  EXPECT_NE(r.find("    /// `mini_open` (lib/mini.c:10): 4 calls from 2 components (src, tests).\n"
                   "    /// C: struct mini *mini_open(const char *url)\n"
                   "    /// Hard: returns `*mut mini`: whether the caller frees it"),
            std::string::npos)
      << r;
  EXPECT_NE(r.find("    pub fn mini_log(m: *mut mini, fmt: *const c_char, ...) -> c_int;"), std::string::npos) << r;
  EXPECT_NE(r.find("/// Hard: variadic"), std::string::npos);
  EXPECT_NE(r.find("/// Hard: takes a callback"), std::string::npos);  // through the mini_write_cb typedef
  EXPECT_NE(r.find("    pub fn mini_distance(a: mini_point, b: mini_point) -> c_int;"), std::string::npos) << r;
  EXPECT_NE(r.find("/// Hard: passes `struct mini_point` by value"), std::string::npos) << r;
  EXPECT_NE(r.find("/// Hard: reports errors through errno"), std::string::npos);
  EXPECT_NE(r.find("    pub fn r#match(r#type: c_int, self_: c_int) -> c_int;"), std::string::npos) << r;
  EXPECT_NE(r.find("    pub static mut mini_debug: c_int;"), std::string::npos) << r;
  // K&R: only narrow parameters make it worth a note.
  EXPECT_NE(r.find("C: int knr_put(c, n) char c; int n;\n    /// Hard: a K&R definition with char, short or float"),
            std::string::npos)
      << r;
  EXPECT_NE(r.find("C: int knr_len(n) int n;\n    pub fn knr_len(n: c_int) -> c_int;"), std::string::npos) << r;
  EXPECT_NE(r.find("    pub static mini_names: [*const c_char; 0];"), std::string::npos) << r;
  EXPECT_NE(r.find("// - `mini_vlog` (lib/mini.c:10): parameter 3: a va_list"), std::string::npos) << r;
  EXPECT_NE(r.find("// - `Pool::get` (lib/mini.c:10): a C++ signature"), std::string::npos) << r;
  EXPECT_NE(r.find("// - `mini_ok` (lib/mini.c:10): a static function of a header"), std::string::npos) << r;
  EXPECT_NE(r.find("// - `mini_gone` (x.h:1): a shared global whose declaration could not be read"), std::string::npos);
  // Sorted by name, and the same every time.
  EXPECT_LT(r.find("pub fn mini_distance"), r.find("pub fn mini_log"));
  EXPECT_EQ(rust_bindings(in, h, 1, "").text, r);
}

TEST(RustBindings, HostileNamesNeverReachTheSourceRaw) {
  const CHeaderTypes h = types_of("");
  BindingInput in;
  in.component = "lib\n#![deny(warnings)]";
  in.source = "/tmp/\xff\xfe";
  in.functions = {fn("we$ird", "int we$ird(int a)", 0), fn("ok", "int ok(int a)", 0)};
  in.functions[1].file = "lib/\n*/ fn evil() {}\xe2\x80\xae.c";
  const std::string r = rust_bindings(in, h, 0, "no headers\n").text;
  EXPECT_EQ(r.find("\n#![deny"), std::string::npos) << r;
  EXPECT_EQ(r.find("\n*/ fn evil"), std::string::npos) << r;
  EXPECT_EQ(r.find('\xff'), std::string::npos);
  EXPECT_EQ(r.find("\xe2\x80\xae"), std::string::npos);
  EXPECT_NE(r.find("`we$ird` (lib/mini.c:10): its name is not a Rust identifier"), std::string::npos) << r;
  EXPECT_NE(r.find("pub fn ok(a: c_int) -> c_int;"), std::string::npos) << r;
}

}  // namespace
}  // namespace oxidize::structure
