#pragma once
// The store's schema and its migrations. PRAGMA user_version holds the
// version; each migration takes the database from one version to the next,
// and all pending ones run in one transaction, so a database is always at a
// version some release shipped. A new schema version is one more entry in
// migrations() (and a test that migrates a database made by the previous
// one). docs/store.md describes every table.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "oxidize/store/sqlite.hpp"

namespace oxidize::store {

struct Migration {
  int version;           // the schema version this step produces (1, 2, ...)
  std::string_view sql;  // one or more statements
};

// Every step from an empty file to the current schema, in order.
std::span<const Migration> migrations();

// The version this build writes and reads.
int current_schema_version();

// The first schema exactly as it shipped: frozen, never edited (tests build
// a version-1 database from it to check that migrating one works).
extern const std::string_view k_schema_v1;

// "OXDZ": PRAGMA application_id of an oxidize store, so that another
// program's SQLite file is recognised and left alone.
inline constexpr std::int64_t k_application_id = 0x4F58445A;

// The schema version of an open database (0 for a new, empty file), or an
// error when it is another program's database. Reads only.
tl::expected<int, std::string> read_schema_version(sqlite::Database& db);

// Applies each step of `steps` above the database's version, in order, and
// sets the version, in one IMMEDIATE transaction (two processes opening a
// new store at once: one migrates, the other finds it done). Refuses a
// database whose version is above the last step, without changing it.
// Returns the version reached.
tl::expected<int, std::string> migrate(sqlite::Database& db, std::span<const Migration> steps);

// The message for a database made by a newer oxidize (both versions named).
std::string newer_schema_message(const std::string& path, int found, int supported);

}  // namespace oxidize::store
