#include "oxidize/store/store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <charconv>
#include <ctime>
#include <filesystem>
#include <system_error>
#include <thread>

#include "oxidize/store/schema.hpp"
#include "oxidize/store/snapshot_reader.hpp"
#include "oxidize/store/snapshot_writer.hpp"
#include "oxidize/store/try.hpp"
#include "oxidize/util/uri.hpp"
#include "oxidize/version.hpp"

namespace oxidize::store {

namespace fs = std::filesystem;

std::string default_analysis_key(const model::SnapshotInfo& info) {
  // The version that made the facts, which is not this build's when a
  // snapshot read from one store is written to another.
  return fmt::format("oxidize {} {}", info.tool_version.empty() ? std::string_view(k_version) : info.tool_version,
                     info.options);
}

namespace {

tl::expected<void, std::string> create_parent(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return {};
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return tl::unexpected(fmt::format("{}: cannot create the folder {}: {}", path, parent.string(), ec.message()));
  return {};
}

// Settings of the connection (not of the file, except journal_mode).
tl::expected<void, std::string> configure(sqlite::Database& db, OpenMode mode) {
  // Checked on every open: foreign keys are off by default in SQLite.
  OXIDIZE_TRY(db.exec("PRAGMA foreign_keys = ON"));
  if (mode == OpenMode::read_only) return {};
  // WAL: readers never block the writer nor it them, and a commit is one
  // append; with it, NORMAL syncs at checkpoints only, and a power loss can
  // lose the last commits but never corrupt the file. A filesystem without
  // shared memory keeps the rollback journal, which is slower but as safe.
  OXIDIZE_TRY(db.exec("PRAGMA journal_mode = WAL"));
  OXIDIZE_TRY(db.exec("PRAGMA synchronous = NORMAL"));
  // A big snapshot touches many index pages; 64 MiB keeps them in memory.
  OXIDIZE_TRY(db.exec("PRAGMA cache_size = -65536"));
  return {};
}

tl::expected<sqlite::Database, std::string> open_file(const std::string& path, OpenMode mode) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) return tl::unexpected(fmt::format("{}: is a directory, not a store", path));
  if (mode == OpenMode::read_only) {
    if (!fs::exists(status))
      return tl::unexpected(fmt::format("{}: no store here yet (a scan creates it; --store PATH names another)", path));
    return sqlite::Database::open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  }
  OXIDIZE_TRY(create_parent(path));
  auto db = sqlite::Database::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!db) return tl::unexpected(fmt::format("{} (is the folder writable? --store PATH chooses another place)", db.error()));
  // SQLite quietly opens a file it may not write read-only: say so now
  // rather than at the end of a scan.
  if (db->is_read_only())
    return tl::unexpected(fmt::format("{}: the store is not writable (--store PATH chooses another place)", path));
  return db;
}

// The id of the (n+1)th newest snapshot (of `tree` when not empty).
tl::expected<std::optional<std::int64_t>, std::string> nth_latest(sqlite::Database& db, std::string_view tree,
                                                                  std::int64_t n) {
  OXIDIZE_TRY_VALUE(s, db.prepare(tree.empty()
                                      ? "SELECT id FROM snapshots ORDER BY id DESC LIMIT 1 OFFSET ?1"
                                      : "SELECT id FROM snapshots WHERE tree = ?2 ORDER BY id DESC LIMIT 1 OFFSET ?1"));
  s.bind(1, n);
  if (!tree.empty()) s.bind_blob(2, tree);
  OXIDIZE_TRY_VALUE(row, s.step());
  if (!row) return std::nullopt;
  return s.column_int64(0);
}

std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || s.front() == '+') return std::nullopt;
  return v;
}

// Everything after the file is open: the version check, the connection's
// settings, the migrations. Returns the schema version reached.
tl::expected<int, std::string> set_up(sqlite::Database& db, const std::string& path, OpenMode mode) {
  // The version is read before anything may write (journal_mode = WAL
  // rewrites the header): a newer store is refused untouched.
  OXIDIZE_TRY_VALUE(version, read_schema_version(db));
  const int current = current_schema_version();
  if (version > current) return tl::unexpected(newer_schema_message(path, version, current));
  if (mode == OpenMode::read_only) {
    if (version == 0)
      return tl::unexpected(fmt::format("{}: no store here yet (a scan creates it; --store PATH names another)", path));
    if (version < current)
      return tl::unexpected(fmt::format("{}: the store has schema version {} and this oxidize reads version {}: "
                                        "the next scan that writes to it upgrades it",
                                        path, version, current));
  }
  OXIDIZE_TRY(configure(db, mode));
  if (mode == OpenMode::read_write && version < current) return migrate(db, migrations());
  return version;
}

}  // namespace

tl::expected<Store, std::string> Store::open(const std::string& path, OpenMode mode, OpenOptions options) {
  OXIDIZE_TRY_VALUE(db, open_file(path, mode));
  sqlite3_busy_timeout(db.handle(), static_cast<int>(options.busy_timeout.count()));
  // SQLite's busy handler waits for most locks but gives up at once where
  // waiting could deadlock, as when two processes create the same store and
  // both switch it to WAL: then the whole set-up is tried again, until the
  // same timeout.
  const auto deadline = std::chrono::steady_clock::now() + options.busy_timeout;
  bool immutable = false;
  while (true) {
    db.forget_failure();
    auto version = set_up(db, path, mode);
    if (version) return Store(std::move(db), *version);
    const int failure = db.last_failure();
    if (mode == OpenMode::read_only && !immutable && (failure == SQLITE_READONLY || failure == SQLITE_CANTOPEN)) {
      // Reading a WAL store needs its -shm file, which a user who may not
      // write the folder cannot create (someone else's store): such a
      // reader takes the file as it is, without locks. It misses commits
      // still in the log of a writer that is running or died, and may
      // fail if that writer checkpoints while it reads.
      OXIDIZE_TRY_VALUE(fixed, sqlite::Database::open("file:" + util::percent_encode_path(path) + "?immutable=1",
                                                      SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                                      path));
      db = std::move(fixed);
      immutable = true;
      continue;
    }
    if (failure != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline)
      return tl::unexpected(std::move(version.error()));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

tl::expected<std::int64_t, std::string> Store::write(const model::Snapshot& snapshot, std::string_view analysis_key) {
  if (!analysis_key.empty()) return write_snapshot(m_db, snapshot, analysis_key);
  return write_snapshot(m_db, snapshot, default_analysis_key(snapshot.info));
}

tl::expected<std::vector<model::SnapshotListing>, std::string> Store::list() { return list_snapshots(m_db); }

tl::expected<model::Snapshot, std::string> Store::read(std::int64_t id) { return read_snapshot(m_db, id); }

tl::expected<std::optional<std::int64_t>, std::string> Store::latest_id(std::string_view tree) {
  return nth_latest(m_db, tree, 0);
}

tl::expected<std::int64_t, std::string> Store::resolve(std::string_view ref, std::string_view tree) {
  // Messages keep the bytes as given: the CLI escapes a whole message when it prints it.
  const std::string of_tree = tree.empty() ? "" : fmt::format(" of {}", tree);
  const auto value = ref == "latest" ? std::optional<std::int64_t>(-1) : parse_int(ref);
  if (!value || *value == 0)
    return tl::unexpected(fmt::format("{}: no snapshot named '{}': give an id, latest, or -N for the Nth newest "
                                      "(oxidize snapshots lists them)",
                                      path(), ref));
  if (*value > 0) {
    OXIDIZE_TRY_VALUE(s, m_db.prepare("SELECT 1 FROM snapshots WHERE id = ?1"));
    s.bind(1, *value);
    OXIDIZE_TRY_VALUE(found, s.step());
    if (!found)
      return tl::unexpected(fmt::format("{}: no snapshot {} (oxidize snapshots lists them)", path(), *value));
    return *value;
  }
  OXIDIZE_TRY_VALUE(id, nth_latest(m_db, tree, -(*value + 1)));
  if (id) return *id;
  if (*value == -1) return tl::unexpected(fmt::format("{}: no snapshots{} yet", path(), of_tree));
  return tl::unexpected(fmt::format("{}: fewer than {} snapshots{}", path(), -*value, of_tree));
}

}  // namespace oxidize::store
