// The history facts on repositories built here with git: counts, churn
// windows, authors after .mailmap, fixes, line ages and functions, renames,
// merges, and the broken or unusual repositories a user will point us at.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "oxidize/history/history_facts.hpp"
#include "../support/temp_tree.hpp"

namespace oxidize::history {
namespace {

using testing::TempTree;

// Commits everything in the tree at `date` (ISO 8601, UTC) as `author`.
void commit(const TempTree& tree, const std::string& message, const std::string& date,
            const std::string& author = "Alice <alice@example.org>") {
  const std::string name = author.substr(0, author.find(" <"));
  const std::string email = author.substr(author.find('<') + 1, author.find('>') - author.find('<') - 1);
  const std::string env = "GIT_AUTHOR_DATE='" + date + "' GIT_COMMITTER_DATE='" + date + "' GIT_AUTHOR_NAME='" + name +
                          "' GIT_AUTHOR_EMAIL='" + email + "' ";
  tree.git("add -A");
  const std::string cmd = env + "git -C '" + tree.path() + "' -c user.name=c -c user.email=c@x commit -q --allow-empty -m '" +
                          message + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

std::string init(const TempTree& tree) {
  tree.git("init -q");
  return tree.path();
}

const model::FileHistory* file(const model::History& h, const std::string& path) {
  for (const auto& f : h.files)
    if (f.path == path) return &f;
  return nullptr;
}

const model::FunctionHistory* function(const model::FileHistory& f, const std::string& name) {
  for (const auto& fn : f.functions)
    if (fn.name == name) return &fn;
  return nullptr;
}

HistoryOptions options_for(const std::string& repo) {
  HistoryOptions o;
  o.repository = repo;
  o.threads = 2;
  return o;
}

constexpr model::GitTime k_day = model::k_seconds_per_day;
// 2020-01-01, 2020-06-01 and 2021-03-01 at 00:00 UTC.
constexpr model::GitTime k_t1 = 1577836800;
constexpr model::GitTime k_t2 = 1590969600;
constexpr model::GitTime k_t3 = 1614556800;

class LinearHistory : public ::testing::Test {
 protected:
  void SetUp() override {
    init(tree);
    tree.write(".mailmap", "Alice <alice@example.org> <ALICE@old.example.org>\n");
    tree.write("a.c", "int a(void) {\n  return 1;\n}\nint b(void) {\n  return 2;\n}\n");
    tree.write("README", "not source\n");
    commit(tree, "initial", "2020-01-01T00:00:00Z");
    tree.write("a.c", "int a(void) {\n  return 1;\n}\nint b(void) {\n  return 3;\n}\n");
    commit(tree, "fix crash in b", "2020-06-01T00:00:00Z", "Bob <bob@example.org>");
    tree.write("a.c",
               "int a(void) {\n  return 1;\n}\nint b(void) {\n  return 3;\n}\nint c(void) {\n  return 4;\n}\n");
    tree.write("README", "still not source\n");
    commit(tree, "CVE-2021-1234: bounds of c", "2021-03-01T00:00:00Z", "Alice Old <ALICE@old.example.org>");
  }
  TempTree tree;
};

TEST_F(LinearHistory, FileCountsWindowsAuthorsAndFixes) {
  const auto h = read_history(options_for(tree.path()));
  ASSERT_TRUE(h) << h.error();
  EXPECT_EQ(h->info.commits, 3u);
  EXPECT_EQ(h->info.now, k_t3);  // HEAD's commit time, not the clock
  EXPECT_EQ(h->info.first_commit, k_t1);
  ASSERT_EQ(h->files.size(), 1u);  // README is not source
  const auto& c = h->files[0].change;
  EXPECT_EQ(c.commits, 3u);
  EXPECT_EQ(c.fix_commits, 1u);
  EXPECT_EQ(c.security_fix_commits, 1u);
  EXPECT_EQ(c.authors, 2u);  // the old address is Alice's by .mailmap
  EXPECT_EQ(c.lines_added, 6u + 1u + 3u);
  EXPECT_EQ(c.lines_deleted, 1u);
  EXPECT_EQ(c.churn_12m, 2u + 3u);  // 2020-06-01 and 2021-03-01 are within a year of now
  EXPECT_EQ(c.churn_3m, 3u);
  EXPECT_EQ(c.commits_12m, 2u);
  EXPECT_EQ(c.first_change, k_t1);
  EXPECT_EQ(c.last_change, k_t3);
}

TEST_F(LinearHistory, LineAgesAsBlameGivesThem) {
  const auto h = read_history(options_for(tree.path()));
  ASSERT_TRUE(h) << h.error();
  const auto& age = h->files[0].age;
  // Lines by commit: 1-4 and 6 from 2020-01-01 (425 days old), 5 from
  // 2020-06-01 (273 days), 7-9 from now: sorted, the fifth of nine is 425.
  EXPECT_EQ(age.lines, 9u);
  EXPECT_DOUBLE_EQ(age.median_age_days, 425.0);
  EXPECT_DOUBLE_EQ(age.young_share, 4.0 / 9.0);
  const auto* b = function(h->files[0], "b");
  ASSERT_NE(b, nullptr);
  EXPECT_DOUBLE_EQ(b->age.median_age_days, 425.0);  // 425, 273, 425
  EXPECT_EQ(b->age.lines, 3u);
  const auto* fn_c = function(h->files[0], "c");
  ASSERT_NE(fn_c, nullptr);
  EXPECT_DOUBLE_EQ(fn_c->age.median_age_days, 0.0);
}

TEST_F(LinearHistory, FunctionsGetTheHunksThatFallInThem) {
  const auto h = read_history(options_for(tree.path()));
  ASSERT_TRUE(h) << h.error();
  const auto& f = h->files[0];
  ASSERT_EQ(f.functions.size(), 3u);
  const auto* a = function(f, "a");
  const auto* b = function(f, "b");
  const auto* c = function(f, "c");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->change.commits, 1u);  // written by the first commit, never changed
  EXPECT_EQ(a->change.fix_commits, 0u);
  EXPECT_EQ(b->change.commits, 2u);
  EXPECT_EQ(b->change.fix_commits, 1u);
  EXPECT_EQ(b->change.lines_added, 3u + 1u);
  EXPECT_EQ(b->change.lines_deleted, 1u);
  EXPECT_EQ(b->change.authors, 2u);
  EXPECT_EQ(c->change.commits, 1u);
  EXPECT_EQ(c->change.security_fix_commits, 1u);
  EXPECT_EQ(c->start_line, 7u);
  EXPECT_EQ(c->end_line, 9u);
}

TEST_F(LinearHistory, NowOverrideMovesTheWindowsAndAges) {
  auto o = options_for(tree.path());
  o.now = k_t3 + 400 * k_day;  // more than a year after the last commit
  const auto h = read_history(o);
  ASSERT_TRUE(h) << h.error();
  EXPECT_EQ(h->files[0].change.churn_12m, 0u);
  EXPECT_DOUBLE_EQ(h->files[0].age.median_age_days, 825.0);
  // A "now" before some commits: they are outside the windows, and their lines have age zero.
  o.now = k_t2;
  const auto early = read_history(o);
  ASSERT_TRUE(early) << early.error();
  EXPECT_EQ(early->files[0].change.churn_12m, 6u + 2u);
  EXPECT_EQ(early->files[0].change.commits, 3u);
}

TEST_F(LinearHistory, PatternsComeFromTheOptions) {
  auto o = options_for(tree.path());
  o.patterns.fix = {"initial"};
  o.patterns.security = {};
  const auto h = read_history(o);
  ASSERT_TRUE(h) << h.error();
  EXPECT_EQ(h->files[0].change.fix_commits, 1u);
  EXPECT_EQ(h->files[0].change.security_fix_commits, 0u);
  o.patterns.fix = {"("};
  const auto bad = read_history(o);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("history patterns"), std::string::npos) << bad.error();
}

TEST(HistoryFacts, RenamesAreFollowedUnlessTurnedOff) {
  TempTree tree;
  init(tree);
  std::string body;
  for (int i = 0; i < 20; ++i) body += "int v" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
  tree.write("old.c", body);
  commit(tree, "add", "2020-01-01T00:00:00Z");
  std::filesystem::rename(tree.path("old.c"), tree.path("new.c"));
  tree.write("new.c", body + "int extra = 1;\n");
  commit(tree, "move", "2020-02-01T00:00:00Z");
  // Renamed many times over.
  std::string name = "new.c";
  for (int i = 0; i < 30; ++i) {
    const std::string next = "r" + std::to_string(i) + ".c";
    std::filesystem::rename(tree.path(name), tree.path(next));
    name = next;
    commit(tree, "rename " + std::to_string(i), "2020-03-01T00:00:00Z");
  }
  auto o = options_for(tree.path());
  const auto h = read_history(o);
  ASSERT_TRUE(h) << h.error();
  ASSERT_EQ(h->files.size(), 1u);
  EXPECT_EQ(h->files[0].path, name);
  EXPECT_EQ(h->files[0].renames, 31u);
  EXPECT_EQ(h->files[0].change.commits, 32u);
  EXPECT_EQ(h->files[0].change.lines_added, 21u);  // pure renames add no lines
  EXPECT_EQ(h->files[0].change.first_change, k_t1);
  // The twenty lines of the first commit kept their age through every rename.
  EXPECT_EQ(h->files[0].age.lines, 21u);
  EXPECT_DOUBLE_EQ(h->files[0].age.median_age_days, (h->info.now - k_t1) / double(k_day));

  o.renames = false;
  const auto plain = read_history(o);
  ASSERT_TRUE(plain) << plain.error();
  EXPECT_EQ(plain->files[0].renames, 0u);
  EXPECT_EQ(plain->files[0].change.commits, 1u);  // only the commit that added it under this name
}

TEST(HistoryFacts, MergesFirstParentOrNoMerges) {
  TempTree tree;
  init(tree);
  tree.write("a.c", "int a;\n");
  commit(tree, "base", "2020-01-01T00:00:00Z");
  tree.git("checkout -q -b side");
  tree.write("a.c", "int a;\nint b;\n");
  commit(tree, "side one", "2020-01-02T00:00:00Z");
  tree.write("a.c", "int a;\nint b;\nint c;\n");
  commit(tree, "side two", "2020-01-03T00:00:00Z", "Carol <carol@example.org>");
  tree.git("checkout -q main");
  tree.write("b.c", "int x;\n");
  commit(tree, "main work", "2020-01-04T00:00:00Z");
  const std::string merge = "GIT_AUTHOR_DATE=2020-01-05T00:00:00Z GIT_COMMITTER_DATE=2020-01-05T00:00:00Z git -C '" +
                            tree.path() + "' -c user.name=m -c user.email=m@x merge -q --no-ff side -m 'merge side' >/dev/null 2>&1";
  ASSERT_EQ(std::system(merge.c_str()), 0);

  auto o = options_for(tree.path());
  const auto fp = read_history(o);
  ASSERT_TRUE(fp) << fp.error();
  EXPECT_EQ(fp->info.walk, "first-parent");
  EXPECT_EQ(fp->info.commits, 3u);  // base, main work, the merge
  EXPECT_EQ(fp->info.merges, 1u);
  const auto* a = file(*fp, "a.c");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->change.commits, 2u);  // base, and the merge standing for its branch
  EXPECT_EQ(a->change.lines_added, 3u);
  EXPECT_EQ(a->age.lines, 3u);

  o.walk = Walk::no_merges;
  const auto nm = read_history(o);
  ASSERT_TRUE(nm) << nm.error();
  EXPECT_EQ(nm->info.commits, 4u);
  EXPECT_EQ(nm->info.merges, 0u);
  const auto* a2 = file(*nm, "a.c");
  ASSERT_NE(a2, nullptr);
  EXPECT_EQ(a2->change.commits, 3u);
  EXPECT_EQ(a2->change.authors, 2u);
  EXPECT_EQ(a2->change.lines_added, 3u);
  EXPECT_EQ(a2->age.lines, 3u);  // ages still follow the first-parent chain
}

TEST(HistoryFacts, NoRepositoryNoCommitsUnknownRevision) {
  TempTree plain;
  plain.write("a.c", "int a;\n");
  const auto none = read_history(options_for(plain.path()));
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().find("not a git repository"), std::string::npos) << none.error();

  TempTree empty;
  init(empty);
  const auto unborn = read_history(options_for(empty.path()));
  ASSERT_FALSE(unborn);
  EXPECT_NE(unborn.error().find("no commits"), std::string::npos) << unborn.error();

  TempTree tree;
  init(tree);
  tree.write("a.c", "int a;\n");
  commit(tree, "one", "2020-01-01T00:00:00Z");
  auto o = options_for(tree.path());
  o.revision = "no-such-branch";
  const auto unknown = read_history(o);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().find("unknown revision"), std::string::npos) << unknown.error();
  // A detached HEAD is just a commit.
  tree.write("a.c", "int a;\nint b;\n");
  commit(tree, "two", "2020-01-02T00:00:00Z");
  tree.git("checkout -q --detach HEAD~1");
  const auto detached = read_history(options_for(tree.path()));
  ASSERT_TRUE(detached) << detached.error();
  EXPECT_EQ(detached->info.commits, 1u);
}

TEST(HistoryFacts, ShallowCloneIsSaidAndUsed) {
  TempTree origin;
  init(origin);
  for (int i = 0; i < 4; ++i) {
    origin.write("a.c", std::string(static_cast<std::size_t>(i + 1), 'x') + "\n");
    commit(origin, "c" + std::to_string(i), "2020-01-0" + std::to_string(i + 1) + "T00:00:00Z");
  }
  TempTree clone;
  const std::string cmd = "git clone -q --depth 2 'file://" + origin.path() + "' '" + clone.path("c") + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const auto h = read_history(options_for(clone.path("c")));
  ASSERT_TRUE(h) << h.error();
  EXPECT_TRUE(h->info.shallow);
  EXPECT_EQ(h->info.commits, 2u);
  bool said = false;
  for (const auto& w : h->warnings) said = said || w.message.find("shallow") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(HistoryFacts, BinaryAndMissingBlobsAreCountedWithoutLines) {
  TempTree tree;
  init(tree);
  tree.write("bin.c", std::string("int a;\n\0\0\0binary\n", 18));
  tree.write("ok.c", "int a;\n");
  tree.write("gone.c", "int g;\n");
  commit(tree, "one", "2020-01-01T00:00:00Z");
  tree.write("bin.c", std::string("int b;\n\0\0\0binary!\n", 19));
  tree.write("gone.c", "int g;\nint h;\n");
  commit(tree, "two", "2020-01-02T00:00:00Z");
  // Remove the loose object of gone.c's first version: a repository with a missing blob.
  FILE* p = ::popen(("git -C '" + tree.path() + "' rev-parse HEAD~1:gone.c").c_str(), "r");
  char hex[64] = {};
  ASSERT_NE(std::fgets(hex, sizeof hex, p), nullptr);
  ::pclose(p);
  const std::string id(hex, 40);
  std::filesystem::remove(tree.path(".git/objects/" + id.substr(0, 2) + "/" + id.substr(2)));

  const auto h = read_history(options_for(tree.path()));
  ASSERT_TRUE(h) << h.error();
  const auto* bin = file(*h, "bin.c");
  ASSERT_NE(bin, nullptr);
  EXPECT_EQ(bin->change.commits, 2u);
  EXPECT_EQ(bin->change.lines_added + bin->change.lines_deleted, 0u);
  EXPECT_EQ(bin->age.median_age_days, -1);
  const auto* gone = file(*h, "gone.c");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->change.commits, 2u);
  bool warned = false;
  for (const auto& w : h->warnings) warned = warned || w.message.find("unreadable blob") != std::string::npos;
  EXPECT_TRUE(warned);
  const auto* ok = file(*h, "ok.c");
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->change.lines_added, 1u);
}

// git fast-import builds what would take minutes file by file: a commit of
// 100,000 files, and a blob of 300 MB that must be refused by its size.
TEST(HistoryFacts, HugeCommitAndGiantBlob) {
  TempTree tree;
  init(tree);
  const std::string stream_path = tree.path("stream");
  {
    std::ofstream s(stream_path, std::ios::binary);
    s << "commit refs/heads/main\ncommitter A <a@x> 1577836800 +0000\ndata 4\nmany\n";
    for (int i = 0; i < 100000; ++i) {
      const std::string body = "int v" + std::to_string(i) + ";\n";
      s << "M 100644 inline d" << (i % 100) << "/f" << i << ".c\ndata " << body.size() << "\n" << body << "\n";
    }
    s << "\ncommit refs/heads/main\ncommitter A <a@x> 1577923200 +0000\ndata 4\nhuge\n";
    const std::size_t giant = std::size_t{300} << 20;
    s << "M 100644 inline giant.c\ndata " << giant << "\n";
    const std::string block(1 << 20, 'x');
    for (std::size_t i = 0; i < giant / block.size(); ++i) s << block;
    s << "\n";
  }
  ASSERT_EQ(std::system(("git -C '" + tree.path() + "' fast-import --quiet < '" + stream_path + "' >/dev/null 2>&1").c_str()), 0);
  std::filesystem::remove(stream_path);
  auto o = options_for(tree.path());
  o.revision = "main";
  const auto h = read_history(o);
  ASSERT_TRUE(h) << h.error();
  EXPECT_EQ(h->info.commits, 2u);
  EXPECT_EQ(h->files.size(), 100001u);
  const auto* one = file(*h, "d7/f7.c");
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(one->change.commits, 1u);
  EXPECT_EQ(one->change.lines_added, 1u);
  const auto* giant = file(*h, "giant.c");
  ASSERT_NE(giant, nullptr);
  EXPECT_EQ(giant->change.commits, 1u);
  EXPECT_EQ(giant->change.lines_added, 0u);  // over the size limit: counted as binary
}

}  // namespace
}  // namespace oxidize::history
