// A kernel-sized write works: 50,000 files with 8 functions each, written,
// rewritten unchanged, and read back equal. Times are printed for a look,
// never asserted (bench/ measures speed on a quiet machine).
#include <gtest/gtest.h>

#include <chrono>

#include "oxidize/store/store.hpp"
#include "snapshot_equal.hpp"
#include "store_test_support.hpp"
#include "synthetic_snapshot.hpp"

namespace oxidize::store {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(StoreBulk, FiftyThousandFilesWriteAndReadBack) {
  test::TempDir dir;
  const std::string path = dir.file("big.db");
  const test::SyntheticShape shape{.files = 50'000, .functions_per_file = 8};
  const model::Snapshot first = test::synthetic_snapshot(shape, 0);
  const model::Snapshot second = test::synthetic_snapshot(shape, 1);  // most files unchanged
  auto store = Store::open(path, OpenMode::read_write).value();

  auto t = std::chrono::steady_clock::now();
  const auto id1 = store.write(first);
  ASSERT_TRUE(id1) << id1.error();
  const double fresh = seconds_since(t);
  t = std::chrono::steady_clock::now();
  const auto id2 = store.write(second);
  ASSERT_TRUE(id2) << id2.error();
  const double rescan = seconds_since(t);
  t = std::chrono::steady_clock::now();
  const auto id3 = store.write(second);
  ASSERT_TRUE(id3) << id3.error();
  const double unchanged = seconds_since(t);
  t = std::chrono::steady_clock::now();
  const auto back = store.read(*id2);
  ASSERT_TRUE(back) << back.error();
  const double read = seconds_since(t);
  std::printf("50,000 files x 8 functions: write %.2f s, rewrite after changes %.2f s, unchanged %.3f s, read %.2f s, "
              "file %.1f MB\n",
              fresh, rescan, unchanged, read, static_cast<double>(std::filesystem::file_size(path)) / 1e6);
  EXPECT_EQ(test::first_difference(second, *back), "");
  EXPECT_EQ(store.list().value().size(), 3u);
}

}  // namespace
}  // namespace oxidize::store
