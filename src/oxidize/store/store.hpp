#pragma once
// The snapshot store: model::Snapshot in and out of an SQLite file
// (docs/store.md). Content-addressed: a file's facts are written once per
// (content hash, analysis key, facts), and a tree's file list once per
// distinct list, so writing the snapshot of an unchanged tree adds one row
// to `snapshots` and a few to its side tables.
//
// One Store is one connection: use it from one thread at a time. Several
// Stores, in one process or several, may write the same file at once: each
// snapshot is one transaction, and a writer waits for another (WAL mode,
// busy timeout) instead of failing.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/model/snapshot_listing.hpp"
#include "oxidize/store/sqlite.hpp"

namespace oxidize::store {

enum class OpenMode {
  read_write,  // creates the file (and its parent folders) if missing; migrates an older schema
  read_only,   // never writes: the file must exist at the current schema version
};

struct OpenOptions {
  // How long a writer waits for another one before giving up with "database
  // is locked". Writing the kernel's snapshot takes about a second.
  std::chrono::milliseconds busy_timeout{30'000};
};

// The analysis key used when write() is given none: facts depend on the
// version of the tool that made them (info.tool_version, else this build's)
// and on the options that change results.
std::string default_analysis_key(const model::SnapshotInfo& info);

class Store {
 public:
  static tl::expected<Store, std::string> open(const std::string& path, OpenMode mode, OpenOptions options = {});

  // Writes one snapshot in one transaction and returns its id. A snapshot
  // without created_at gets the current time; info.id is ignored.
  // `analysis_key` names the analysis that produced the facts (tool version
  // and options); empty means default_analysis_key(snapshot.info).
  tl::expected<std::int64_t, std::string> write(const model::Snapshot& snapshot, std::string_view analysis_key = {});

  // Every snapshot's info and totals, oldest first.
  tl::expected<std::vector<model::SnapshotListing>, std::string> list();

  // The snapshot as written, field for field. Findings of rules this build
  // does not know (a newer oxidize wrote them), and files or skip counts in
  // languages or reasons it does not know, are dropped and counted in one
  // warning each (path: the store's file).
  tl::expected<model::Snapshot, std::string> read(std::int64_t id);

  // The newest snapshot's id (of `tree` when given), or nullopt when none.
  tl::expected<std::optional<std::int64_t>, std::string> latest_id(std::string_view tree = {});

  // A snapshot named on the command line: "latest" (or "-1"), "-N" for the
  // Nth newest, or a numeric id. With `tree`, relative names count only that
  // tree's snapshots; an id is an id whatever its tree. Errors name the store.
  tl::expected<std::int64_t, std::string> resolve(std::string_view ref, std::string_view tree = {});

  const std::string& path() const { return m_db.path(); }
  int schema_version() const { return m_schema_version; }

 private:
  Store(sqlite::Database db, int schema_version) : m_db(std::move(db)), m_schema_version(schema_version) {}

  sqlite::Database m_db;
  int m_schema_version = 0;
};

}  // namespace oxidize::store
