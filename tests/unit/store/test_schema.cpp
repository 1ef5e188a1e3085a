#include "oxidize/store/schema.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <bit>

#include "oxidize/store/store.hpp"
#include "snapshot_equal.hpp"
#include "store_test_support.hpp"

namespace oxidize::store {
namespace {

using test::TempDir;

sqlite::Database open_raw(const std::string& path) {
  auto db = sqlite::Database::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!db) throw std::runtime_error(db.error());
  return std::move(*db);
}

std::int64_t query(sqlite::Database& db, const std::string& sql) { return db.query_int(sql).value(); }

TEST(Schema, MigrationsAreConsecutiveFromOne) {
  const auto steps = migrations();
  ASSERT_FALSE(steps.empty());
  for (std::size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i].version, static_cast<int>(i) + 1);
  EXPECT_EQ(current_schema_version(), steps.back().version);
  // The first step is the frozen version-1 schema itself.
  EXPECT_EQ(steps[0].sql, k_schema_v1);
}

TEST(Schema, NewFileGetsTheCurrentSchemaMarkedAsOurs) {
  TempDir dir;
  const std::string path = dir.file("new.db");
  auto store = Store::open(path, OpenMode::read_write);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->schema_version(), current_schema_version());
  auto db = open_raw(path);
  EXPECT_EQ(query(db, "PRAGMA user_version"), current_schema_version());
  EXPECT_EQ(query(db, "PRAGMA application_id"), k_application_id);
  EXPECT_EQ(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'snapshots_by_tree'"), 1);
  EXPECT_EQ(query(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('snapshot_history', "
                      "'history_files', 'history_functions', 'history_warnings')"),
            4);
  auto mode = db.prepare("PRAGMA journal_mode").value();
  ASSERT_TRUE(mode.step().value());
  EXPECT_EQ(mode.column_text(0), "wal");
}

// A database made by the first schema exactly as it shipped, holding a
// snapshot, opened by this build: migrated in place, the snapshot intact.
TEST(Schema, VersionOneDatabaseIsMigratedAndKeepsItsSnapshots) {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  model::Snapshot written = test::realistic_snapshot();
  {
    auto db = open_raw(path);
    ASSERT_EQ(migrate(db, migrations().first(1)).value(), 1);
    EXPECT_EQ(query(db, "PRAGMA user_version"), 1);
    EXPECT_EQ(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'snapshots_by_tree'"), 0);
    // Rows as version 1 holds them, written by hand: no code of this build
    // decides what a version-1 database looks like.
    ASSERT_TRUE(db.exec(
        "INSERT INTO analysis_keys VALUES (1, 'oxidize 0.1.0 {}');"
        "INSERT INTO contents VALUES (1, -6144092017055484000, 1, 77, 'c', 12, 1, 0, 0, 0, 'none', 0, '', 1, 1, 0);"
        "INSERT INTO functions VALUES (1, 0, CAST('main' AS BLOB), 1, 1, 10, 11, 1, 2, 2, 0, 0, 9, 0, 0);"
        "INSERT INTO findings VALUES (1, 0, 'OXI-C0004', 'high', 1, 18, CAST('main' AS BLOB), "
        "CAST('gets into ''b''' AS BLOB), CAST('gets(b);' AS BLOB), 81985529216486895, 0, CAST('' AS BLOB));"
        "INSERT INTO manifests VALUES (1, '00000000000000000000000000000001', 1, 1, 1, 1);"
        "INSERT INTO manifest_files VALUES (1, 0, CAST('a.c' AS BLOB), 1, 'none', CAST('' AS BLOB), 0);"
        "INSERT INTO snapshots VALUES (1, '2026-01-02T03:04:05Z', '0.1.0', CAST('/t' AS BLOB), 'filesystem', '', "
        "'{}', 1, 1);"
        "INSERT INTO snapshot_roots VALUES (1, 0, CAST('.' AS BLOB));"
        "INSERT INTO snapshot_skips VALUES (1, 'binary', 2);"
        "INSERT INTO snapshot_warnings VALUES (1, 0, CAST('b.c' AS BLOB), CAST('vanished' AS BLOB));"));
  }
  auto store = Store::open(path, OpenMode::read_write);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->schema_version(), current_schema_version());
  const auto old = store->read(1);
  ASSERT_TRUE(old) << old.error();
  EXPECT_EQ(old->info.created_at, "2026-01-02T03:04:05Z");
  EXPECT_EQ(old->info.roots, std::vector<std::string>{"."});
  ASSERT_EQ(old->files.size(), 1u);
  const model::FileFacts& f = old->files[0].facts;
  EXPECT_EQ(f.hash, std::bit_cast<std::uint64_t>(std::int64_t{-6144092017055484000}));
  ASSERT_EQ(f.functions.size(), 1u);
  EXPECT_EQ(f.functions[0].name, "main");
  EXPECT_EQ(f.functions[0].ccn, 2u);
  ASSERT_EQ(f.hazards.size(), 1u);
  EXPECT_EQ(f.hazards[0].rule, hazards::RuleId::gets_call);
  EXPECT_EQ(f.hazards[0].fingerprint, 0x0123456789abcdefULL);
  EXPECT_EQ(old->skipped[static_cast<std::size_t>(discover::Skip::binary)], 2u);
  ASSERT_EQ(old->warnings.size(), 1u);
  EXPECT_EQ(old->warnings[0].message, "vanished");
  EXPECT_EQ(old->history, std::nullopt);

  // The migrated database takes new snapshots like a new one.
  const auto id = store->write(written);
  ASSERT_TRUE(id) << id.error();
  EXPECT_EQ(test::first_difference(written, store->read(*id).value()), "");
  auto db = open_raw(path);
  EXPECT_EQ(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'snapshots_by_tree'"), 1);
  EXPECT_EQ(query(db, "PRAGMA user_version"), current_schema_version());
}

// A database made by version 2 (the steps up to 2, as they shipped),
// holding a snapshot, opened by this build: migrated in place to the
// history tables, the old snapshot intact and without a history.
TEST(Schema, VersionTwoDatabaseIsMigratedAndItsSnapshotsHaveNoHistory) {
  TempDir dir;
  const std::string path = dir.file("v2.db");
  {
    auto db = open_raw(path);
    ASSERT_EQ(migrate(db, migrations().first(2)).value(), 2);
    EXPECT_EQ(query(db, "PRAGMA user_version"), 2);
    EXPECT_EQ(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'snapshots_by_tree'"), 1);
    EXPECT_EQ(query(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%history%'"), 0);
    // Rows as version 2 holds them, written by hand (two snapshots of one
    // file list, the second of another tree).
    ASSERT_TRUE(db.exec(
        "INSERT INTO analysis_keys VALUES (1, 'oxidize 0.1.0 {}');"
        "INSERT INTO contents VALUES (1, 42, 1, 77, 'rust', 30, 2, 1, 0, 0, 'none', 0, '', 1, 0, 1);"
        "INSERT INTO functions VALUES (1, 0, CAST('m::f' AS BLOB), 1, 2, 10, 29, 2, 1, 1, 0, 0, 7, 1, 1);"
        "INSERT INTO parse_issues VALUES (1, 0, 2, CAST('unbalanced braces' AS BLOB));"
        "INSERT INTO manifests VALUES (1, '00000000000000000000000000000002', 1, 2, 1, 0);"
        "INSERT INTO manifest_files VALUES (1, 0, CAST('lib.rs' AS BLOB), 1, 'none', CAST('' AS BLOB), 0);"
        "INSERT INTO snapshots VALUES (1, '2026-06-01T00:00:00Z', '0.1.0', CAST('/t' AS BLOB), 'git', "
        "'0123456789abcdef0123456789abcdef01234567', '{}', 1, 1);"
        "INSERT INTO snapshots VALUES (2, '2026-06-02T00:00:00Z', '0.1.0', CAST('/u' AS BLOB), 'filesystem', '', "
        "'{}', 1, 1);"
        "INSERT INTO snapshot_roots VALUES (1, 0, CAST('.' AS BLOB));"
        "INSERT INTO snapshot_skips VALUES (2, 'too_large', 1);"
        "INSERT INTO snapshot_warnings VALUES (1, 0, CAST('x.c' AS BLOB), CAST('vanished' AS BLOB));"));
  }
  // Read-only, a version-2 store is not read (it would lack the tables).
  const auto read_only = Store::open(path, OpenMode::read_only);
  ASSERT_FALSE(read_only);
  EXPECT_NE(read_only.error().find("schema version 2"), std::string::npos) << read_only.error();

  auto store = Store::open(path, OpenMode::read_write);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->schema_version(), current_schema_version());
  const auto first = store->read(1);
  ASSERT_TRUE(first) << first.error();
  EXPECT_EQ(first->history, std::nullopt);
  EXPECT_EQ(first->info.commit, "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(first->info.source, "git");
  ASSERT_EQ(first->files.size(), 1u);
  EXPECT_EQ(first->files[0].path, "lib.rs");
  EXPECT_EQ(first->files[0].facts.language, discover::Language::rust);
  ASSERT_EQ(first->files[0].facts.functions.size(), 1u);
  EXPECT_EQ(first->files[0].facts.functions[0].name, "m::f");
  EXPECT_TRUE(first->files[0].facts.functions[0].is_unsafe);
  ASSERT_EQ(first->files[0].facts.parse_issues.size(), 1u);
  EXPECT_EQ(first->files[0].facts.parse_issues[0].message, "unbalanced braces");
  ASSERT_EQ(first->warnings.size(), 1u);
  EXPECT_EQ(first->warnings[0].message, "vanished");
  const auto second = store->read(2);
  ASSERT_TRUE(second) << second.error();
  EXPECT_EQ(second->history, std::nullopt);
  EXPECT_EQ(second->info.tree, "/u");
  EXPECT_EQ(second->skipped[static_cast<std::size_t>(discover::Skip::too_large)], 1u);
  EXPECT_EQ(store->resolve("latest", "/t").value(), 1);

  // The migrated database takes snapshots with a history, and without.
  model::Snapshot with = test::realistic_snapshot();
  with.history = test::sample_history();
  const auto id = store->write(with);
  ASSERT_TRUE(id) << id.error();
  EXPECT_EQ(test::first_difference(with, store->read(*id).value()), "");
  model::Snapshot without = test::realistic_snapshot();
  const auto id2 = store->write(without);
  ASSERT_TRUE(id2) << id2.error();
  EXPECT_EQ(test::first_difference(without, store->read(*id2).value()), "");
  auto db = open_raw(path);
  EXPECT_EQ(query(db, "PRAGMA user_version"), current_schema_version());
  EXPECT_EQ(query(db, "SELECT count(*) FROM snapshot_history"), 1);
  auto fk = db.prepare("PRAGMA foreign_key_check").value();
  EXPECT_FALSE(fk.step().value());
}

TEST(Schema, FailedMigrationChangesNothing) {
  TempDir dir;
  const std::string path = dir.file("m.db");
  auto db = open_raw(path);
  ASSERT_TRUE(migrate(db, migrations().first(1)));
  const Migration broken[] = {{1, k_schema_v1}, {2, "CREATE TABLE extra (x INTEGER)"}, {3, "NOT SQL AT ALL"}};
  const auto r = migrate(db, broken);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("cannot upgrade the store from schema version 2 to 3"), std::string::npos) << r.error();
  EXPECT_EQ(query(db, "PRAGMA user_version"), 1);
  EXPECT_EQ(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'extra'"), 0);
}

TEST(Schema, AnotherProgramsDatabaseIsLeftAlone) {
  TempDir dir;
  const std::string path = dir.file("other.db");
  {
    auto db = open_raw(path);
    ASSERT_TRUE(db.exec("CREATE TABLE mine (x INTEGER); INSERT INTO mine VALUES (1)"));
  }
  const std::string before = test::read_bytes(path);
  const auto store = Store::open(path, OpenMode::read_write);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("not an oxidize store"), std::string::npos) << store.error();
  EXPECT_EQ(test::read_bytes(path), before);
}

}  // namespace
}  // namespace oxidize::store
