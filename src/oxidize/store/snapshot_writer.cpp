#include "oxidize/store/snapshot_writer.hpp"

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
  OXIDIZE_TRY(tx.commit());
  return id;
}

}  // namespace oxidize::store
