#include "oxidize/store/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <limits>
#include <regex>

#include "oxidize/model/snapshot_listing.hpp"
#include "oxidize/store/schema.hpp"
#include "snapshot_equal.hpp"
#include "store_test_support.hpp"
#include "synthetic_snapshot.hpp"
#include "oxidize/version.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::store {
namespace {

using test::TempDir;

Store open_store(const std::string& path, OpenMode mode = OpenMode::read_write) {
  auto s = Store::open(path, mode);
  if (!s) throw std::runtime_error(s.error());
  return std::move(*s);
}

std::int64_t rows(const std::string& path, const std::string& table) {
  auto db = sqlite::Database::open(path, SQLITE_OPEN_READONLY);
  if (!db) throw std::runtime_error(db.error());
  return db->query_int("SELECT count(*) FROM " + table).value();
}

TEST(Store, RealisticSnapshotRoundTripsInEveryField) {
  TempDir dir;
  const model::Snapshot written = test::realistic_snapshot();
  // The fixture covers what it claims to.
  std::size_t functions = 0, findings = 0, suppressed = 0, issues = 0;
  for (const auto& f : written.files) {
    functions += f.facts.functions.size();
    findings += f.facts.hazards.size();
    issues += f.facts.parse_issues.size();
    for (const auto& h : f.facts.hazards) suppressed += h.suppressed ? 1 : 0;
  }
  EXPECT_GT(written.files.size(), 60u);
  EXPECT_GT(functions, 250u);
  EXPECT_GT(findings, 80u);
  EXPECT_GT(suppressed, 0u);
  EXPECT_GT(issues, 0u);

  Store store = open_store(dir.file("s.db"));
  const auto id = store.write(written);
  ASSERT_TRUE(id) << id.error();
  const auto read = store.read(*id);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->info.id, *id);
  EXPECT_EQ(test::first_difference(written, *read), "");

  // And from another connection, read-only, after this one is gone.
  { Store gone = std::move(store); }
  Store reader = open_store(dir.file("s.db"), OpenMode::read_only);
  const auto again = reader.read(*id);
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(test::first_difference(written, *again), "");
}

// The history's own count of rows in a table, for one snapshot.
std::int64_t history_rows(const std::string& path, const std::string& table, std::int64_t id) {
  return rows(path, table + " WHERE snapshot_id = " + std::to_string(id));
}

TEST(Store, HistoryRoundTripsExactly) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  model::Snapshot written = test::realistic_snapshot();
  written.history = test::sample_history();
  Store store = open_store(path);
  const auto id = store.write(written);
  ASSERT_TRUE(id) << id.error();
  const auto read = store.read(*id);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(test::first_difference(written, *read), "");
  ASSERT_TRUE(read->history.has_value());
  EXPECT_TRUE(*read->history == *written.history);
  EXPECT_EQ(history_rows(path, "snapshot_history", *id), 1);
  EXPECT_EQ(history_rows(path, "history_files", *id), 4);
  EXPECT_EQ(history_rows(path, "history_functions", *id), 6);
  EXPECT_EQ(history_rows(path, "history_warnings", *id), 3);

  { Store gone = std::move(store); }
  const auto again = open_store(path, OpenMode::read_only).read(*id);
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(test::first_difference(written, *again), "");
  EXPECT_TRUE(again->history == written.history);
}

TEST(Store, SnapshotWithoutHistoryReadsBackWithout) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  const model::Snapshot written = test::realistic_snapshot();
  ASSERT_FALSE(written.history.has_value());
  Store store = open_store(path);
  const auto id = store.write(written);
  ASSERT_TRUE(id) << id.error();
  const auto read = store.read(*id);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->history, std::nullopt);
  EXPECT_EQ(test::first_difference(written, *read), "");
  for (const char* table : {"snapshot_history", "history_files", "history_functions", "history_warnings"})
    EXPECT_EQ(rows(path, table), 0) << table;
}

TEST(Store, EmptyHistoryIsStillAHistory) {
  // A repository with no source file at its last commit: a history, with no files.
  TempDir dir;
  const std::string path = dir.file("s.db");
  Store store = open_store(path);
  model::Snapshot written;
  written.info.created_at = "2026-01-01T00:00:00Z";
  written.history.emplace();
  const auto id = store.write(written);
  ASSERT_TRUE(id) << id.error();
  const auto read = store.read(*id);
  ASSERT_TRUE(read) << read.error();
  ASSERT_TRUE(read->history.has_value());
  EXPECT_TRUE(read->history == written.history);
  EXPECT_EQ(read->history->info.walk, "first-parent");
  EXPECT_TRUE(read->history->info.renames);
  EXPECT_EQ(test::first_difference(written, *read), "");
}

TEST(Store, HistoryDoublesKeepTheirBits) {
  // Stored as their IEEE 754 bits: what operator== cannot see is kept too.
  TempDir dir;
  Store store = open_store(dir.file("s.db"));
  model::Snapshot written;
  written.info.created_at = "2026-01-01T00:00:00Z";
  model::History& h = written.history.emplace();
  h.files.push_back({"a.c", {}, {3, std::numeric_limits<double>::quiet_NaN(), -0.0}, 0, {}});
  h.files.push_back({"b.c", {}, {1, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::max()}, 0,
                     {{"f", 1, 2, {}, {1, std::numeric_limits<double>::denorm_min(), std::nextafter(1.0, 0.0)}}}});
  const auto id = store.write(written);
  ASSERT_TRUE(id) << id.error();
  const auto read = store.read(*id);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(test::first_difference(written, *read), "");  // compares doubles by bits
  ASSERT_TRUE(read->history.has_value());
  EXPECT_TRUE(std::isnan(read->history->files[0].age.median_age_days));
  EXPECT_TRUE(std::signbit(read->history->files[0].age.young_share));
}

TEST(Store, HistoriesOfSnapshotsStayApart) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  Store store = open_store(path);
  model::Snapshot with = test::synthetic_snapshot({.files = 20, .functions_per_file = 3}, 0);
  with.history = test::sample_history();
  model::Snapshot without = with;
  without.history.reset();
  model::Snapshot other = with;
  other.history->info.head = "fedcba9876543210fedcba9876543210fedcba98";
  other.history->files[1].functions.pop_back();
  other.history->files[2].change.commits += 1;
  other.history->files.pop_back();
  other.history->warnings.clear();
  const std::int64_t a = store.write(with).value();
  const std::int64_t b = store.write(without).value();
  const std::int64_t c = store.write(other).value();
  const std::int64_t d = store.write(with).value();
  // The tree did not change: one file list, whatever its history says.
  EXPECT_EQ(rows(path, "manifests"), 1);
  EXPECT_EQ(test::first_difference(with, store.read(a).value()), "");
  EXPECT_EQ(test::first_difference(without, store.read(b).value()), "");
  EXPECT_EQ(test::first_difference(other, store.read(c).value()), "");
  EXPECT_EQ(test::first_difference(with, store.read(d).value()), "");
  EXPECT_EQ(rows(path, "snapshot_history"), 3);
  EXPECT_EQ(history_rows(path, "history_files", c), 3);
  EXPECT_EQ(history_rows(path, "history_warnings", c), 0);

  auto db = sqlite::Database::open(path, SQLITE_OPEN_READONLY).value();
  auto fk = db.prepare("PRAGMA foreign_key_check").value();
  EXPECT_FALSE(fk.step().value());
  auto check = db.prepare("PRAGMA integrity_check").value();
  ASSERT_TRUE(check.step().value());
  EXPECT_EQ(check.column_text(0), "ok");
}

TEST(Store, MissingHistoryRowsAreReportedAsDamage) {
  for (const char* damage : {"DELETE FROM history_functions WHERE ordinal = 1",
                             "DELETE FROM history_warnings WHERE ordinal = 2",
                             "UPDATE history_functions SET ordinal = 7 WHERE ordinal = 1",
                             "UPDATE snapshot_history SET file_count = 5"}) {
    TempDir dir;
    const std::string path = dir.file("s.db");
    {
      Store store = open_store(path);
      model::Snapshot s = test::synthetic_snapshot({.files = 5, .functions_per_file = 3}, 0);
      s.history = test::sample_history();
      ASSERT_TRUE(store.write(s));
      auto db = sqlite::Database::open(path, SQLITE_OPEN_READWRITE).value();
      ASSERT_TRUE(db.exec(damage)) << damage;
    }
    const auto read = open_store(path, OpenMode::read_only).read(1);
    ASSERT_FALSE(read) << damage;
    EXPECT_NE(read.error().find("the store is damaged"), std::string::npos) << damage << ": " << read.error();
  }
}

TEST(Store, EmptySnapshotRoundTrips) {
  TempDir dir;
  Store store = open_store(dir.file("s.db"));
  model::Snapshot empty;
  empty.info.created_at = "2026-01-01T00:00:00Z";
  const auto id = store.write(empty);
  ASSERT_TRUE(id) << id.error();
  const auto read = store.read(*id);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(test::first_difference(empty, *read), "");
}

TEST(Store, CreatedAtIsSetWhenEmpty) {
  TempDir dir;
  Store store = open_store(dir.file("s.db"));
  const auto id = store.write(model::Snapshot{});
  ASSERT_TRUE(id);
  const std::string at = store.read(*id)->info.created_at;
  EXPECT_TRUE(std::regex_match(at, std::regex(R"(20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << at;
  EXPECT_EQ(at, util::utc_now_iso8601().substr(0, 10) + at.substr(10));
}

TEST(Store, UnchangedTreeWritesOnlyItsSnapshotRows) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  Store store = open_store(path);
  model::Snapshot s = test::realistic_snapshot();
  ASSERT_TRUE(store.write(s));
  // Two records share their bytes and facts: one contents row.
  EXPECT_EQ(rows(path, "contents"), static_cast<std::int64_t>(s.files.size()) - 1);
  const std::int64_t functions = rows(path, "functions");
  s.info.created_at = "2026-12-07T08:00:00Z";
  ASSERT_TRUE(store.write(s));
  EXPECT_EQ(rows(path, "snapshots"), 2);
  EXPECT_EQ(rows(path, "manifests"), 1);
  EXPECT_EQ(rows(path, "contents"), static_cast<std::int64_t>(s.files.size()) - 1);
  EXPECT_EQ(rows(path, "functions"), functions);
  EXPECT_EQ(rows(path, "manifest_files"), static_cast<std::int64_t>(s.files.size()));

  // One file changes: one new contents row, a new file list, nothing else.
  s.files[3].facts.functions.at(0).ccn += 1;
  ASSERT_TRUE(store.write(s));
  EXPECT_EQ(rows(path, "manifests"), 2);
  EXPECT_EQ(rows(path, "contents"), static_cast<std::int64_t>(s.files.size()));
  EXPECT_EQ(rows(path, "functions"), functions + static_cast<std::int64_t>(s.files[3].facts.functions.size()));
  EXPECT_EQ(test::first_difference(s, store.read(3).value()), "");

  // Every reference holds and the file is sound.
  auto db = sqlite::Database::open(path, SQLITE_OPEN_READONLY).value();
  auto fk = db.prepare("PRAGMA foreign_key_check").value();
  EXPECT_FALSE(fk.step().value());
  auto check = db.prepare("PRAGMA integrity_check").value();
  ASSERT_TRUE(check.step().value());
  EXPECT_EQ(check.column_text(0), "ok");
}

TEST(Store, SameHashAndKeyWithOtherFactsIsStoredApart) {
  // An analysis key that forgot an option must not hand back another file's facts.
  TempDir dir;
  Store store = open_store(dir.file("s.db"));
  model::Snapshot a = test::synthetic_snapshot({.files = 3, .functions_per_file = 2}, 0);
  model::Snapshot b = a;
  b.files[0].facts.functions.clear();
  ASSERT_TRUE(store.write(a, "key"));
  ASSERT_TRUE(store.write(b, "key"));
  EXPECT_EQ(test::first_difference(a, store.read(1).value()), "");
  EXPECT_EQ(test::first_difference(b, store.read(2).value()), "");
}

TEST(Store, ListGivesInfoAndTotalsOldestFirst) {
  TempDir dir;
  Store store = open_store(dir.file("s.db"));
  const model::Snapshot s = test::realistic_snapshot();
  model::Snapshot other = test::synthetic_snapshot({.files = 10, .functions_per_file = 3}, 4);
  ASSERT_TRUE(store.write(s));
  ASSERT_TRUE(store.write(other));
  const auto list = store.list();
  ASSERT_TRUE(list) << list.error();
  ASSERT_EQ(list->size(), 2u);
  const model::SnapshotListing& first = (*list)[0];
  EXPECT_EQ(first.info.id, 1);
  EXPECT_EQ(first.info.tree, s.info.tree);
  EXPECT_EQ(first.info.roots, s.info.roots);
  EXPECT_EQ(first.info.commit, s.info.commit);
  EXPECT_EQ(first.info.options, s.info.options);
  EXPECT_EQ(first.info.source, "git");
  EXPECT_EQ(first.info.created_at, s.info.created_at);
  EXPECT_EQ(first.totals, model::snapshot_totals(s.files));
  EXPECT_GT(first.totals.findings, 0u);
  EXPECT_LT(first.totals.files, s.files.size());  // vendored and generated files are not counted
  EXPECT_EQ((*list)[1].info.id, 2);
  EXPECT_EQ((*list)[1].totals, model::snapshot_totals(other.files));
  EXPECT_EQ((*list)[1].info.roots, other.info.roots);
}

TEST(Store, ResolveNamesSnapshots) {
  TempDir dir;
  Store store = open_store(dir.file("s.db"));
  auto none = store.resolve("latest");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().find("no snapshots yet"), std::string::npos) << none.error();
  EXPECT_EQ(store.latest_id().value(), std::nullopt);

  model::Snapshot a, b;
  a.info.tree = "/a";
  b.info.tree = "/b";
  ASSERT_TRUE(store.write(a));  // 1
  ASSERT_TRUE(store.write(b));  // 2
  ASSERT_TRUE(store.write(a));  // 3
  EXPECT_EQ(store.resolve("latest").value(), 3);
  EXPECT_EQ(store.resolve("-1").value(), 3);
  EXPECT_EQ(store.resolve("-2").value(), 2);
  EXPECT_EQ(store.resolve("2").value(), 2);
  EXPECT_EQ(store.resolve("-2", "/a").value(), 1);
  EXPECT_EQ(store.resolve("latest", "/b").value(), 2);
  EXPECT_EQ(store.resolve("1", "/b").value(), 1);  // an id is absolute
  EXPECT_EQ(store.latest_id("/b").value(), 2);
  EXPECT_EQ(store.latest_id("/c").value(), std::nullopt);

  const auto unknown = store.resolve("7");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().find("no snapshot 7"), std::string::npos) << unknown.error();
  EXPECT_NE(unknown.error().find(store.path()), std::string::npos);
  const auto too_far = store.resolve("-4");
  ASSERT_FALSE(too_far);
  EXPECT_NE(too_far.error().find("fewer than 4 snapshots"), std::string::npos) << too_far.error();
  for (const char* bad : {"", "0", "-0", "+1", "1x", "newest", "99999999999999999999", "\x1b[2J"}) {
    const auto r = store.resolve(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().find("no snapshot named '" + std::string(bad) + "': give an id, latest, or -N"),
              std::string::npos)
        << r.error();
  }
  const auto missing = store.read(42);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("no snapshot 42"), std::string::npos) << missing.error();
}

TEST(Store, UnknownRulesAndReasonsAreDroppedWithOneWarningEach) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  const model::Snapshot written = test::realistic_snapshot();
  {
    Store store = open_store(path);
    ASSERT_TRUE(store.write(written));
  }
  {
    // What a newer oxidize could write: a rule and a skip reason this one does not know.
    auto db = sqlite::Database::open(path, SQLITE_OPEN_READWRITE).value();
    ASSERT_TRUE(db.exec("UPDATE findings SET rule = 'OXI-C9999' WHERE ordinal = 0"));
    ASSERT_TRUE(db.exec("INSERT INTO snapshot_skips VALUES (1, 'quantum_flux', 4)"));
  }
  const std::int64_t changed = rows(path, "findings WHERE rule = 'OXI-C9999'");
  ASSERT_GT(changed, 1);
  Store store = open_store(path, OpenMode::read_only);
  const auto read = store.read(1);
  ASSERT_TRUE(read) << read.error();
  std::size_t before = 0, after = 0;
  for (const auto& f : written.files) before += f.facts.hazards.size();
  for (const auto& f : read->files) after += f.facts.hazards.size();
  // Contents shared by two files hold their findings once, read twice.
  EXPECT_GE(before - after, static_cast<std::size_t>(changed));
  EXPECT_EQ(read->files.size(), written.files.size());
  ASSERT_EQ(read->warnings.size(), written.warnings.size() + 2);
  std::string all;
  for (const auto& w : read->warnings) all += w.path + ": " + w.message + "\n";
  EXPECT_NE(all.find(path + ": " + std::to_string(before - after) + " findings dropped"), std::string::npos) << all;
  EXPECT_NE(all.find("rule OXI-C9999"), std::string::npos) << all;
  EXPECT_NE(all.find("1 skip counts dropped"), std::string::npos) << all;
  EXPECT_TRUE(std::is_sorted(read->warnings.begin(), read->warnings.end()));
}

TEST(Store, UnknownLanguageDropsTheFile) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  const model::Snapshot written = test::synthetic_snapshot({.files = 20, .functions_per_file = 2}, 0);
  {
    Store store = open_store(path);
    ASSERT_TRUE(store.write(written));
    auto db = sqlite::Database::open(path, SQLITE_OPEN_READWRITE).value();
    ASSERT_TRUE(db.exec("UPDATE contents SET language = 'zig' WHERE id = 1"));
  }
  const auto read = open_store(path, OpenMode::read_only).read(1);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->files.size(), written.files.size() - 1);
  ASSERT_FALSE(read->warnings.empty());
  EXPECT_NE(read->warnings.back().message.find("1 files dropped"), std::string::npos) << read->warnings.back().message;
  EXPECT_NE(read->warnings.back().message.find("language zig"), std::string::npos);
}

TEST(Store, MissingRowsAreReportedAsDamage) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  {
    Store store = open_store(path);
    ASSERT_TRUE(store.write(test::synthetic_snapshot({.files = 5, .functions_per_file = 3}, 0)));
    auto db = sqlite::Database::open(path, SQLITE_OPEN_READWRITE).value();
    ASSERT_TRUE(db.exec("DELETE FROM functions WHERE ordinal = 1"));
  }
  const auto read = open_store(path, OpenMode::read_only).read(1);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("the store is damaged"), std::string::npos) << read.error();
  EXPECT_NE(read.error().find("--store PATH"), std::string::npos);
}

TEST(Store, AnalysisKeysAreSharedAndSeparate) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  Store store = open_store(path);
  model::Snapshot s = test::synthetic_snapshot({.files = 10, .functions_per_file = 2}, 0);
  s.info.tool_version = "9.9.9";
  ASSERT_TRUE(store.write(s, "v1 opts"));
  ASSERT_TRUE(store.write(s, "v1 opts"));
  ASSERT_TRUE(store.write(s, "v2 opts"));
  EXPECT_EQ(rows(path, "analysis_keys"), 2);
  EXPECT_EQ(rows(path, "contents"), 20);
  EXPECT_EQ(rows(path, "manifests"), 2);
  ASSERT_TRUE(store.write(s));  // the default key: the snapshot's tool version and options
  EXPECT_EQ(rows(path, "analysis_keys WHERE analysis_key = 'oxidize 9.9.9 {\"generation\":0}'"), 1);
  model::Snapshot unversioned = s;
  unversioned.info.tool_version.clear();
  ASSERT_TRUE(store.write(unversioned));  // no version recorded: this build's
  EXPECT_EQ(rows(path, "analysis_keys WHERE analysis_key = 'oxidize " + std::string(k_version) + " {\"generation\":0}'"),
            1);
}

}  // namespace
}  // namespace oxidize::store
