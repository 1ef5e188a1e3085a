#include "oxidize/store/digest.hpp"

#include <gtest/gtest.h>

#include "synthetic_snapshot.hpp"

namespace oxidize::store {
namespace {

model::FileFacts sample() { return test::synthetic_snapshot({.files = 5, .functions_per_file = 3}, 0).files[0].facts; }

TEST(Digest, SameFactsSameDigestAnyChangeAnother) {
  Digester d;
  const model::FileFacts base = sample();
  ASSERT_FALSE(base.functions.empty());
  const std::uint64_t digest = d.facts(base);
  EXPECT_EQ(d.facts(sample()), digest);
  const std::vector<void (*)(model::FileFacts&)> changes = {
      [](model::FileFacts& f) { f.language = discover::Language::cpp; },
      [](model::FileFacts& f) { f.lines.comment += 1; },
      [](model::FileFacts& f) { f.unterminated = lex::Unterminated::string; },
      [](model::FileFacts& f) { f.generated_why = "x"; },
      [](model::FileFacts& f) { f.functions[0].name += "_"; },
      [](model::FileFacts& f) { f.functions[0].body_end += 1; },
      [](model::FileFacts& f) { f.functions[0].is_unsafe = !f.functions[0].is_unsafe; },
      [](model::FileFacts& f) { f.functions.pop_back(); },
      [](model::FileFacts& f) { f.parse_issues.push_back({1, "m"}); },
      [](model::FileFacts& f) { f.hazards.push_back({}); f.hazards.back().rule = hazards::RuleId::gets_call; },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    model::FileFacts changed = sample();
    changes[i](changed);
    EXPECT_NE(d.facts(changed), digest) << "change " << i;
  }
  // Strings are length-prefixed: moving bytes between neighbours shows.
  model::FileFacts a = sample(), b = sample();
  a.functions[0].name = "ab";
  a.functions[1].name = "c";
  b.functions[0].name = "a";
  b.functions[1].name = "bc";
  EXPECT_NE(d.facts(a), d.facts(b));
}

TEST(Digest, ManifestDependsOnPathsOrderKeyAndExclusion) {
  Digester d;
  model::Snapshot s = test::synthetic_snapshot({.files = 4, .functions_per_file = 1}, 0);
  std::vector<std::uint64_t> digests;
  for (const auto& f : s.files) digests.push_back(d.facts(f.facts));
  const std::string m = d.manifest("k", s.files, digests);
  EXPECT_EQ(m.size(), 32u);
  EXPECT_EQ(d.manifest("k", s.files, digests), m);
  EXPECT_NE(d.manifest("k2", s.files, digests), m);
  auto moved = s.files;
  moved[0].path += "x";
  EXPECT_NE(d.manifest("k", moved, digests), m);
  auto excluded = s.files;
  excluded[1].hazards_excluded = true;
  EXPECT_NE(d.manifest("k", excluded, digests), m);
  auto fewer = s.files;
  fewer.pop_back();
  EXPECT_NE(d.manifest("k", fewer, std::span(digests).first(fewer.size())), m);
}

}  // namespace
}  // namespace oxidize::store
