#include "oxidize/store/location.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "store_test_support.hpp"

namespace oxidize::store {
namespace {

TEST(Location, DefaultPathIsInTheTreesOxidizeFolder) {
  EXPECT_EQ(default_store_path("/src/curl"), "/src/curl/.oxidize/oxidize.db");
  EXPECT_EQ(default_store_path("rel"), "rel/.oxidize/oxidize.db");
}

TEST(Location, PreparedFolderNeverShowsInGitStatus) {
  test::TempDir dir;
  const auto root = dir.path();
  const std::string git = "git -C '" + root.string() + "' ";
  ASSERT_EQ(std::system((git + "init -q").c_str()), 0);
  const std::string store_dir = (root / ".oxidize").string();
  ASSERT_TRUE(prepare_store_dir(store_dir));
  test::write_bytes(root / ".oxidize" / "oxidize.db", "x");
  test::write_bytes(root / ".oxidize" / "oxidize.db-wal", "x");
  test::write_bytes(root / "tracked.c", "int x;\n");
  const std::string out = (root / "status.txt").string();
  ASSERT_EQ(std::system((git + "status --porcelain --untracked-files=all > '" + out + "'").c_str()), 0);
  const std::string status = test::read_bytes(out);
  EXPECT_NE(status.find("tracked.c"), std::string::npos) << status;  // git does list untracked files
  EXPECT_EQ(status.find(".oxidize"), std::string::npos) << status;
}

TEST(Location, AnExistingGitignoreIsLeftAsWritten) {
  test::TempDir dir;
  const auto store_dir = dir.path() / ".oxidize";
  std::filesystem::create_directory(store_dir);
  test::write_bytes(store_dir / ".gitignore", "oxidize.db\n");
  ASSERT_TRUE(prepare_store_dir(store_dir.string()));
  EXPECT_EQ(test::read_bytes(store_dir / ".gitignore"), "oxidize.db\n");
  // And a new folder gets one that ignores everything.
  ASSERT_TRUE(prepare_store_dir((dir.path() / "a" / "b").string()));
  const std::string written = test::read_bytes(dir.path() / "a" / "b" / ".gitignore");
  EXPECT_NE(written.find("\n*\n"), std::string::npos) << written;
}

TEST(Location, AFileInTheWayIsAnError) {
  test::TempDir dir;
  test::write_bytes(dir.path() / "f", "x");
  const auto r = prepare_store_dir((dir.path() / "f" / ".oxidize").string());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("cannot create the store's folder"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace oxidize::store
