#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "oxidize/source/filesystem_source.hpp"
#include "oxidize/source/git_tree_source.hpp"
#include "oxidize/source/memory_source.hpp"
#include "oxidize/source/path_rules.hpp"
#include "../support/temp_tree.hpp"

namespace oxidize::source {
namespace {

struct Recorded {
  std::string bytes;
  discover::Language language;
  discover::Exclusion exclusion;
  std::string exclusion_root;
};

class Recorder final : public Problems {
 public:
  void skipped(discover::Skip why, std::string_view path, std::string_view, bool) override {
    const std::lock_guard lock(mutex);
    skips.emplace(std::string(path), why);
  }
  void warn(std::string_view path, std::string message) override {
    const std::lock_guard lock(mutex);
    warnings.emplace(std::string(path), std::move(message));
  }
  std::map<std::string, Recorded> visit_all(FileSource& source, unsigned threads) {
    std::map<std::string, Recorded> files;
    source.for_each(threads, [&](unsigned worker, SourceFile& file) {
      EXPECT_LT(worker, threads);
      auto bytes = file.read();
      ASSERT_TRUE(bytes.has_value()) << file.rel_path;
      const std::lock_guard lock(mutex);
      files[std::string(file.rel_path)] = {std::string(*bytes), file.language, file.exclusion,
                                           std::string(file.exclusion_root)};
    }, *this);
    return files;
  }
  std::mutex mutex;
  std::multimap<std::string, discover::Skip> skips;
  std::multimap<std::string, std::string> warnings;
};

TEST(PathRules, LanguageVendoredAndVcsFolders) {
  const discover::LanguageMap languages;
  EXPECT_FALSE(classify_path("README.md", languages).has_value());
  EXPECT_FALSE(classify_path(".git/hooks/x.c", languages).has_value());
  EXPECT_FALSE(classify_path("a/.svn/x.c", languages).has_value());
  const auto plain = classify_path("src/a.c", languages);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->language, discover::Language::c);
  EXPECT_EQ(plain->exclusion, discover::Exclusion::none);
  const auto vendored = classify_path("lib/third_party/zlib/inflate.c", languages);
  ASSERT_TRUE(vendored.has_value());
  EXPECT_EQ(vendored->exclusion, discover::Exclusion::vendored);
  EXPECT_EQ(vendored->exclusion_root, "lib/third_party");
  // A vendored name as the file's own name is not a directory.
  EXPECT_EQ(classify_path("vendor.c", languages)->exclusion, discover::Exclusion::none);
}

TEST(MemorySource, OffersSourceFilesWithTheirBytes) {
  MemorySource source({{"a.c", "int a;\n"}, {"notes.txt", "x"}, {"vendor/v.rs", "fn v() {}\n"}});
  Recorder recorder;
  const auto files = recorder.visit_all(source, 2);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files.at("a.c").bytes, "int a;\n");
  EXPECT_EQ(files.at("vendor/v.rs").language, discover::Language::rust);
  EXPECT_EQ(files.at("vendor/v.rs").exclusion, discover::Exclusion::vendored);
}

// A repository with two commits, a vendored folder, a symlink, an ignored
// file and a submodule entry: the tree of each commit is read from git alone.
class GitTreeSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree.git("init -q");
    tree.write("src/main.c", "int main(void) { return 0; }\n");
    tree.write("third_party/lib/x.c", "int x;\n");
    tree.write("README", "not code\n");
    ASSERT_EQ(::symlink("main.c", tree.path("src/link.c").c_str()), 0);
    tree.git("add -A");
    tree.git("commit -q -m first");
    tree.write("src/main.c", "int main(void) { return 1; }\n");
    tree.write("src/new.rs", "fn f() {}\n");
    tree.git("add -A");
    tree.git("commit -q -m second");
    // A submodule entry (a gitlink), added without cloning anything.
    tree.git("update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,sub");
    tree.git("commit -q -m submodule");
    // Work tree changes that no commit holds.
    tree.write("src/main.c", "int main(void) { return 2; }\n");
    tree.write("src/untracked.c", "int u;\n");
  }
  testing::TempTree tree;
};

TEST_F(GitTreeSourceTest, ReadsTheTreeOfACommitWithoutTheWorkTree) {
  auto head = GitTreeSource::open(tree.path(), "HEAD");
  ASSERT_TRUE(head.has_value()) << head.error();
  EXPECT_EQ((*head)->commit().size(), 40u);
  Recorder recorder;
  const auto files = recorder.visit_all(**head, 2);
  EXPECT_EQ(files.size(), 3u);
  EXPECT_EQ(files.at("src/main.c").bytes, "int main(void) { return 1; }\n");
  EXPECT_TRUE(files.contains("src/new.rs"));
  EXPECT_FALSE(files.contains("src/untracked.c"));
  EXPECT_EQ(files.at("third_party/lib/x.c").exclusion, discover::Exclusion::vendored);
  EXPECT_EQ(files.at("third_party/lib/x.c").exclusion_root, "third_party");
  // The symlink is counted as not followed; the submodule is reported.
  ASSERT_EQ(recorder.skips.count("src/link.c"), 1u);
  EXPECT_EQ(recorder.skips.find("src/link.c")->second, discover::Skip::symlink);
  ASSERT_EQ(recorder.warnings.count("sub"), 1u);
  EXPECT_NE(recorder.warnings.find("sub")->second.find("submodule"), std::string::npos);

  auto first = GitTreeSource::open(tree.path(), "HEAD~2");
  ASSERT_TRUE(first.has_value()) << first.error();
  Recorder again;
  const auto old_files = again.visit_all(**first, 1);
  EXPECT_EQ(old_files.at("src/main.c").bytes, "int main(void) { return 0; }\n");
  EXPECT_FALSE(old_files.contains("src/new.rs"));
}

TEST_F(GitTreeSourceTest, BlobsAreNamedByTheirIdAndKnownFoldersCanBeLeftOut) {
  // The id of a blob is git's: the same as `git rev-parse HEAD:src/main.c`.
  const std::string out = tree.path(".main-id");
  ASSERT_EQ(std::system(("git -C '" + tree.path() + "' rev-parse HEAD:src/main.c > '" + out + "'").c_str()), 0);
  std::ifstream in(out);
  std::string expected;
  in >> expected;
  std::vector<std::pair<std::string, ContentId>> folders;
  GitTreeOptions options;
  options.skip_folder = [&](std::string_view folder, const ContentId& id) {
    folders.emplace_back(std::string(folder), id);
    return folder == "third_party";
  };
  auto head = GitTreeSource::open(tree.path(), "HEAD", std::move(options));
  ASSERT_TRUE(head.has_value()) << head.error();
  std::map<std::string, std::string> ids;
  Recorder recorder;
  (*head)->for_each(1, [&](unsigned, SourceFile& file) {
    const auto id = file.content_id();
    ASSERT_TRUE(id.has_value());
    std::string hex;
    for (const unsigned char c : *id) hex += fmt::format("{:02x}", c);
    ids[std::string(file.rel_path)] = hex;
  }, recorder);
  EXPECT_EQ(ids.at("src/main.c"), expected);
  EXPECT_FALSE(ids.contains("third_party/lib/x.c"));  // its folder was left out
  EXPECT_EQ(ids.size(), 2u);
  // Asked for the root, then each folder before its contents, never below a skipped one.
  std::vector<std::string> names;
  for (const auto& f : folders) names.push_back(f.first);
  EXPECT_EQ(names, (std::vector<std::string>{"", "src", "third_party"}));
  // Skipping the root leaves nothing.
  GitTreeOptions none;
  none.skip_folder = [](std::string_view folder, const ContentId&) { return folder.empty(); };
  auto empty = GitTreeSource::open(tree.path(), "HEAD", std::move(none));
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(Recorder().visit_all(**empty, 2).empty());
  // Files on disk and in memory have no such id.
  MemorySource memory(std::map<std::string, std::string>{{"a.c", "int a;\n"}});
  memory.for_each(1, [](unsigned, SourceFile& file) { EXPECT_FALSE(file.content_id().has_value()); }, recorder);
}

TEST_F(GitTreeSourceTest, ClearErrorsForWhatCannotBeRead) {
  const auto unknown = GitTreeSource::open(tree.path(), "no-such-branch");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().find("unknown revision 'no-such-branch'"), std::string::npos) << unknown.error();
  const testing::TempTree empty;
  const auto not_a_repo = GitTreeSource::open(empty.path(), "HEAD");
  ASSERT_FALSE(not_a_repo.has_value());
  EXPECT_NE(not_a_repo.error().find("not a git repository"), std::string::npos) << not_a_repo.error();
}

TEST(GitTreeSource, BrokenRepositoryIsAnErrorNotACrash) {
  const testing::TempTree tree;
  tree.git("init -q");
  tree.write("a.c", "int a;\n");
  tree.git("add a.c");
  tree.git("commit -q -m one");
  // Damage every object: HEAD can no longer be read.
  std::filesystem::remove_all(tree.path(".git/objects"));
  std::filesystem::create_directories(tree.path(".git/objects"));
  const auto broken = GitTreeSource::open(tree.path(), "HEAD");
  ASSERT_FALSE(broken.has_value());
  EXPECT_FALSE(broken.error().empty());
}

TEST(FilesystemSource, StampsMatchWhatWasRead) {
  const testing::TempTree tree;
  tree.write("a.c", "int a;\n");
  FilesystemSource source(tree.path(), {});
  Recorder recorder;
  int seen = 0;
  source.for_each(1, [&](unsigned, SourceFile& file) {
    const auto before = file.stamp();
    ASSERT_TRUE(before.has_value());
    EXPECT_FALSE(file.read_stamp().has_value()) << "nothing read yet";
    ASSERT_TRUE(file.read().has_value());
    ASSERT_TRUE(file.read_stamp().has_value());
    EXPECT_EQ(*before, *file.read_stamp());
    EXPECT_EQ(before->size, 7u);
    ++seen;
  }, recorder);
  EXPECT_EQ(seen, 1);
}

}  // namespace
}  // namespace oxidize::source
