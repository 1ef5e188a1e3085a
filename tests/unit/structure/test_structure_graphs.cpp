// Components, include resolution and call resolution on small trees built
// in memory the way the scan builds them (each file analysed with the
// structure extractor on).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "../support/analysed_tree.hpp"
#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/structure/call_graph.hpp"
#include "oxidize/structure/build_include_roots.hpp"
#include "oxidize/structure/compile_database.hpp"
#include "oxidize/structure/component_summary.hpp"
#include "oxidize/structure/components.hpp"
#include "oxidize/structure/include_graph.hpp"

namespace oxidize::structure {
namespace {

using discover::Language;

model::Snapshot tree(std::vector<std::pair<std::string, std::string>> files) {
  return test::analysed_tree(std::move(files));
}

std::uint32_t file_index(const model::Snapshot& s, std::string_view path) {
  for (std::uint32_t i = 0; i < s.files.size(); ++i)
    if (s.files[i].path == path) return i;
  ADD_FAILURE() << path;
  return 0;
}

const IncludeEdge& include_of(const model::Snapshot& s, const IncludeGraph& g, std::string_view from, std::string_view target) {
  for (const auto& e : g.of(file_index(s, from)))
    if (s.files[e.from].facts.structure.includes[e.directive].target == target) return e;
  static const IncludeEdge none;
  ADD_FAILURE() << from << " includes no " << target;
  return none;
}

TEST(Components, TopFoldersSplitWhenOneHoldsMostOfTheCode) {
  std::string big;
  for (int i = 0; i < 200; ++i) big += "int f" + std::to_string(i) + "(void) { return 0; }\n";
  const auto s = tree({{"lib/a.c", big},
                       {"lib/vtls/b.c", big},
                       {"lib/vauth/c.c", big},
                       {"src/tool.c", "int main(void) { return 0; }\n"},
                       {"setup.c", "int x;\n"}});
  const auto c = assign_components(s, {}, {});
  std::vector<std::string> names;
  for (const auto& comp : c.list) names.push_back(comp.name);
  EXPECT_EQ(names, (std::vector<std::string>{"(root)", "lib", "lib/vauth", "lib/vtls", "src"}));
  EXPECT_EQ(c.list[c.of_file[file_index(s, "lib/vtls/b.c")]].name, "lib/vtls");
  EXPECT_EQ(c.list[c.of_file[file_index(s, "lib/a.c")]].name, "lib");
}

TEST(Components, DeclaredFirstThenCargoMembers) {
  const auto s = tree({{"crates/core/src/lib.rs", "pub fn f() {}\n"},
                       {"crates/cli/src/main.rs", "fn main() {}\n"},
                       {"ffi/shim.c", "int g(void) { return 0; }\n"}});
  ComponentOptions options;
  options.declared.push_back({"c-shim", {*config::Glob::compile("ffi/**")}});
  const auto members = cargo_workspace_members("[workspace]\nmembers = [\"crates/*\"]\n",
                                               {"crates", "crates/core", "crates/cli", "crates/core/src", "ffi"});
  ASSERT_TRUE(members.has_value());
  EXPECT_EQ(*members, (std::vector<std::string>{"crates/cli", "crates/core"}));
  options.cargo_members = *members;
  const auto c = assign_components(s, {}, options);
  ASSERT_EQ(c.list.size(), 3u);
  EXPECT_EQ(c.list[0].name, "c-shim");
  EXPECT_EQ(c.list[0].rule, ComponentRule::declared);
  EXPECT_EQ(c.list[c.of_file[file_index(s, "crates/core/src/lib.rs")]].rule, ComponentRule::cargo_member);
  EXPECT_FALSE(cargo_workspace_members("[workspace\n", {}).has_value());  // malformed: an error, not a crash
}

TEST(IncludeGraph, ResolvesLikeACompilerAndSaysHow) {
  const auto s = tree({{"include/curl/curl.h", "int curl_easy_init(void);\n"},
                       {"lib/urldata.h", "#include \"curl_setup.h\"\n"},
                       {"lib/curl_setup.h", "#include \"urldata.h\"\n"},  // a cycle
                       {"lib/url.c", "#include \"urldata.h\"\n#include <curl/curl.h>\n#include <stdio.h>\n"
                                     "#include \"missing_config.h\"\n#include CONFIG\n#include \"vtls/vtls.h\"\n"},
                       {"lib/vtls/vtls.h", "\n"},
                       {"arch/x86/include/asm/io.h", "\n"},
                       {"arch/arm/include/asm/io.h", "\n"},
                       {"drivers/net/e.c", "#include <asm/io.h>\n"},
                       {"arch/x86/kernel/k.c", "#include <asm/io.h>\n"}});
  const auto g = resolve_includes(s, {});
  EXPECT_EQ(include_of(s, g, "lib/url.c", "urldata.h").how, IncludeHow::relative);
  EXPECT_EQ(include_of(s, g, "lib/url.c", "curl/curl.h").how, IncludeHow::include_root);
  EXPECT_EQ(include_of(s, g, "lib/url.c", "curl/curl.h").to, file_index(s, "include/curl/curl.h"));
  EXPECT_EQ(include_of(s, g, "lib/url.c", "stdio.h").how, IncludeHow::system);
  EXPECT_EQ(include_of(s, g, "lib/url.c", "missing_config.h").how, IncludeHow::not_found);
  EXPECT_EQ(include_of(s, g, "lib/url.c", "CONFIG").how, IncludeHow::macro);
  EXPECT_EQ(include_of(s, g, "lib/url.c", "vtls/vtls.h").how, IncludeHow::relative);
  // asm/io.h: the arch nearest the includer, or no edge when none is nearer.
  EXPECT_EQ(include_of(s, g, "arch/x86/kernel/k.c", "asm/io.h").to, file_index(s, "arch/x86/include/asm/io.h"));
  EXPECT_EQ(include_of(s, g, "drivers/net/e.c", "asm/io.h").how, IncludeHow::ambiguous);
}

TEST(IncludeGraph, CompileDatabaseDecidesAndBadOnesAreWarnings) {
  const auto s = tree({{"src/main.c", "#include \"config.h\"\n"},
                       {"gen/a/config.h", "\n"},
                       {"gen/b/config.h", "\n"}});
  const auto db = parse_compile_database(
      R"([{"directory": "/r/build", "file": "../src/main.c", "command": "cc -I../gen/b -iquote /usr/include -c x.c"},
          {"directory": "/r", "file": "gone.c", "arguments": ["cc", "-I", "gen/a", "gone.c"]},
          {"file": 3}])",
      "/r");
  ASSERT_TRUE(db.present);
  EXPECT_EQ(db.files.at("src/main.c").search, (std::vector<std::string>{"gen/b"}));
  EXPECT_EQ(db.warnings.size(), 1u);  // the entry without a directory
  IncludeSettings settings;
  settings.database = &db;
  const auto g = resolve_includes(s, settings);
  EXPECT_EQ(include_of(s, g, "src/main.c", "config.h").how, IncludeHow::compile_commands);
  EXPECT_EQ(include_of(s, g, "src/main.c", "config.h").to, file_index(s, "gen/b/config.h"));
  EXPECT_EQ(g.warnings.size(), 1u);  // gone.c is not in the tree

  const auto broken = parse_compile_database("{not json", "/r");
  EXPECT_FALSE(broken.present);
  EXPECT_EQ(broken.warnings.size(), 1u);
}

TEST(BuildFiles, IncludeFoldersFromMakeCmakeAndMeson) {
  const BuildFiles files = {
      {"lib/Makefile.am", "AM_CPPFLAGS = -I$(top_srcdir)/include -I$(srcdir)/vtls -I$(OPENSSL)/include\n"},
      {"CMakeLists.txt", "include_directories(${CMAKE_CURRENT_SOURCE_DIR}/api)\n"
                         "target_include_directories(curl PRIVATE src/inc ${X}/y)\n"},
      {"sub/meson.build", "inc = include_directories('headers')\n"}};
  EXPECT_EQ(include_roots_from_build_files(files),
            (std::vector<std::string>{"include", "lib/vtls", "api", "src/inc", "sub/headers"}));
}

TEST(CallGraph, ALibraryStandInIsOnlyCalledByThoseWhoSeeIt) {
  const auto s = tree({
      {"src/tool_strdup.c", "char *strdup(const char *s) { return 0; }\n"},
      {"src/tool_strdup.h", "char *strdup(const char *s);\n"},
      {"src/tool.c", "#include \"tool_strdup.h\"\nint main(void) { strdup(\"x\"); return 0; }\n"},
      {"lib/url.c", "#include <string.h>\nint f(void) { strdup(\"y\"); return 0; }\n"},
      {"mm/slab_common.c", "void kfree(const void *p) { }\n"},
      {"include/linux/slab.h", "void kfree(const void *p);\n"},
      {"drivers/net/e.c", "#include <linux/slab.h>\nvoid g(void *p) { kfree(p); }\n"},
  });
  const auto includes = resolve_includes(s, {});
  const auto calls = resolve_calls(s, includes);
  auto first_call = [&](std::string_view path) { return calls.how[calls.call_base[file_index(s, path)]]; };
  EXPECT_EQ(first_call("src/tool.c"), CallHow::unique);    // it includes the stand-in's header
  EXPECT_EQ(first_call("lib/url.c"), CallHow::external);   // it means the C library's strdup
  EXPECT_EQ(first_call("drivers/net/e.c"), CallHow::unique);  // declared in a header it includes
  ASSERT_EQ(s.files[file_index(s, "include/linux/slab.h")].facts.structure.prototypes.size(), 1u);
}

TEST(CallGraph, ResolvesByScopeIncludesAndFolder) {
  const auto s = tree({
      {"lib/list.h", "static inline void list_add(int x) { }\n#define LOCK(l) take(l)\n"},
      {"lib/util.c", "int helper(int x) { return x; }\nstatic int local(void) { return 1; }\n"},
      {"lib/util.h", "int helper(int x);\n"},
      {"net/util.c", "int helper(int x) { return x + 1; }\n"},
      {"lib/main.c", "#include \"util.h\"\n#include \"list.h\"\n"
                     "static int local(void) { return 2; }\n"
                     "int run(struct ops *o) {\n"
                     "  local(); helper(1); list_add(2); LOCK(3); printf(\"x\"); o->go(); return 0;\n}\n"},
      {"other/x.c", "int f(void) { return helper(2); }\n"},
  });
  const auto includes = resolve_includes(s, {});
  const auto calls = resolve_calls(s, includes);
  const std::uint32_t main_c = file_index(s, "lib/main.c");
  std::vector<std::pair<std::string, CallHow>> got;
  for (std::uint32_t k = calls.call_base[main_c]; k < calls.call_base[main_c + 1]; ++k) {
    std::string where = "-";
    if (calls.target[k] != k_no_target) where = s.files[calls.function(calls.target[k]).file].path;
    got.emplace_back(where, calls.how[k]);
  }
  const std::vector<std::pair<std::string, CallHow>> want = {
      {"lib/main.c", CallHow::same_file},  // local(): its own static, not util.c's
      {"lib/util.c", CallHow::narrowed},   // helper: util.h is included, net/util.c is not
      {"lib/list.h", CallHow::included},   // a static inline of an included header
      {"-", CallHow::macro},               {"-", CallHow::external}, {"-", CallHow::indirect}};
  EXPECT_EQ(got, want);
  // other/x.c sees neither helper: two candidates, none preferred.
  const std::uint32_t x = file_index(s, "other/x.c");
  EXPECT_EQ(calls.how[calls.call_base[x]], CallHow::ambiguous);

  const auto components = assign_components(s, {}, {});
  const auto summary = summarize_components(s, components, includes, calls);
  std::uint64_t crossing = 0;
  for (const auto& c : summary) crossing += c.calls_in;
  EXPECT_EQ(crossing, 0u);  // every resolved call stays inside lib/
}

}  // namespace
}  // namespace oxidize::structure
