#include "oxidize/store/schema.hpp"

#include <fmt/format.h>

#include <array>

namespace oxidize::store {

// Version 1, as shipped. Portable on purpose (docs/store.md, "PostgreSQL"):
// INTEGER, TEXT and BLOB only (BIGINT, TEXT and BYTEA there); bytes taken
// from the scanned tree (paths, names, messages, source lines) are BLOBs
// because they need not be UTF-8 and may even hold NUL bytes; 64-bit hashes
// are stored as signed integers with the same bits; booleans are 0 or 1.
// WITHOUT ROWID only says how SQLite lays the rows out (clustered on the
// primary key); dropping it leaves the same logical table.
const std::string_view k_schema_v1 = R"sql(
CREATE TABLE analysis_keys (
  id INTEGER PRIMARY KEY,
  analysis_key TEXT NOT NULL UNIQUE
);

CREATE TABLE contents (
  id INTEGER PRIMARY KEY,
  hash INTEGER NOT NULL,
  analysis_key_id INTEGER NOT NULL REFERENCES analysis_keys (id),
  facts_digest INTEGER NOT NULL,
  language TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  code_lines INTEGER NOT NULL,
  comment_lines INTEGER NOT NULL,
  blank_lines INTEGER NOT NULL,
  is_binary INTEGER NOT NULL,
  unterminated TEXT NOT NULL,
  unterminated_line INTEGER NOT NULL,
  generated_why TEXT NOT NULL,
  function_count INTEGER NOT NULL,
  finding_count INTEGER NOT NULL,
  parse_issue_count INTEGER NOT NULL,
  UNIQUE (analysis_key_id, hash, facts_digest)
);

CREATE TABLE functions (
  content_id INTEGER NOT NULL REFERENCES contents (id),
  ordinal INTEGER NOT NULL,
  name BLOB NOT NULL,
  start_line INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  body_begin INTEGER NOT NULL,
  body_end INTEGER NOT NULL,
  nloc INTEGER NOT NULL,
  ccn INTEGER NOT NULL,
  ccn_modified INTEGER NOT NULL,
  params INTEGER NOT NULL,
  max_nesting INTEGER NOT NULL,
  tokens INTEGER NOT NULL,
  is_unsafe INTEGER NOT NULL,
  unsafe_blocks INTEGER NOT NULL,
  PRIMARY KEY (content_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE findings (
  content_id INTEGER NOT NULL REFERENCES contents (id),
  ordinal INTEGER NOT NULL,
  rule TEXT NOT NULL,
  confidence TEXT NOT NULL,
  line INTEGER NOT NULL,
  column_number INTEGER NOT NULL,
  function_name BLOB NOT NULL,
  message BLOB NOT NULL,
  snippet BLOB NOT NULL,
  fingerprint INTEGER NOT NULL,
  suppressed INTEGER NOT NULL,
  suppression_reason BLOB NOT NULL,
  PRIMARY KEY (content_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE parse_issues (
  content_id INTEGER NOT NULL REFERENCES contents (id),
  ordinal INTEGER NOT NULL,
  line INTEGER NOT NULL,
  message BLOB NOT NULL,
  PRIMARY KEY (content_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE manifests (
  id INTEGER PRIMARY KEY,
  digest TEXT NOT NULL UNIQUE,
  file_count INTEGER NOT NULL,
  code_lines INTEGER NOT NULL,
  function_count INTEGER NOT NULL,
  finding_count INTEGER NOT NULL
);

CREATE TABLE manifest_files (
  manifest_id INTEGER NOT NULL REFERENCES manifests (id),
  ordinal INTEGER NOT NULL,
  path BLOB NOT NULL,
  content_id INTEGER NOT NULL REFERENCES contents (id),
  exclusion TEXT NOT NULL,
  exclusion_why BLOB NOT NULL,
  hazards_excluded INTEGER NOT NULL,
  PRIMARY KEY (manifest_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  tree BLOB NOT NULL,
  source TEXT NOT NULL,
  commit_id TEXT NOT NULL,
  options TEXT NOT NULL,
  analysis_key_id INTEGER NOT NULL REFERENCES analysis_keys (id),
  manifest_id INTEGER NOT NULL REFERENCES manifests (id)
);

CREATE TABLE snapshot_roots (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
  ordinal INTEGER NOT NULL,
  path BLOB NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE snapshot_skips (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
  reason TEXT NOT NULL,
  skipped INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, reason)
) WITHOUT ROWID;

CREATE TABLE snapshot_warnings (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
  ordinal INTEGER NOT NULL,
  path BLOB NOT NULL,
  message BLOB NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal)
) WITHOUT ROWID;
)sql";

namespace {

// Version 2: `oxidize diff` without arguments compares the last two
// snapshots of the tree being looked at, and a store shared by several trees
// (--store) would otherwise scan every snapshot row to find them.
constexpr std::string_view k_migration_v2 = R"sql(
CREATE INDEX snapshots_by_tree ON snapshots (tree, id);
)sql";

// Version 3: the repository's history (model::History) of a snapshot that
// has one: one snapshot_history row (absent: the snapshot has no history),
// its files, their functions, and its warnings. The row counts announced by
// the parent rows let a reader tell missing rows (damage) from none.
// The two doubles of AgeFacts are stored as the signed 64-bit integer with
// the same bits (IEEE 754 binary64), as hashes are: exact, and the
// convention's INTEGER only. For values >= 0 (ages, shares) the integers
// sort as the values do, so SQL can still ORDER BY them.
constexpr std::string_view k_migration_v3 = R"sql(
CREATE TABLE snapshot_history (
  snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots (id),
  head TEXT NOT NULL,
  now INTEGER NOT NULL,
  walk TEXT NOT NULL,
  renames INTEGER NOT NULL,
  shallow INTEGER NOT NULL,
  commits INTEGER NOT NULL,
  merges INTEGER NOT NULL,
  first_commit INTEGER NOT NULL,
  file_count INTEGER NOT NULL,
  warning_count INTEGER NOT NULL
);

CREATE TABLE history_files (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot_history (snapshot_id),
  ordinal INTEGER NOT NULL,
  path BLOB NOT NULL,
  commits INTEGER NOT NULL,
  fix_commits INTEGER NOT NULL,
  security_fix_commits INTEGER NOT NULL,
  authors INTEGER NOT NULL,
  lines_added INTEGER NOT NULL,
  lines_deleted INTEGER NOT NULL,
  churn_12m INTEGER NOT NULL,
  churn_3m INTEGER NOT NULL,
  commits_12m INTEGER NOT NULL,
  first_change INTEGER NOT NULL,
  last_change INTEGER NOT NULL,
  aged_lines INTEGER NOT NULL,
  median_age_days_bits INTEGER NOT NULL,
  young_share_bits INTEGER NOT NULL,
  renames INTEGER NOT NULL,
  function_count INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE history_functions (
  snapshot_id INTEGER NOT NULL,
  file_ordinal INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  name BLOB NOT NULL,
  start_line INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  commits INTEGER NOT NULL,
  fix_commits INTEGER NOT NULL,
  security_fix_commits INTEGER NOT NULL,
  authors INTEGER NOT NULL,
  lines_added INTEGER NOT NULL,
  lines_deleted INTEGER NOT NULL,
  churn_12m INTEGER NOT NULL,
  churn_3m INTEGER NOT NULL,
  commits_12m INTEGER NOT NULL,
  first_change INTEGER NOT NULL,
  last_change INTEGER NOT NULL,
  aged_lines INTEGER NOT NULL,
  median_age_days_bits INTEGER NOT NULL,
  young_share_bits INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, file_ordinal, ordinal),
  FOREIGN KEY (snapshot_id, file_ordinal) REFERENCES history_files (snapshot_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE history_warnings (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot_history (snapshot_id),
  ordinal INTEGER NOT NULL,
  path BLOB NOT NULL,
  message BLOB NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal)
) WITHOUT ROWID;
)sql";

const std::array k_migrations = {
    Migration{1, k_schema_v1},
    Migration{2, k_migration_v2},
    Migration{3, k_migration_v3},
};

}  // namespace

std::span<const Migration> migrations() { return k_migrations; }

int current_schema_version() { return k_migrations.back().version; }

std::string newer_schema_message(const std::string& path, int found, int supported) {
  return fmt::format(
      "{}: the store has schema version {}, made by a newer oxidize; this one reads up to version {} "
      "(left unchanged: upgrade oxidize, or choose another store with --store PATH)",
      path, found, supported);
}

tl::expected<int, std::string> read_schema_version(sqlite::Database& db) {
  // One statement, so one consistent view: read in three, a store being
  // created by another process could look empty, then not ours.
  auto s = db.prepare("SELECT (SELECT application_id FROM pragma_application_id), "
                      "(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)");
  if (!s) return tl::unexpected(std::move(s.error()));
  // The first read of the file: a file that is not SQLite fails here.
  auto row = s->step();
  if (!row) return tl::unexpected(std::move(row.error()));
  const std::int64_t app = s->column_int64(0), version = s->column_int64(1), tables = s->column_int64(2);
  if (app == k_application_id) return static_cast<int>(version);
  // Not marked as ours: only a new, empty database may become a store.
  if (app != 0 || version != 0 || tables != 0)
    return tl::unexpected(fmt::format(
        "{}: an SQLite database of another program, not an oxidize store (left unchanged: choose another "
        "with --store PATH)",
        db.path()));
  return 0;
}

tl::expected<int, std::string> migrate(sqlite::Database& db, std::span<const Migration> steps) {
  const int target = steps.empty() ? 0 : steps.back().version;
  auto tx = sqlite::Transaction::begin(db, sqlite::Transaction::Kind::immediate);
  if (!tx) return tl::unexpected(std::move(tx.error()));
  // Read again under the write lock: another process may have migrated
  // since this one looked.
  auto found = read_schema_version(db);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (*found > target) return tl::unexpected(newer_schema_message(db.path(), *found, target));
  if (*found == target) return target;  // the transaction ends without a change
  for (const Migration& step : steps) {
    if (step.version <= *found) continue;
    if (auto r = db.exec(step.sql); !r)
      return tl::unexpected(fmt::format("cannot upgrade the store from schema version {} to {}: {}", step.version - 1,
                                        step.version, r.error()));
  }
  auto r = db.exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {}", k_application_id, target));
  if (!r) return tl::unexpected(std::move(r.error()));
  if (auto c = tx->commit(); !c) return tl::unexpected(std::move(c.error()));
  return target;
}

}  // namespace oxidize::store
