#include "oxidize/cache/analysis_cache.hpp"

#include <gtest/gtest.h>

#include "oxidize/analyze/analyze_file.hpp"
#include "../support/temp_tree.hpp"

namespace oxidize::cache {
namespace {

constexpr std::int64_t k_second = 1'000'000'000;
constexpr std::int64_t k_now = 1'800'000'000 * k_second;

model::FileFacts facts_of(std::string_view source) {
  return analyze::analyze_file("a.c", source, discover::Language::c, {.functions = true, .hazards = true});
}

TEST(AnalysisCache, FindsWhatWasInsertedByKeyOnly) {
  AnalysisCache cache(k_now);
  const auto facts = facts_of("void f(char *s) { char b[4]; strcpy(b, s); }\n");
  cache.insert({facts.hash, 0, 3}, facts);
  const auto found = cache.find({facts.hash, 0, 3});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->functions.size(), 1u);
  EXPECT_EQ(found->hazards.size(), facts.hazards.size());
  // Other options, or the same bytes under another language, are other keys.
  EXPECT_FALSE(cache.find({facts.hash, 0, 1}).has_value());
  EXPECT_FALSE(cache.find({facts.hash, 2, 3}).has_value());
}

TEST(AnalysisCache, SavesAndLoadsStampsAndFacts) {
  const testing::TempTree dir;
  const std::string file = dir.path("cache.bin");
  const auto facts = facts_of("int g(int x) { return x; }\n");
  const util::FileStamp old_stamp{27, k_now - 3600 * k_second, 42};
  {
    AnalysisCache cache(k_now);
    cache.insert({facts.hash, 0, 1}, facts);
    cache.remember_stamp(1, old_stamp, facts.hash);
    auto saved = cache.save(file);
    ASSERT_TRUE(saved.has_value()) << saved.error();
    EXPECT_TRUE(*saved);
    EXPECT_FALSE(*cache.save(file)) << "nothing changed: nothing written";
  }
  std::string warning;
  auto loaded = AnalysisCache::load(file, k_now + 60 * k_second, warning);
  EXPECT_EQ(warning, "");
  const auto trusted = loaded->trusted_stamp(1);
  ASSERT_TRUE(trusted.has_value());
  EXPECT_EQ(trusted->stamp, old_stamp);
  EXPECT_EQ(trusted->content_hash, facts.hash);
  ASSERT_TRUE(loaded->find({facts.hash, 0, 1}).has_value());
  EXPECT_EQ(loaded->find({facts.hash, 0, 1})->functions.front().name, "g");
  EXPECT_FALSE(loaded->trusted_stamp(2).has_value());
}

TEST(AnalysisCache, RacilyCleanStampsAreKeptButNeverTrusted) {
  const testing::TempTree dir;
  const std::string file = dir.path("cache.bin");
  {
    AnalysisCache cache(k_now);
    for (std::uint64_t hash : {7, 8, 9}) cache.insert({hash, 0, 1}, facts_of("int x;\n"));
    // Modified within the timestamp granularity before the scan began: a
    // change in the same tick would keep size and mtime, so it is not trusted.
    cache.remember_stamp(3, {10, k_now - k_racy_window_ns / 2, 1}, 7);
    cache.remember_stamp(4, {10, k_now + k_second, 2}, 8);
    cache.remember_stamp(5, {10, k_now - 2 * k_racy_window_ns, 3}, 9);
    ASSERT_TRUE(cache.save(file).has_value());
  }
  std::string warning;
  const auto later = AnalysisCache::load(file, k_now + 3600 * k_second, warning);
  EXPECT_FALSE(later->trusted_stamp(3).has_value());
  EXPECT_FALSE(later->trusted_stamp(4).has_value());
  ASSERT_TRUE(later->trusted_stamp(5).has_value());
  EXPECT_EQ(later->trusted_stamp(5)->content_hash, 9u);
}

TEST(AnalysisCache, DamagedOrForeignFilesGiveAnEmptyCacheAndAWarning) {
  const testing::TempTree dir;
  std::string warning;
  auto missing = AnalysisCache::load(dir.path("none.bin"), k_now, warning);
  EXPECT_EQ(warning, "") << "no cache yet is not worth a warning";

  dir.write("foreign.bin", "not a cache at all");
  auto foreign = AnalysisCache::load(dir.path("foreign.bin"), k_now, warning);
  EXPECT_NE(warning.find("not an oxidize cache"), std::string::npos) << warning;

  // A real cache cut short.
  const auto facts = facts_of("int h(void) { return 0; }\n");
  AnalysisCache cache(k_now);
  cache.insert({facts.hash, 0, 1}, facts);
  cache.remember_stamp(6, {5, k_now - 3600 * k_second, 1}, facts.hash);
  ASSERT_TRUE(cache.save(dir.path("good.bin")).has_value());
  std::ifstream in(dir.path("good.bin"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  dir.write("cut.bin", bytes.substr(0, bytes.size() - 5));
  warning.clear();
  auto cut = AnalysisCache::load(dir.path("cut.bin"), k_now, warning);
  EXPECT_NE(warning.find("damaged cache"), std::string::npos) << warning;
  EXPECT_FALSE(cut->find({facts.hash, 0, 1}).has_value());
  EXPECT_FALSE(cut->trusted_stamp(6).has_value());
}

TEST(AnalysisCache, EntriesUnusedForSeveralRunsArePruned) {
  const testing::TempTree dir;
  const std::string file = dir.path("cache.bin");
  const auto kept = facts_of("int kept(void) { return 1; }\n");
  const auto dropped = facts_of("int dropped(void) { return 2; }\n");
  {
    AnalysisCache cache(k_now);
    cache.insert({kept.hash, 0, 1}, kept);
    cache.insert({dropped.hash, 0, 1}, dropped);
    ASSERT_TRUE(cache.save(file).has_value());
  }
  // Each later run uses only `kept`, and writes (a new stamp makes it dirty).
  for (std::uint64_t run = 0; run < k_keep_runs; ++run) {
    std::string warning;
    auto cache = AnalysisCache::load(file, k_now, warning);
    ASSERT_TRUE(cache->find({kept.hash, 0, 1}).has_value());
    cache->remember_stamp(7, {run + 1, k_now - 3600 * k_second, 1}, kept.hash);
    ASSERT_TRUE(cache->save(file).has_value());
  }
  std::string warning;
  auto cache = AnalysisCache::load(file, k_now, warning);
  EXPECT_TRUE(cache->find({kept.hash, 0, 1}).has_value());
  EXPECT_FALSE(cache->find({dropped.hash, 0, 1}).has_value());
}

}  // namespace
}  // namespace oxidize::cache
