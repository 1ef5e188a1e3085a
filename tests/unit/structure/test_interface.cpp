// The interface surface of components and their FFI difficulty, on a small
// tree shaped like curl (a library, its public headers, a tool and tests
// calling into it) analysed the way the scan analyses files.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "../support/analysed_tree.hpp"
#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/structure/call_graph.hpp"
#include "oxidize/structure/component_summary.hpp"
#include "oxidize/structure/components.hpp"
#include "oxidize/structure/include_graph.hpp"
#include "oxidize/structure/interface.hpp"

namespace oxidize::structure {
namespace {

using discover::Language;

model::Snapshot tree(std::vector<std::pair<std::string, std::string>> files) {
  return test::analysed_tree(std::move(files));
}

struct Built {
  model::Snapshot snapshot;
  Components components;
  IncludeGraph includes;
  CallGraph calls;
  std::vector<ComponentInterface> interfaces;

  const ComponentInterface& of(std::string_view name) const {
    for (const auto& ci : interfaces)
      if (components.list[ci.component].name == name) return ci;
    ADD_FAILURE() << "no component " << name;
    return interfaces.front();
  }
  std::string function_name(std::uint32_t id) const {
    const FunctionRef f = calls.function(id);
    return snapshot.files[f.file].facts.functions[f.function].name;
  }
  std::string component_name(std::uint32_t c) const { return components.list[c].name; }
};

Built build(std::vector<std::pair<std::string, std::string>> files) {
  Built b;
  b.snapshot = tree(std::move(files));
  ComponentOptions options;
  options.split_share = 1.0;  // one component per top-level folder
  b.components = assign_components(b.snapshot, {}, options);
  b.includes = resolve_includes(b.snapshot, {});
  b.calls = resolve_calls(b.snapshot, b.includes);
  b.interfaces = describe_interfaces(b.snapshot, b.components, b.includes, b.calls);
  return b;
}

// A library in lib/ with its public header in include/, a tool in src/ and
// a test in tests/ calling it.
Built curl_like() {
  return build({
      {"include/mini/mini.h",
       "#include <stddef.h>\n"
       "typedef size_t (*mini_write_cb)(char *p, size_t n, void *user);\n"
       "union mini_value { long l; double d; };\n"
       "struct mini_flags { unsigned verbose : 1; unsigned secure : 1; };\n"
       "struct mini_point { int x; int y; };\n"
       "extern int mini_debug_level;\n"
       "extern const char *mini_version_text;\n"
       "static inline int mini_ok(int rc) { return rc == 0; }\n"
       "struct mini *mini_open(const char *url);\n"},
      {"lib/mini.c",
       "#include \"mini/mini.h\"\n"
       "#include <errno.h>\n"
       "static int helper(int x) { return x; }\n"
       "struct mini *mini_open(const char *url) { return 0; }\n"
       "void mini_close(struct mini *m) { helper(1); }\n"
       "int mini_set_writer(struct mini *m, size_t (*cb)(char *, size_t, void *), void *user) { return 0; }\n"
       "int mini_log(struct mini *m, const char *fmt, ...) { return 0; }\n"
       "int mini_distance(struct mini_point a, struct mini_point b) { return a.x - b.x; }\n"
       "int mini_get(struct mini *m, union mini_value *out) { return 0; }\n"
       "int mini_flags_set(struct mini_flags *f) { return 0; }\n"
       "int mini_read(int fd) { errno = 0; return -1; }\n"
       "int mini_internal(void) { return helper(2); }\n"},
      {"src/tool.c",
       "#include \"mini/mini.h\"\n"
       "int main(void) {\n"
       "  struct mini *m = mini_open(\"x\");\n"
       "  mini_log(m, \"%d\", 1);\n"
       "  mini_log(m, \"%d\", 2);\n"
       "  mini_set_writer(m, 0, 0);\n"
       "  if (!mini_ok(mini_read(0))) return 1;\n"
       "  mini_close(m);\n"
       "  return 0;\n"
       "}\n"},
      {"tests/t1.c",
       "#include \"mini/mini.h\"\n"
       "void test_open(void) { struct mini *m = mini_open(\"y\"); mini_close(m); }\n"
       "void test_values(void) {\n"
       "  struct mini_point a = {0, 0};\n"
       "  mini_distance(a, a);\n"
       "  mini_get(0, 0);\n"
       "  mini_flags_set(0);\n"
       "}\n"},
  });
}

std::vector<std::string> names(const Built& b, const std::vector<InterfaceFunction>& list) {
  std::vector<std::string> out;
  for (const auto& f : list) out.push_back(b.function_name(f.id));
  return out;
}

TEST(Interface, FunctionsOtherComponentsCallWithCountsAndCallers) {
  const Built b = curl_like();
  const ComponentInterface& lib = b.of("lib");
  // Most called first; file order among equals. mini_internal and the
  // static helper are called from lib only.
  EXPECT_EQ(names(b, lib.functions),
            (std::vector<std::string>{"mini_open", "mini_close", "mini_log", "mini_set_writer", "mini_distance",
                                      "mini_get", "mini_flags_set", "mini_read"}));
  const InterfaceFunction& open = lib.functions[0];
  EXPECT_EQ(open.calls, 2u);
  ASSERT_EQ(open.callers.size(), 2u);
  EXPECT_EQ(b.component_name(open.callers[0]), "src");
  EXPECT_EQ(b.component_name(open.callers[1]), "tests");
  EXPECT_EQ(lib.functions[2].calls, 2u);  // mini_log, twice from src
  EXPECT_EQ(lib.c_functions, 8u);
  EXPECT_EQ(lib.calls_in, 2u + 2u + 2u + 1u + 1u + 1u + 1u + 1u);
  EXPECT_TRUE(b.of("src").functions.empty());
}

TEST(Interface, HeaderStaticsExportedHeadersAndGlobals) {
  const Built b = curl_like();
  const ComponentInterface& inc = b.of("include");
  // mini_ok is static inline in the public header: called from src, no symbol.
  EXPECT_EQ(names(b, inc.header_statics), (std::vector<std::string>{"mini_ok"}));
  EXPECT_TRUE(inc.functions.empty());
  ASSERT_EQ(inc.headers.size(), 1u);
  EXPECT_EQ(b.snapshot.files[inc.headers[0].file].path, "include/mini/mini.h");
  EXPECT_EQ(inc.headers[0].includes, 3u);    // lib, src, tests
  EXPECT_EQ(inc.headers[0].components, 3u);
  ASSERT_EQ(inc.globals.size(), 2u);
  EXPECT_EQ(b.snapshot.files[inc.globals[0].file].facts.structure.globals[inc.globals[0].declaration].name,
            "mini_debug_level");
}

TEST(Interface, TraitsAndCrossingRecords) {
  const Built b = curl_like();
  const ComponentInterface& lib = b.of("lib");
  const InterfaceTraits& t = lib.traits;
  EXPECT_EQ(t.callbacks, 1u);        // mini_set_writer
  EXPECT_EQ(t.variadic, 1u);         // mini_log
  EXPECT_EQ(t.struct_by_value, 1u);  // mini_distance
  EXPECT_EQ(t.union_params, 1u);     // mini_get
  EXPECT_EQ(t.returns_pointer, 1u);  // mini_open
  EXPECT_EQ(t.uses_errno, 1u);       // mini_read
  // Pointer parameters: all but mini_distance and mini_read (mini_set_writer's
  // `struct mini *m` besides its callback).
  EXPECT_EQ(t.pointer_params, 6u);
  std::vector<std::string> records;
  for (const auto& r : lib.records) records.push_back(r.name);
  EXPECT_EQ(records, (std::vector<std::string>{"mini", "mini_flags", "mini_point", "mini_value"}));
  const auto find = [&](std::string_view n) -> CrossingRecord {
    for (const auto& r : lib.records)
      if (r.name == n) return r;
    ADD_FAILURE() << "no record " << n;
    return {};
  };
  EXPECT_TRUE(find("mini_value").is_union);
  EXPECT_TRUE(find("mini_flags").has_bitfields);
  EXPECT_FALSE(find("mini_point").has_bitfields);
  EXPECT_EQ(find("mini_point").functions, 1u);
  EXPECT_EQ(find("mini").functions, 5u);
  EXPECT_EQ(find("mini").file, k_no_file);  // never defined: opaque to everyone
  EXPECT_EQ(b.snapshot.files[find("mini_value").file].path, "include/mini/mini.h");
}

TEST(Interface, DifficultyFollowsTheDocumentedFormula) {
  const Built b = curl_like();
  const ComponentInterface& lib = b.of("lib");
  // 8 functions + 6 with pointers + 2 returned pointer + 3 callback + 3
  // variadic + 1 by value + 1 errno + 3 union record + 3 bitfield record.
  EXPECT_EQ(lib.difficulty.points, 8u + 6u + 2u + 3u + 3u + 1u + 1u + 3u + 3u);
  EXPECT_DOUBLE_EQ(lib.difficulty.per_item, 30.0 / 8.0);
  EXPECT_EQ(lib.difficulty.level, FfiClass::medium);
  // include/: one header static (2) and two shared globals (2 each).
  EXPECT_EQ(b.of("include").difficulty.points, 2u + 2u * 2u);
  EXPECT_EQ(b.of("src").difficulty.level, FfiClass::none);
}

TEST(Interface, DifficultyClasses) {
  FfiSurface s;
  EXPECT_EQ(ffi_difficulty(s).level, FfiClass::none);
  s.functions = 29;
  EXPECT_EQ(ffi_difficulty(s).level, FfiClass::low);
  s.functions = 30;
  EXPECT_EQ(ffi_difficulty(s).level, FfiClass::medium);
  s.traits.callbacks = 40;  // 30 + 120
  EXPECT_EQ(ffi_difficulty(s).points, 150u);
  EXPECT_EQ(ffi_difficulty(s).level, FfiClass::high);
  EXPECT_DOUBLE_EQ(ffi_difficulty(s).per_item, 5.0);
}

TEST(Interface, RustExportsAndImports) {
  const Built b = build({
      {"core/src/lib.rs",
       "extern \"C\" { fn inflate(s: *mut u8) -> i32; fn deflate(s: *mut u8) -> i32; }\n"
       "#[no_mangle]\npub extern \"C\" fn rs_parse(p: *const u8) -> i32 { 0 }\n"
       "pub fn plain() {}\n"},
      {"ffi/shim.c", "int rs_parse(const char *p);\nint call(void) { return rs_parse(\"x\"); }\n"},
  });
  const ComponentInterface& core = b.of("core");
  ASSERT_EQ(core.rust_exports.size(), 1u);
  EXPECT_EQ(b.function_name(core.rust_exports[0]), "rs_parse");
  EXPECT_EQ(core.rust_imports.size(), 2u);
  // rs_parse is called from C: an interface function, but not a C one.
  EXPECT_EQ(names(b, core.functions), (std::vector<std::string>{"rs_parse"}));
  EXPECT_EQ(core.c_functions, 0u);
  EXPECT_EQ(core.difficulty.points, 3u);  // one export, two imports
}

TEST(Interface, SummaryRowsCarryTheFigures) {
  const Built b = curl_like();
  auto rows = summarize_components(b.snapshot, b.components, b.includes, b.calls);
  add_interfaces(rows, b.interfaces);
  for (const auto& row : rows) {
    if (b.components.list[row.component].name != "lib") continue;
    EXPECT_EQ(row.interface_functions, 8u);
    EXPECT_EQ(row.ffi.points, 30u);
    EXPECT_EQ(row.crossing_records, 4u);
    EXPECT_EQ(row.interface.union_records, 1u);
  }
}

TEST(RecordsNamed, TagsAndKnownNamesButNotParameterNames) {
  const std::unordered_set<std::string_view> known = {"Pool", "data", "buffer"};
  const auto r = records_named("int use(struct Curl_easy *data, union v u, Pool *p, const buffer b, int buffer)", "use",
                               known);
  std::vector<std::string> got;
  for (const auto& n : r) got.push_back(n.name + (n.is_union ? "(union)" : ""));
  EXPECT_EQ(got, (std::vector<std::string>{"Curl_easy", "v(union)", "Pool", "buffer"}));
  EXPECT_TRUE(records_named("Pool make_pool(void)", "make_pool", {"make_pool"}).empty());
}

}  // namespace
}  // namespace oxidize::structure
