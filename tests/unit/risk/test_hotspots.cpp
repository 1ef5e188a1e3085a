#include "oxidize/risk/hotspots.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "oxidize/analyze/analyze_file.hpp"
#include "../support/analysed_tree.hpp"

namespace oxidize::risk {
namespace {

// Files analysed as the scan does, hazards included.
model::Snapshot tree(std::vector<std::pair<std::string, std::string>> files) {
  return test::analysed_tree(std::move(files), /*hazards=*/true);
}

// A function with `n` decisions: McCabe n + 1.
std::string branchy(const std::string& name, int n, const std::string& body = "") {
  std::string code = "int " + name + "(int x, char *d, const char *s) {\n  int r = 0;\n" + body;
  for (int i = 0; i < n; ++i) code += "  if (x == " + std::to_string(i) + ") r += " + std::to_string(i) + ";\n";
  return code + "  return r;\n}\n";
}

const FileRisk& file(const Hotspots& h, const model::Snapshot& s, std::string_view path) {
  for (const auto& f : h.files)
    if (s.files[f.file].path == path) return f;
  throw std::runtime_error("no file row for " + std::string(path));
}

bool has_file(const Hotspots& h, const model::Snapshot& s, std::string_view path) {
  return std::any_of(h.files.begin(), h.files.end(), [&](const FileRisk& f) { return s.files[f.file].path == path; });
}

structure::Components components_of(const model::Snapshot& s) {
  return structure::assign_components(s, model::Scope{}, structure::ComponentOptions{});
}

TEST(Hotspots, FactsComeFromFunctionsHazardsAndCalls) {
  const auto s = tree({
      {"lib/parse.c", branchy("parse_record", 19, "  recv(x, d, 10, 0);\n  strcpy(d, s);\n") + branchy("helper", 2)},
      {"lib/small.c", branchy("small", 1)},
  });
  const Hotspots h = rank_hotspots(s, components_of(s), RiskWeights{}, model::Scope{});
  ASSERT_EQ(h.files.size(), 2u);
  const FileRisk& parse = file(h, s, "lib/parse.c");
  EXPECT_EQ(parse.facts.complexity, 20);  // the max over the file's functions
  // recv (input) + the function's own name (parse_record): exposure 2.
  EXPECT_EQ(parse.facts.exposure, 2);
  EXPECT_GT(parse.facts.hazard_points, 0);  // the strcpy from a parameter
  EXPECT_FALSE(parse.facts.history);
  EXPECT_EQ(parse.facts.code_lines, s.files[parse.file].facts.lines.code);
  EXPECT_EQ(s.files[h.files[0].file].path, "lib/parse.c");  // most complex first
  // The function rows: the finding and the exposure belong to parse_record, not helper.
  ASSERT_EQ(h.functions.size(), 3u);
  const FunctionRisk& top = h.functions[0];
  EXPECT_EQ(s.files[top.file].facts.functions[top.function].name, "parse_record");
  EXPECT_EQ(top.facts.hazard_points, parse.facts.hazard_points);
  EXPECT_EQ(top.facts.exposure, 2);
  for (const auto& f : h.functions)
    if (s.files[f.file].facts.functions[f.function].name == "helper") {
      EXPECT_EQ(f.facts.hazard_points, 0);
      EXPECT_EQ(f.facts.complexity, 3);
    }
}

TEST(Hotspots, ScoresFollowTheModelAndTheOrder) {
  const auto s = tree({{"a/one.c", branchy("one", 9)}, {"tests/two.c", branchy("two", 9)}, {"b/three.c", branchy("three", 3)}});
  const RiskWeights w;
  const Hotspots h = rank_hotspots(s, components_of(s), w, model::Scope{});
  ASSERT_EQ(h.files.size(), 3u);
  for (const auto& f : h.files) EXPECT_DOUBLE_EQ(f.risk.score, score(f.facts, w).score);
  EXPECT_EQ(s.files[h.files[0].file].path, "a/one.c");
  EXPECT_EQ(s.files[h.files[1].file].path, "b/three.c");  // test code: x0.05
  EXPECT_EQ(s.files[h.files[2].file].path, "tests/two.c");
  EXPECT_EQ(file(h, s, "tests/two.c").facts.role, PathRole::test);
}

TEST(Hotspots, HistoryFactsRaiseTheFilesTheyName) {
  auto s = tree({{"a.c", branchy("a", 5)}, {"b.c", branchy("b", 5)}});
  model::History history;
  model::FileHistory fb;
  fb.path = "b.c";
  fb.change.fix_commits = 24;  // x5 with fixes 0.5
  fb.change.churn_12m = 0;
  model::FunctionHistory fn;
  fn.name = "b";
  fn.start_line = 1;
  fn.change.fix_commits = 8;  // x3
  fb.functions.push_back(fn);
  history.files.push_back(fb);
  s.history = history;
  const Hotspots h = rank_hotspots(s, components_of(s), RiskWeights{}, model::Scope{});
  ASSERT_TRUE(h.history);
  const FileRisk& a = file(h, s, "a.c");
  const FileRisk& b = file(h, s, "b.c");
  EXPECT_FALSE(a.facts.history);  // not in the history: its history factors stay neutral
  EXPECT_TRUE(b.facts.history);
  EXPECT_NEAR(b.risk.score / a.risk.score, 5.0, 1e-9);
  EXPECT_EQ(s.files[h.files[0].file].path, "b.c");
  for (const auto& f : h.functions)
    if (s.files[f.file].path == "b.c") EXPECT_EQ(f.facts.fixes, 8);
}

TEST(Hotspots, SafeRustIsLeftOutAndUnsafeRustIsScored) {
  const auto s = tree({
      {"src/safe.rs", "fn add(a: i32, b: i32) -> i32 { if a > b { a } else { b } }\n"},
      {"src/ffi.rs", "fn safe() -> i32 { 1 }\nunsafe fn raw(p: *const u8) -> u8 { if p.is_null() { 0 } else { *p } }\n"},
  });
  const Hotspots h = rank_hotspots(s, components_of(s), RiskWeights{}, model::Scope{});
  EXPECT_FALSE(has_file(h, s, "src/safe.rs"));
  ASSERT_TRUE(has_file(h, s, "src/ffi.rs"));
  ASSERT_EQ(h.functions.size(), 1u);
  EXPECT_EQ(s.files[h.functions[0].file].facts.functions[h.functions[0].function].name, "raw");
  EXPECT_EQ(file(h, s, "src/ffi.rs").facts.complexity, 2);
}

TEST(Hotspots, VendoredFilesCountOnlyWhenAsked) {
  auto s = tree({{"lib/a.c", branchy("a", 2)}, {"third_party/z.c", branchy("z", 40)}});
  s.files[1].exclusion = discover::Exclusion::vendored;
  EXPECT_EQ(rank_hotspots(s, components_of(s), RiskWeights{}, model::Scope{}).files.size(), 1u);
  const model::Scope all{true, true};
  EXPECT_EQ(rank_hotspots(s, structure::assign_components(s, all, {}), RiskWeights{}, all).files.size(), 2u);
}

TEST(Hotspots, ComponentsSumTheirFilesMasses) {
  const auto s = tree({{"lib/a.c", branchy("a", 9)}, {"lib/b.c", branchy("b", 4)}, {"lib/c.c", branchy("c", 1)},
                       {"lib/d.c", branchy("d", 2)}, {"src/main.c", branchy("main", 3)}});
  const auto components = components_of(s);
  const RiskWeights w;
  const Hotspots h = rank_hotspots(s, components, w, model::Scope{});
  ASSERT_EQ(h.components.size(), 2u);
  for (const auto& c : h.components) {
    double mass = 0, lines = 0;
    for (const auto& f : h.files)
      if (components.of_file[f.file] == c.component) {
        mass += f.risk.mass;
        lines += f.facts.code_lines;
      }
    EXPECT_NEAR(c.mass, mass, 1e-9);
    EXPECT_EQ(c.facts.code_lines, lines);
    EXPECT_NEAR(c.score, mass * size_factor(lines, w), 1e-9);
  }
  const auto& lib = components.list[h.components[0].component].name == "lib" ? h.components[0] : h.components[1];
  EXPECT_EQ(lib.files, 4u);
  ASSERT_EQ(lib.top_files.size(), 3u);  // the three largest masses, largest first
  EXPECT_EQ(s.files[h.files[lib.top_files[0]].file].path, "lib/a.c");
  EXPECT_EQ(s.files[h.files[lib.top_files[1]].file].path, "lib/b.c");
  EXPECT_EQ(s.files[h.files[lib.top_files[2]].file].path, "lib/d.c");
}

TEST(Hotspots, HazardPointsWeighSeverityAndConfidence) {
  hazards::Finding f;
  f.rule = hazards::RuleId::count_;
  for (std::size_t r = 0; r < static_cast<std::size_t>(hazards::RuleId::count_); ++r) {
    f.rule = static_cast<hazards::RuleId>(r);
    const double severity = 1 + static_cast<int>(f.rule_info().severity);
    f.confidence = hazards::Confidence::high;
    EXPECT_EQ(hazard_points(f), severity);
    f.confidence = hazards::Confidence::low;
    EXPECT_EQ(hazard_points(f), severity * 0.25);
  }
}

TEST(Hotspots, WeightsFromConfigSetEachNamedWeight) {
  config::RiskConfig c;
  double v = 0.5;
  for (std::string_view key : config::k_risk_weight_keys) c.weights.emplace_back(std::string(key), v += 0.125);
  const RiskWeights w = weights_from_config(c);
  EXPECT_EQ(w.complexity, 0.625);
  EXPECT_EQ(w.hazards, 0.75);
  EXPECT_EQ(w.exposure, 0.875);
  EXPECT_EQ(w.ffi, 1.0);
  EXPECT_EQ(w.fixes, 1.125);
  EXPECT_EQ(w.security_fixes, 1.25);
  EXPECT_EQ(w.churn, 1.375);
  EXPECT_EQ(w.young, 1.5);
  EXPECT_EQ(w.size, 1.625);
  EXPECT_EQ(w.non_product, 1.75);
  EXPECT_EQ(weights_from_config({}), RiskWeights{});  // nothing set: the defaults
}

}  // namespace
}  // namespace oxidize::risk
