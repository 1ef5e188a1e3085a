// The store under bad conditions: a newer schema, a damaged file, a place it
// may not write, two writers at once. (A writer killed mid-write is tested
// for real by tests/store/test_store_sigkill.py.)
#include <gtest/gtest.h>
#include <grp.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "oxidize/store/schema.hpp"
#include "oxidize/store/store.hpp"
#include "snapshot_equal.hpp"
#include "store_test_support.hpp"
#include "synthetic_snapshot.hpp"

namespace oxidize::store {
namespace {

using test::TempDir;
namespace fs = std::filesystem;

void expect_one_line(const std::string& message) {
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_FALSE(message.empty());
}

void make_store(const std::string& path, std::size_t files = 50) {
  auto store = Store::open(path, OpenMode::read_write);
  ASSERT_TRUE(store) << store.error();
  ASSERT_TRUE(store->write(test::synthetic_snapshot({.files = files, .functions_per_file = 8}, 0)));
}

TEST(StoreFaults, NewerSchemaIsRefusedAndLeftUnchanged) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  make_store(path);
  const int newer = current_schema_version() + 1;
  {
    auto db = sqlite::Database::open(path, SQLITE_OPEN_READWRITE).value();
    ASSERT_TRUE(db.exec("PRAGMA user_version = " + std::to_string(newer)));
  }
  ASSERT_FALSE(fs::exists(path + "-wal"));  // all in the main file: the bytes below are the whole database
  const std::string before = test::read_bytes(path);
  for (const OpenMode mode : {OpenMode::read_write, OpenMode::read_only}) {
    const auto store = Store::open(path, mode);
    ASSERT_FALSE(store);
    expect_one_line(store.error());
    EXPECT_NE(store.error().find("schema version " + std::to_string(newer)), std::string::npos) << store.error();
    EXPECT_NE(store.error().find("up to version " + std::to_string(current_schema_version())), std::string::npos)
        << store.error();
    EXPECT_NE(store.error().find("newer oxidize"), std::string::npos);
    EXPECT_EQ(test::read_bytes(path), before);
  }
}

TEST(StoreFaults, RandomBytesAreNotAStore) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  std::mt19937_64 rng(7);
  std::string junk(16384, '\0');
  for (char& c : junk) c = static_cast<char>(rng());
  test::write_bytes(path, junk);
  for (const OpenMode mode : {OpenMode::read_write, OpenMode::read_only}) {
    const auto store = Store::open(path, mode);
    ASSERT_FALSE(store);
    expect_one_line(store.error());
    EXPECT_NE(store.error().find(path + ": "), std::string::npos) << store.error();
    EXPECT_NE(store.error().find("not an oxidize store"), std::string::npos) << store.error();
    EXPECT_NE(store.error().find("--store PATH"), std::string::npos) << store.error();
  }
  EXPECT_EQ(test::read_bytes(path), junk);
}

TEST(StoreFaults, TruncatedStoreGivesAClearMessage) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  make_store(path, 3000);
  ASSERT_FALSE(fs::exists(path + "-wal"));
  const auto size = fs::file_size(path);
  ASSERT_GT(size, 100'000u);
  fs::resize_file(path, size / 2);
  // Wherever the damage shows (opening, listing or reading), it is one line
  // that names the file and says what to do; nothing crashes.
  for (const OpenMode mode : {OpenMode::read_write, OpenMode::read_only}) {
    std::string error;
    if (auto store = Store::open(path, mode); !store) {
      error = store.error();
    } else if (auto list = store->list(); !list) {
      error = list.error();
    } else if (auto read = store->read(1); !read) {
      error = read.error();
    }
    expect_one_line(error);
    EXPECT_NE(error.find(path), std::string::npos) << error;
    EXPECT_NE(error.find("--store PATH"), std::string::npos) << error;
  }
}

TEST(StoreFaults, ParentThatIsAFileFailsInOneLine) {
  TempDir dir;
  test::write_bytes(dir.path() / "plain", "x");
  const std::string path = dir.file("plain/.oxidize/oxidize.db");
  const auto store = Store::open(path, OpenMode::read_write);
  ASSERT_FALSE(store);
  expect_one_line(store.error());
  EXPECT_NE(store.error().find("cannot create the folder"), std::string::npos) << store.error();
  const auto dir_as_store = Store::open(dir.path().string(), OpenMode::read_write);
  ASSERT_FALSE(dir_as_store);
  EXPECT_NE(dir_as_store.error().find("is a directory"), std::string::npos) << dir_as_store.error();
}

TEST(StoreFaults, ReadOnlyModeNeverCreatesAStore) {
  TempDir dir;
  const std::string path = dir.file("none.db");
  const auto store = Store::open(path, OpenMode::read_only);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("no store here yet"), std::string::npos) << store.error();
  EXPECT_FALSE(fs::exists(path));
}

// Runs `check` as an unprivileged user (nobody) when the tests run as root,
// where permissions would not stop a write; returns what it reported.
std::string as_unprivileged(const std::function<std::string()>& check) {
  if (::geteuid() != 0) return check();
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    std::string out;
    if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) out = "cannot drop root";
    else out = check();
    const ssize_t n = ::write(fds[1], out.data(), out.size());
    ::_exit(n == static_cast<ssize_t>(out.size()) ? 0 : 1);
  }
  ::close(fds[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) out += " (child failed)";
  return out;
}

TEST(StoreFaults, UnwritableLocationFailsInOneLine) {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0755));
  const fs::path locked = dir.path() / "locked";
  fs::create_directory(locked);
  make_store((locked / "existing.db").string());
  fs::permissions(locked, fs::perms(0555));
  fs::permissions(locked / "existing.db", fs::perms(0444));

  const std::string report = as_unprivileged([&] {
    std::string out;
    // A new store where no folder can be created.
    if (auto s = Store::open((locked / ".oxidize" / "oxidize.db").string(), OpenMode::read_write); s)
      out += "created a store in a read-only folder\n";
    else
      out += "new: " + s.error() + "\n";
    // A new file in a read-only folder.
    if (auto s = Store::open((locked / "new.db").string(), OpenMode::read_write); s)
      out += "created a file in a read-only folder\n";
    else
      out += "file: " + s.error() + "\n";
    // An existing store that may not be written: refused at open, not at the end of a scan.
    if (auto s = Store::open((locked / "existing.db").string(), OpenMode::read_write); s)
      out += "opened a read-only store for writing\n";
    else
      out += "existing: " + s.error() + "\n";
    return out;
  });
  SCOPED_TRACE(report);
  EXPECT_EQ(report.find("created"), std::string::npos);
  EXPECT_EQ(report.find("opened"), std::string::npos);
  EXPECT_EQ(report.find("child failed"), std::string::npos);
  EXPECT_NE(report.find("new: " + (locked / ".oxidize" / "oxidize.db").string() + ": cannot create the folder"),
            std::string::npos);
  EXPECT_NE(report.find("file: " + (locked / "new.db").string() + ": cannot open"), std::string::npos);
  EXPECT_NE(report.find("existing: " + (locked / "existing.db").string() + ": the store is not writable"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(locked / "new.db"));
  // Each report is one line.
  EXPECT_EQ(std::count(report.begin(), report.end(), '\n'), 3);
}

// Someone else's store: no -shm can be created beside it, yet it reads.
TEST(StoreFaults, AStoreThatMayNotBeWrittenStillReads) {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0755));
  const fs::path theirs = dir.path() / "theirs";
  fs::create_directory(theirs);
  const std::string path = (theirs / "s.db").string();
  make_store(path);
  ASSERT_FALSE(fs::exists(path + "-shm"));
  fs::permissions(theirs, fs::perms(0555));
  fs::permissions(path, fs::perms(0444));
  const std::string report = as_unprivileged([&] {
    auto store = Store::open(path, OpenMode::read_only);
    if (!store) return "open: " + store.error();
    const auto read = store->read(1);
    if (!read) return "read: " + read.error();
    return std::string(read->files.size() == 50 ? "ok" : "wrong") + " " + store->path();
  });
  EXPECT_EQ(report, "ok " + path);
}

TEST(StoreFaults, TwoWritersAtOnceBothSucceed) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  constexpr int k_each = 6;
  std::vector<std::string> errors(2);
  auto writer = [&](int who) {
    auto store = Store::open(path, OpenMode::read_write);
    if (!store) {
      errors[static_cast<std::size_t>(who)] = store.error();
      return;
    }
    for (int i = 0; i < k_each; ++i) {
      const auto id = store->write(test::synthetic_snapshot({.files = 400, .functions_per_file = 8},
                                                            static_cast<std::uint64_t>(who * 100 + i)));
      if (!id) errors[static_cast<std::size_t>(who)] += id.error() + "\n";
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  auto store = Store::open(path, OpenMode::read_only).value();
  const auto list = store.list().value();
  ASSERT_EQ(list.size(), 2u * k_each);
  for (const auto& l : list) {
    const auto generation = std::stoull(l.info.options.substr(l.info.options.find(':') + 1));
    const auto expected = test::synthetic_snapshot({.files = 400, .functions_per_file = 8}, generation);
    EXPECT_EQ(test::first_difference(expected, store.read(l.info.id).value()), "") << generation;
  }
}

TEST(StoreFaults, AWriterWaitsForTheLockInsteadOfFailing) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  make_store(path);
  auto holder = sqlite::Database::open(path, SQLITE_OPEN_READWRITE).value();
  ASSERT_TRUE(holder.exec("BEGIN IMMEDIATE"));
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    (void)holder.exec("COMMIT");
  });
  auto store = Store::open(path, OpenMode::read_write).value();
  const auto start = std::chrono::steady_clock::now();
  const auto id = store.write(test::synthetic_snapshot({.files = 10, .functions_per_file = 2}, 1));
  const auto waited = std::chrono::steady_clock::now() - start;
  release.join();
  ASSERT_TRUE(id) << id.error();
  EXPECT_GE(waited, std::chrono::milliseconds(300));

  // With a short timeout the error says what happened, in one line.
  ASSERT_TRUE(holder.exec("BEGIN IMMEDIATE"));
  auto impatient = Store::open(path, OpenMode::read_write, {.busy_timeout = std::chrono::milliseconds(50)}).value();
  const auto failed = impatient.write(model::Snapshot{});
  ASSERT_FALSE(failed);
  expect_one_line(failed.error());
  EXPECT_NE(failed.error().find("database is locked"), std::string::npos) << failed.error();
  ASSERT_TRUE(holder.exec("ROLLBACK"));
}

}  // namespace
}  // namespace oxidize::store
