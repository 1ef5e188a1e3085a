// `[hazards.functions]`: the project's wrappers of C library functions, from
// oxidize.toml to the findings they make possible.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/config/project_config.hpp"
#include "oxidize/hazards/project_functions.hpp"

namespace oxidize::hazards {
namespace {

std::vector<std::string> rules_found(std::string_view source, const ProjectFunctions* project) {
  const auto facts = analyze::analyze_file("wrappers.c", source, discover::Language::c,
                                           {.functions = true, .hazards = true, .project_functions = project});
  std::vector<std::string> out;
  for (const auto& f : facts.hazards)
    if (f.confidence >= Confidence::medium) out.push_back(std::string(rule(f.rule).id));
  return out;
}

bool has(const std::vector<std::string>& v, std::string_view id) { return std::find(v.begin(), v.end(), id) != v.end(); }

TEST(ProjectFunctionsConfig, StringAndTableForms) {
  const auto config = config::parse_project_config(
      "[hazards.functions]\n"
      "ngx_cpymem = \"memcpy\"\n"
      "ngx_pfree = { like = \"free\", args = [1] }\n"
      "xmalloc = { like = \"malloc\", returns_null = false }\n",
      "oxidize.toml");
  ASSERT_TRUE(config.has_value()) << config.error();
  const auto& f = config->hazards.functions;
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].name, "ngx_cpymem");
  EXPECT_EQ(f[0].like, "memcpy");
  EXPECT_TRUE(f[0].args.empty());
  EXPECT_EQ(f[1].like, "free");
  EXPECT_EQ(f[1].args, std::vector<int>{1});
  EXPECT_EQ(f[2].returns_null, std::optional<bool>(false));
  EXPECT_EQ(f[2].where, "oxidize.toml:4");
}

TEST(ProjectFunctionsConfig, MalformedDeclarationsNameTheLine) {
  const auto error = [](const char* text) {
    const auto c = config::parse_project_config(text, "oxidize.toml");
    return c.has_value() ? std::string() : c.error();
  };
  EXPECT_EQ(error("[hazards]\nfunctions = 3\n"),
            "oxidize.toml:2: hazards.functions must be a table ([hazards.functions])");
  EXPECT_EQ(error("[hazards.functions]\nf = 3\n"),
            "oxidize.toml:2: hazards.functions.f must be a library function's name or a table with like = \"...\"");
  EXPECT_EQ(error("[hazards.functions]\nf = { args = [1] }\n"),
            "oxidize.toml:2: hazards.functions.f needs like = \"<C library function>\"");
  EXPECT_EQ(error("[hazards.functions]\nf = { like = \"free\", args = [\"p\"] }\n"),
            "oxidize.toml:2: hazards.functions.f.args must be an array of argument positions (0 to 63)");
  EXPECT_EQ(error("[hazards.functions]\nf = { like = \"free\", args = [-1] }\n"),
            "oxidize.toml:2: hazards.functions.f.args must be an array of argument positions (0 to 63)");
  EXPECT_EQ(error("[hazards.functions]\nf = { like = \"malloc\", returns_null = \"no\" }\n"),
            "oxidize.toml:2: hazards.functions.f.returns_null must be true or false");
  EXPECT_EQ(error("[hazards.functions]\nf = { like = \"free\", arg = [1] }\n"),
            "oxidize.toml:2: hazards.functions.f: unknown key arg (like, args, returns_null)");
}

TEST(ProjectFunctions, UnknownLibraryFunctionsAndMisplacedFlagsAreErrors) {
  ProjectFunctions p;
  const auto unknown = p.add("my_copy", "memcopy", {}, std::nullopt);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().find("'memcopy'"), std::string::npos);
  const auto misplaced = p.add("my_free", "free", {}, false);
  ASSERT_FALSE(misplaced.has_value());
  EXPECT_NE(misplaced.error().find("allocators only"), std::string::npos);
  EXPECT_TRUE(p.empty());
  EXPECT_EQ(p.digest(), 0u);
  ASSERT_TRUE(p.add("my_copy", "memcpy", {}, std::nullopt).has_value());
  const auto first = p.digest();
  ASSERT_TRUE(p.add("my_free", "free", std::vector<int>{1}, std::nullopt).has_value());
  EXPECT_NE(p.digest(), first);  // the cache key follows the declarations
  ASSERT_NE(p.find("my_free"), nullptr);
  EXPECT_EQ(p.find("my_free")->call.kind, CallKind::release);
  EXPECT_EQ(p.find("my_free")->mapped, 1);
  EXPECT_EQ(p.find("memcpy"), nullptr);
}

// The flaw is the same whether the tree calls memcpy or its wrapper: found
// only once the wrapper is declared.
TEST(ProjectFunctions, WrapperCallsAreReadAsTheLibraryCall) {
  const char* source =
      "void copy_header(const char *src)\n"
      "{\n"
      "\tchar buf[16];\n"
      "\tngx_cpymem(buf, src, 100);\n"
      "\tuse(buf);\n"
      "}\n";
  EXPECT_FALSE(has(rules_found(source, nullptr), "OXI-C0021"));
  ProjectFunctions p;
  ASSERT_TRUE(p.add("ngx_cpymem", "memcpy", {}, std::nullopt).has_value());
  EXPECT_TRUE(has(rules_found(source, &p), "OXI-C0021"));
}

TEST(ProjectFunctions, ArgumentMappingPutsTheWrappersArgumentsInPlace) {
  const char* source =
      "void release(struct pool *pool, char *p)\n"
      "{\n"
      "\tngx_pfree(pool, p);\n"
      "\tngx_pfree(pool, p);\n"
      "}\n";
  ProjectFunctions p;
  ASSERT_TRUE(p.add("ngx_pfree", "free", std::vector<int>{1}, std::nullopt).has_value());
  EXPECT_TRUE(has(rules_found(source, &p), "OXI-C0015"));
  const char* once =
      "void release(struct pool *pool, char *p)\n"
      "{\n"
      "\tngx_pfree(pool, p);\n"
      "\tngx_pfree(p, pool);\n"
      "}\n";
  EXPECT_FALSE(has(rules_found(once, &p), "OXI-C0015"));  // p, then pool: each freed once
}

TEST(ProjectFunctions, AllocatorsThatAbortDoNotNeedANullCheck) {
  const char* source =
      "void fill(int n)\n"
      "{\n"
      "\tchar *p = my_alloc(64);\n"
      "\tp[0] = 1;\n"
      "\tconsume(p);\n"
      "}\n";
  ProjectFunctions may_fail;
  ASSERT_TRUE(may_fail.add("my_alloc", "malloc", {}, std::nullopt).has_value());
  EXPECT_TRUE(has(rules_found(source, &may_fail), "OXI-C0013"));
  ProjectFunctions aborts;
  ASSERT_TRUE(aborts.add("my_alloc", "malloc", {}, false).has_value());
  EXPECT_FALSE(has(rules_found(source, &aborts), "OXI-C0013"));
}

}  // namespace
}  // namespace oxidize::hazards
