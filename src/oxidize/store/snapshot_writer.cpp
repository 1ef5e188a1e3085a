#include "oxidize/store/snapshot_writer.hpp"

#include <bit>
#include <optional>
#include <vector>

#include "oxidize/model/snapshot_listing.hpp"
#include "oxidize/store/batch_insert.hpp"
#include "oxidize/store/content_writer.hpp"
#include "oxidize/store/digest.hpp"
#include "oxidize/store/store.hpp"
#include "oxidize/store/try.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::store {

namespace {

std::int64_t count(std::size_t n) { return static_cast<std::int64_t>(n); }

tl::expected<std::optional<std::int64_t>, std::string> find_id(sqlite::Statement& s) {
  OXIDIZE_TRY_VALUE(row, s.step());
  std::optional<std::int64_t> id;
  if (row) id = s.column_int64(0);
  s.reset();
  return id;
}

tl::expected<std::int64_t, std::string> analysis_key_id(sqlite::Database& db, std::string_view key) {
  OXIDIZE_TRY_VALUE(find, db.prepare("SELECT id FROM analysis_keys WHERE analysis_key = ?1"));
  find.bind_text(1, key);
  OXIDIZE_TRY_VALUE(found, find_id(find));
  if (found) return *found;
  OXIDIZE_TRY_VALUE(insert, db.prepare("INSERT INTO analysis_keys (analysis_key) VALUES (?1)"));
  insert.bind_text(1, key);
  OXIDIZE_TRY(insert.run());
  return db.last_insert_rowid();
}

tl::expected<std::optional<std::int64_t>, std::string> find_manifest(sqlite::Database& db, std::string_view digest) {
  OXIDIZE_TRY_VALUE(find, db.prepare("SELECT id FROM manifests WHERE digest = ?1"));
  find.bind_text(1, digest);
  return find_id(find);
}

// A file list the store does not hold yet; its facts may still be known
// from earlier snapshots (most files of a rescan).
tl::expected<std::int64_t, std::string> write_manifest(sqlite::Database& db, const std::vector<model::FileRecord>& files,
                                                       const std::vector<std::uint64_t>& digests, std::int64_t key_id,
                                                       std::string_view digest) {
  OXIDIZE_TRY_VALUE(contents, ContentWriter::prepare(db, key_id));
  std::vector<std::int64_t> content_ids(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    OXIDIZE_TRY_VALUE(id, contents.content_id(files[i].facts, digests[i]));
    content_ids[i] = id;
  }
  OXIDIZE_TRY(contents.write());

  const model::SnapshotTotals t = model::snapshot_totals(files);
  OXIDIZE_TRY_VALUE(m, db.prepare("INSERT INTO manifests (digest, file_count, code_lines, function_count, "
                                  "finding_count) VALUES (?1, ?2, ?3, ?4, ?5)"));
  m.bind_text(1, digest);
  m.bind(2, static_cast<std::int64_t>(t.files));
  m.bind(3, static_cast<std::int64_t>(t.code_lines));
  m.bind(4, static_cast<std::int64_t>(t.functions));
  m.bind(5, static_cast<std::int64_t>(t.findings));
  OXIDIZE_TRY(m.run());
  const std::int64_t manifest_id = db.last_insert_rowid();

  OXIDIZE_TRY_VALUE(rows, BatchInsert::prepare(db,
                                               "manifest_files (manifest_id, ordinal, path, content_id, exclusion, "
                                               "exclusion_why, hazards_excluded)",
                                               7));
  for (std::size_t i = 0; i < files.size(); ++i) {
    const model::FileRecord& f = files[i];
    rows.set(0, manifest_id);
    rows.set(1, count(i));
    rows.set_blob(2, f.path);
    rows.set(3, content_ids[i]);
    rows.set_text(4, discover::exclusion_key(f.exclusion));
    rows.set_blob(5, f.exclusion_why);
    rows.set(6, f.hazards_excluded ? 1 : 0);
    OXIDIZE_TRY(rows.end_row());
  }
  OXIDIZE_TRY(rows.flush());
  return manifest_id;
}

tl::expected<std::int64_t, std::string> insert_snapshot(sqlite::Database& db, const model::Snapshot& snapshot,
                                                        std::int64_t key_id, std::int64_t manifest_id) {
  const model::SnapshotInfo& info = snapshot.info;
  const std::string created_at = info.created_at.empty() ? util::utc_now_iso8601() : info.created_at;
  OXIDIZE_TRY_VALUE(s, db.prepare("INSERT INTO snapshots (created_at, tool_version, tree, source, commit_id, "
                                  "options, analysis_key_id, manifest_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  s.bind_text(1, created_at);
  s.bind_text(2, info.tool_version);
  s.bind_blob(3, info.tree);
  s.bind_text(4, info.source);
  s.bind_text(5, info.commit);
  s.bind_text(6, info.options);
  s.bind(7, key_id);
  s.bind(8, manifest_id);
  OXIDIZE_TRY(s.run());
  const std::int64_t id = db.last_insert_rowid();

  OXIDIZE_TRY_VALUE(root, db.prepare("INSERT INTO snapshot_roots (snapshot_id, ordinal, path) VALUES (?1, ?2, ?3)"));
  root.bind(1, id);
  for (std::size_t i = 0; i < info.roots.size(); ++i) {
    root.bind(2, count(i));
    root.bind_blob(3, info.roots[i]);
    OXIDIZE_TRY(root.run());
  }
  // Only the reasons that happened: a reason added later needs no new column.
  OXIDIZE_TRY_VALUE(skip,
                    db.prepare("INSERT INTO snapshot_skips (snapshot_id, reason, skipped) VALUES (?1, ?2, ?3)"));
  skip.bind(1, id);
  for (std::size_t i = 0; i < snapshot.skipped.size(); ++i) {
    if (snapshot.skipped[i] == 0) continue;
    skip.bind_text(2, discover::skip_key(static_cast<discover::Skip>(i)));
    skip.bind(3, static_cast<std::int64_t>(snapshot.skipped[i]));
    OXIDIZE_TRY(skip.run());
  }
  OXIDIZE_TRY_VALUE(warn, db.prepare("INSERT INTO snapshot_warnings (snapshot_id, ordinal, path, message) "
                                     "VALUES (?1, ?2, ?3, ?4)"));
  warn.bind(1, id);
  for (std::size_t i = 0; i < snapshot.warnings.size(); ++i) {
    warn.bind(2, count(i));
    warn.bind_blob(3, snapshot.warnings[i].path);
    warn.bind_blob(4, snapshot.warnings[i].message);
    OXIDIZE_TRY(warn.run());
  }
  return id;
}

// The columns ChangeFacts and AgeFacts fill, from `first` on, in the order
// of the schema (commits ... last_change, aged_lines, median_age_days_bits,
// young_share_bits). Returns the next column.
int set_change_and_age(BatchInsert& rows, int first, const model::ChangeFacts& c, const model::AgeFacts& a) {
  int i = first;
  rows.set(i++, c.commits);
  rows.set(i++, c.fix_commits);
  rows.set(i++, c.security_fix_commits);
  rows.set(i++, c.authors);
  rows.set(i++, static_cast<std::int64_t>(c.lines_added));
  rows.set(i++, static_cast<std::int64_t>(c.lines_deleted));
  rows.set(i++, static_cast<std::int64_t>(c.churn_12m));
  rows.set(i++, static_cast<std::int64_t>(c.churn_3m));
  rows.set(i++, c.commits_12m);
  rows.set(i++, c.first_change);
  rows.set(i++, c.last_change);
  rows.set(i++, a.lines);
  // The double's bits, exactly (docs/store.md).
  rows.set(i++, std::bit_cast<std::int64_t>(a.median_age_days));
  rows.set(i++, std::bit_cast<std::int64_t>(a.young_share));
  return i;
}

constexpr int k_change_and_age_columns = 14;

// The snapshot's history, when it has one: its row, then its files, their
// functions (after their file, for the foreign key) and its warnings.
tl::expected<void, std::string> insert_history(sqlite::Database& db, std::int64_t id, const model::History& history) {
  const model::HistoryInfo& info = history.info;
  OXIDIZE_TRY_VALUE(h, db.prepare("INSERT INTO snapshot_history (snapshot_id, head, now, walk, renames, shallow, "
                                  "commits, merges, first_commit, file_count, warning_count) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
  h.bind(1, id);
  h.bind_text(2, info.head);
  h.bind(3, info.now);
  h.bind_text(4, info.walk);
  h.bind(5, info.renames ? 1 : 0);
  h.bind(6, info.shallow ? 1 : 0);
  h.bind(7, static_cast<std::int64_t>(info.commits));
  h.bind(8, static_cast<std::int64_t>(info.merges));
  h.bind(9, info.first_commit);
  h.bind(10, count(history.files.size()));
  h.bind(11, count(history.warnings.size()));
  OXIDIZE_TRY(h.run());

  OXIDIZE_TRY_VALUE(files, BatchInsert::prepare(db,
                                                "history_files (snapshot_id, ordinal, path, commits, fix_commits, "
                                                "security_fix_commits, authors, lines_added, lines_deleted, "
                                                "churn_12m, churn_3m, commits_12m, first_change, last_change, "
                                                "aged_lines, median_age_days_bits, young_share_bits, renames, "
                                                "function_count)",
                                                5 + k_change_and_age_columns));
  for (std::size_t i = 0; i < history.files.size(); ++i) {
    const model::FileHistory& f = history.files[i];
    files.set(0, id);
    files.set(1, count(i));
    files.set_blob(2, f.path);
    const int next = set_change_and_age(files, 3, f.change, f.age);
    files.set(next, f.renames);
    files.set(next + 1, count(f.functions.size()));
    OXIDIZE_TRY(files.end_row());
  }
  OXIDIZE_TRY(files.flush());

  OXIDIZE_TRY_VALUE(functions, BatchInsert::prepare(db,
                                                    "history_functions (snapshot_id, file_ordinal, ordinal, name, "
                                                    "start_line, end_line, commits, fix_commits, "
                                                    "security_fix_commits, authors, lines_added, lines_deleted, "
                                                    "churn_12m, churn_3m, commits_12m, first_change, last_change, "
                                                    "aged_lines, median_age_days_bits, young_share_bits)",
                                                    6 + k_change_and_age_columns));
  for (std::size_t i = 0; i < history.files.size(); ++i) {
    const auto& fns = history.files[i].functions;
    for (std::size_t j = 0; j < fns.size(); ++j) {
      const model::FunctionHistory& fn = fns[j];
      functions.set(0, id);
      functions.set(1, count(i));
      functions.set(2, count(j));
      functions.set_blob(3, fn.name);
      functions.set(4, fn.start_line);
      functions.set(5, fn.end_line);
      set_change_and_age(functions, 6, fn.change, fn.age);
      OXIDIZE_TRY(functions.end_row());
    }
  }
  OXIDIZE_TRY(functions.flush());

  OXIDIZE_TRY_VALUE(warnings,
                    BatchInsert::prepare(db, "history_warnings (snapshot_id, ordinal, path, message)", 4));
  for (std::size_t i = 0; i < history.warnings.size(); ++i) {
    warnings.set(0, id);
    warnings.set(1, count(i));
    warnings.set_blob(2, history.warnings[i].path);
    warnings.set_blob(3, history.warnings[i].message);
    OXIDIZE_TRY(warnings.end_row());
  }
  OXIDIZE_TRY(warnings.flush());
  return {};
}

}  // namespace

tl::expected<std::int64_t, std::string> write_snapshot(sqlite::Database& db, const model::Snapshot& snapshot,
                                                       std::string_view analysis_key) {
  // Pure CPU work first, outside the write lock that other writers wait for.
  const auto& files = snapshot.files;
  Digester digester;
  std::vector<std::uint64_t> digests(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) digests[i] = digester.facts(files[i].facts);
  const std::string manifest = digester.manifest(analysis_key, files, digests);

  OXIDIZE_TRY_VALUE(tx, sqlite::Transaction::begin(db, sqlite::Transaction::Kind::immediate));
  OXIDIZE_TRY_VALUE(key_id, analysis_key_id(db, analysis_key));
  OXIDIZE_TRY_VALUE(manifest_id, find_manifest(db, manifest));
  if (!manifest_id) {
    OXIDIZE_TRY_VALUE(new_id, write_manifest(db, files, digests, key_id, manifest));
    manifest_id = new_id;
  }
  OXIDIZE_TRY_VALUE(id, insert_snapshot(db, snapshot, key_id, *manifest_id));
  if (snapshot.history) OXIDIZE_TRY(insert_history(db, id, *snapshot.history));
  OXIDIZE_TRY(tx.commit());
  return id;
}

}  // namespace oxidize::store
