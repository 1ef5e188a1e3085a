#include <gtest/gtest.h>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/pipeline/pass.hpp"
#include "oxidize/pipeline/scan.hpp"
#include "oxidize/pipeline/state_dir.hpp"
#include "oxidize/util/stopwatch.hpp"
#include "../support/temp_tree.hpp"

namespace oxidize::pipeline {
namespace {



struct CachedRun {
  model::Snapshot snapshot;
  std::uint64_t unchanged = 0, content_hits = 0, analysed = 0;
};

// One scan as a command runs it: the cache loaded from `cache_file`, the
// scan, the cache saved.
CachedRun scan_with_cache(const std::string& root, const std::string& cache_file) {
  std::string warning;
  auto cache = cache::AnalysisCache::load(cache_file, util::realtime_ns(), warning);
  EXPECT_EQ(warning, "");
  ScanOptions options;
  options.roots = {root};
  options.threads = 2;
  options.hazards = true;
  options.cache = cache.get();
  auto result = run_scan(options, {});
  EXPECT_TRUE(result.has_value());
  EXPECT_TRUE(cache->save(cache_file).has_value());
  return {std::move(result->snapshot), cache->stats.unchanged.load(), cache->stats.content_hits.load(),
          cache->stats.analysed.load()};
}

const model::FileRecord& file(const model::Snapshot& s, const std::string& path) {
  for (const auto& f : s.files)
    if (f.path == path) return f;
  throw std::runtime_error("no file " + path);
}

class CachedScan : public ::testing::Test {
 protected:
  void SetUp() override {
    tree.write("a.c", "int a(int x) { if (x) return 1; return 0; }\n");
    tree.write("b.c", "void b(char *s) { char t[4]; strcpy(t, s); }\n");
    tree.write("copy_of_b.c", "void b(char *s) { char t[4]; strcpy(t, s); }\n");
    tree.write("gen.pb.cc", "int g;\n");
    // Old enough not to be racily clean.
    for (const char* name : {"a.c", "b.c", "copy_of_b.c", "gen.pb.cc"}) tree.set_mtime(name, 1'600'000'000);
  }
  testing::TempTree tree;
  testing::TempTree state;
  std::string cache_file = state.path("cache.bin");
};

TEST_F(CachedScan, UnchangedFilesAreNotReadAndIdenticalContentIsAnalysedOnce) {
  const CachedRun first = scan_with_cache(tree.path(), cache_file);
  EXPECT_EQ(first.analysed, 3u) << "b.c and copy_of_b.c share one analysis";
  EXPECT_EQ(first.content_hits, 1u);
  const CachedRun second = scan_with_cache(tree.path(), cache_file);
  EXPECT_EQ(second.unchanged, 4u);
  EXPECT_EQ(second.analysed, 0u);
  // The facts are the same facts.
  ASSERT_EQ(first.snapshot.files.size(), second.snapshot.files.size());
  for (std::size_t i = 0; i < first.snapshot.files.size(); ++i) {
    const auto& x = first.snapshot.files[i];
    const auto& y = second.snapshot.files[i];
    EXPECT_EQ(x.path, y.path);
    EXPECT_EQ(x.facts.hash, y.facts.hash);
    EXPECT_EQ(x.facts.lines, y.facts.lines);
    EXPECT_EQ(x.facts.functions.size(), y.facts.functions.size());
    EXPECT_EQ(x.facts.hazards.size(), y.facts.hazards.size());
    EXPECT_EQ(x.exclusion, y.exclusion);
  }
  // The name rule for generated code is applied per path, not cached with content.
  EXPECT_EQ(file(second.snapshot, "gen.pb.cc").exclusion, discover::Exclusion::generated);
}

TEST_F(CachedScan, OnlyTheChangedFileIsAnalysedAgain) {
  scan_with_cache(tree.path(), cache_file);
  tree.write("a.c", "int a(int x) { while (x) x--; return 0; }\n");
  tree.set_mtime("a.c", 1'600'000'100);
  const CachedRun run = scan_with_cache(tree.path(), cache_file);
  EXPECT_EQ(run.analysed, 1u);
  EXPECT_EQ(run.unchanged, 3u);
  EXPECT_EQ(file(run.snapshot, "a.c").facts.functions.front().ccn, 2u);
}

TEST_F(CachedScan, AChangeWithinTheSameTickAsTheCacheIsDetected) {
  // Written now: the stamp taken by this scan is racily clean.
  tree.write("a.c", "int a(int x) { return x; }\n");
  const auto before = std::filesystem::last_write_time(tree.path("a.c"));
  scan_with_cache(tree.path(), cache_file);
  // Same size, same modification time, different bytes: stat cannot tell.
  tree.write("a.c", "int a(int y) { return y; }\n");
  std::filesystem::last_write_time(tree.path("a.c"), before);
  const CachedRun run = scan_with_cache(tree.path(), cache_file);
  EXPECT_EQ(run.analysed, 1u) << "the racily clean stamp was trusted";
  EXPECT_EQ(file(run.snapshot, "a.c").facts.hash, analyze::analyze_file("a.c", "int a(int y) { return y; }\n",
                                                                         discover::Language::c).hash);
}

TEST(GitScan, TheTreeOfHeadScansLikeACleanWorkTree) {
  const testing::TempTree tree;
  tree.git("init -q");
  tree.write("src/a.c", "int a(int x) { return x ? 1 : 0; }\n");
  tree.write("include/a.h", "class A { int x; };\n");
  tree.write("vendor/v.c", "int v;\n");
  tree.write("notes.md", "# notes\n");
  tree.git("add -A");
  tree.git("commit -q -m one");
  ScanOptions disk;
  disk.roots = {tree.path()};
  disk.hazards = true;
  ScanOptions git = disk;
  git.revision = "HEAD";
  const auto a = run_scan(disk, {});
  const auto b = run_scan(git, {});
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value()) << b.error();
  EXPECT_EQ(b->snapshot.info.source, "git");
  EXPECT_EQ(a->snapshot.info.commit, b->snapshot.info.commit);
  EXPECT_EQ(a->snapshot.info.commit.size(), 40u);
  ASSERT_EQ(a->snapshot.files.size(), 3u);
  ASSERT_EQ(a->snapshot.files.size(), b->snapshot.files.size());
  for (std::size_t i = 0; i < a->snapshot.files.size(); ++i) {
    EXPECT_EQ(a->snapshot.files[i].path, b->snapshot.files[i].path);
    EXPECT_EQ(a->snapshot.files[i].facts.hash, b->snapshot.files[i].facts.hash);
    EXPECT_EQ(a->snapshot.files[i].facts.language, b->snapshot.files[i].facts.language);
    EXPECT_EQ(a->snapshot.files[i].exclusion, b->snapshot.files[i].exclusion);
  }
}

TEST(Passes, EachPassIsTimedAndTheFirstFailureStops) {
  static int ran = 0;
  ran = 0;
  const Pass passes[] = {
      {"one", [](Context&) -> PassResult { ++ran; return {}; }},
      {"two", [](Context&) -> PassResult { ++ran; return tl::unexpected(std::string("two failed")); }},
      {"three", [](Context&) -> PassResult { ++ran; return {}; }},
  };
  const ScanOptions options;
  const ScanHooks hooks;
  Context context(options, hooks);
  const auto result = run_passes(context, passes);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), "two failed");
  EXPECT_EQ(ran, 2);
  ASSERT_EQ(context.perf.size(), 2u);
  EXPECT_EQ(context.perf[0].stage, "one");
  EXPECT_EQ(context.perf[1].stage, "two");
}

TEST(StateDir, AtTheWorkTreeRootWithItsOwnGitignore) {
  const testing::TempTree tree;
  tree.git("init -q");
  tree.write("src/deep/a.c", "int a;\n");
  const std::string dir = state_dir({tree.path("src/deep")});
  EXPECT_EQ(dir, std::filesystem::canonical(tree.root()).string() + "/.oxidize");
  ASSERT_TRUE(prepare_state_dir(dir).has_value());
  tree.write("src/deep/b.c", "int b;\n");
  // git status shows the new file and nothing of .oxidize.
  const std::string cmd = "git -C '" + tree.path() + "' status --porcelain --untracked-files=all";
  FILE* out = ::popen(cmd.c_str(), "r");
  ASSERT_NE(out, nullptr);
  std::string status;
  char buf[256];
  while (std::fgets(buf, sizeof buf, out) != nullptr) status += buf;
  ::pclose(out);
  EXPECT_EQ(status.find(".oxidize"), std::string::npos) << status;
  EXPECT_NE(status.find("src/"), std::string::npos) << status;
  // Outside a work tree: beside the scanned folder.
  const testing::TempTree plain;
  EXPECT_EQ(state_dir({plain.path()}), plain.path() + "/.oxidize");
}

TEST(StateDir, AnExistingGitignoreIsLeftAndAFileInTheWayIsAnError) {
  const testing::TempTree tree;
  tree.write(".oxidize/.gitignore", "oxidize.db\n");
  ASSERT_TRUE(prepare_state_dir(tree.path(".oxidize")).has_value());
  std::ifstream in(tree.path(".oxidize/.gitignore"));
  const std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, "oxidize.db\n");
  ASSERT_TRUE(prepare_state_dir(tree.path("a/b/.oxidize")).has_value());
  tree.write("f", "x");
  const auto blocked = prepare_state_dir(tree.path("f/.oxidize"));
  ASSERT_FALSE(blocked.has_value());
  EXPECT_NE(blocked.error().find("cannot create oxidize's folder"), std::string::npos) << blocked.error();
}

}  // namespace
}  // namespace oxidize::pipeline
