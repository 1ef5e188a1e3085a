#include "oxidize/store/batch_insert.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace oxidize::store {
namespace {

sqlite::Database memory_db() {
  auto db = sqlite::Database::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE).value();
  EXPECT_TRUE(db.exec("CREATE TABLE t (n INTEGER NOT NULL, s TEXT NOT NULL, b BLOB NOT NULL)"));
  return db;
}

// Every row arrives, in order, whether it went in with a full batch or
// with the remainder, and an empty blob stays an empty blob (not NULL).
TEST(BatchInsert, EveryRowArrivesWhateverTheCount) {
  for (const int rows : {0, 1, 4, 5, 9, 23}) {
    auto db = memory_db();
    auto ins = BatchInsert::prepare(db, "t (n, s, b)", 3, 4).value();
    std::vector<std::string> blobs;
    for (int i = 0; i < rows; ++i) blobs.push_back(i % 3 == 0 ? std::string() : std::string("x\0y", 3) + std::to_string(i));
    for (int i = 0; i < rows; ++i) {
      ins.set(0, i);
      ins.set_text(1, i % 2 == 0 ? "even" : "odd");
      ins.set_blob(2, blobs[static_cast<std::size_t>(i)]);
      ASSERT_TRUE(ins.end_row());
    }
    ASSERT_TRUE(ins.flush());
    auto q = db.prepare("SELECT n, s, b, typeof(b) FROM t ORDER BY rowid").value();
    int seen = 0;
    while (q.step().value()) {
      EXPECT_EQ(q.column_int64(0), seen);
      EXPECT_EQ(q.column_text(1), seen % 2 == 0 ? "even" : "odd");
      EXPECT_EQ(q.column_blob(2), blobs[static_cast<std::size_t>(seen)]);
      EXPECT_EQ(q.column_text(3), "blob");
      ++seen;
    }
    EXPECT_EQ(seen, rows);
  }
}

TEST(BatchInsert, ConstraintErrorsComeBackFromTheRowThatRunsTheBatch) {
  auto db = memory_db();
  ASSERT_TRUE(db.exec("CREATE UNIQUE INDEX one_n ON t (n)"));
  auto ins = BatchInsert::prepare(db, "t (n, s, b)", 3, 2).value();
  for (const int n : {1, 1}) {
    ins.set(0, n);
    ins.set_text(1, "s");
    ins.set_blob(2, "b");
    const auto r = ins.end_row();
    if (!r) {
      EXPECT_NE(r.error().find("UNIQUE constraint failed"), std::string::npos) << r.error();
      return;
    }
  }
  FAIL() << "the duplicate went in";
}

}  // namespace
}  // namespace oxidize::store
