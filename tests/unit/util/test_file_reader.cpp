#include "oxidize/util/file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace oxidize::util {
namespace {

class FileReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/oxidize-reader-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }
  std::string path(const char* name) const { return dir_ + "/" + name; }
  std::string dir_;
};

TEST_F(FileReaderTest, ReadsWholeFileAndReusesBuffer) {
  std::ofstream(path("a.c")) << "int a;\n";
  std::ofstream(path("b.c")) << "int bb;\n";
  FileReader reader(1 << 20);
  auto a = reader.read(AT_FDCWD, path("a.c").c_str(), false);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(*a, "int a;\n");
  auto b = reader.read(AT_FDCWD, path("b.c").c_str(), false);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(*b, "int bb;\n");
}

TEST_F(FileReaderTest, MissingFileIsVanished) {
  FileReader reader(1 << 20);
  auto r = reader.read(AT_FDCWD, path("gone.c").c_str(), false);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().error, ReadError::not_found);
}

TEST_F(FileReaderTest, FifoIsNeverReadAndNeverBlocks) {
  ASSERT_EQ(::mkfifo(path("pipe.c").c_str(), 0644), 0);
  FileReader reader(1 << 20);
  auto r = reader.read(AT_FDCWD, path("pipe.c").c_str(), false);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().error, ReadError::not_regular);
}

TEST_F(FileReaderTest, SymlinkIsRefusedUnlessFollowed) {
  std::ofstream(path("t.c")) << "x";
  ASSERT_EQ(::symlink("t.c", path("l.c").c_str()), 0);
  FileReader reader(1 << 20);
  EXPECT_EQ(reader.read(AT_FDCWD, path("l.c").c_str(), false).error().error, ReadError::symlink);
  EXPECT_EQ(*reader.read(AT_FDCWD, path("l.c").c_str(), true), "x");
}

TEST_F(FileReaderTest, SizeLimit) {
  std::ofstream(path("big.c")) << std::string(5000, 'x');
  FileReader reader(4096);
  auto r = reader.read(AT_FDCWD, path("big.c").c_str(), false);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().error, ReadError::too_large);
}

TEST_F(FileReaderTest, LargerThanInitialBufferIsReadWhole) {
  const std::string big(3u << 20, 'q');
  std::ofstream(path("big.c")) << big;
  FileReader reader(1u << 30);
  auto r = reader.read(AT_FDCWD, path("big.c").c_str(), false);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->size(), big.size());
}

}  // namespace
}  // namespace oxidize::util
