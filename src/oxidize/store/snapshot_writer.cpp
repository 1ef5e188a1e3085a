#include "oxidize/store/snapshot_writer.hpp"

#include <fmt/format.h>

#include <bit>
#include <vector>

#include "oxidize/model/snapshot_listing.hpp"
#include "oxidize/store/codes.hpp"
#include "oxidize/store/digest.hpp"
#include "oxidize/store/store.hpp"
#include "oxidize/store/try.hpp"

namespace oxidize::store {

namespace {

using sqlite::Statement;

// 64-bit hashes go in as signed integers with the same bits (SQL has no
// unsigned 64-bit type); snapshot_reader casts them back.
std::int64_t as_signed(std::uint64_t v) { return std::bit_cast<std::int64_t>(v); }

std::int64_t count(std::size_t n) { return static_cast<std::int64_t>(n); }

// The statements of one write, prepared once and reused for every row.
class Writer {
 public:
  explicit Writer(sqlite::Database& db) : m_db(db) {}

  tl::expected<void, std::string> prepare() {
    OXIDIZE_TRY(prep(m_find_key, "SELECT id FROM analysis_keys WHERE analysis_key = ?1"));
    OXIDIZE_TRY(prep(m_insert_key, "INSERT INTO analysis_keys (analysis_key) VALUES (?1)"));
    OXIDIZE_TRY(prep(m_find_manifest, "SELECT id FROM manifests WHERE digest = ?1"));
    OXIDIZE_TRY(prep(m_find_content,
                     "SELECT id FROM contents WHERE hash = ?1 AND analysis_key_id = ?2 AND facts_digest = ?3"));
    OXIDIZE_TRY(prep(m_insert_content,
                     "INSERT INTO contents (hash, analysis_key_id, facts_digest, language, bytes, code_lines, "
                     "comment_lines, blank_lines, is_binary, unterminated, unterminated_line, generated_why, "
                     "function_count, finding_count, parse_issue_count) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
    OXIDIZE_TRY(prep(m_insert_function,
                     "INSERT INTO functions (content_id, ordinal, name, start_line, end_line, body_begin, body_end, "
                     "nloc, ccn, ccn_modified, params, max_nesting, tokens, is_unsafe, unsafe_blocks) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
    OXIDIZE_TRY(prep(m_insert_finding,
                     "INSERT INTO findings (content_id, ordinal, rule, confidence, line, column_number, "
                     "function_name, message, snippet, fingerprint, suppressed, suppression_reason) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
    OXIDIZE_TRY(prep(m_insert_issue,
                     "INSERT INTO parse_issues (content_id, ordinal, line, message) VALUES (?1, ?2, ?3, ?4)"));
    OXIDIZE_TRY(prep(m_insert_manifest_file,
                     "INSERT INTO manifest_files (manifest_id, ordinal, path, content_id, exclusion, exclusion_why, "
                     "hazards_excluded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    return {};
  }

  tl::expected<std::int64_t, std::string> analysis_key_id(std::string_view key) {
    m_find_key.bind_text(1, key);
    OXIDIZE_TRY_VALUE(found, find_id(m_find_key));
    if (found) return *found;
    m_insert_key.bind_text(1, key);
    OXIDIZE_TRY(m_insert_key.run());
    return m_db.last_insert_rowid();
  }

  tl::expected<std::optional<std::int64_t>, std::string> find_manifest(std::string_view digest) {
    m_find_manifest.bind_text(1, digest);
    return find_id(m_find_manifest);
  }

  // The id of the facts' row, written first if the store has none.
  tl::expected<std::int64_t, std::string> content_id(const model::FileFacts& facts, std::int64_t key_id,
                                                     std::uint64_t digest) {
    m_find_content.bind(1, as_signed(facts.hash));
    m_find_content.bind(2, key_id);
    m_find_content.bind(3, as_signed(digest));
    OXIDIZE_TRY_VALUE(found, find_id(m_find_content));
    if (found) return *found;
    return insert_content(facts, key_id, digest);
  }

  tl::expected<void, std::string> insert_manifest_files(std::int64_t manifest_id,
                                                        const std::vector<model::FileRecord>& files,
                                                        const std::vector<std::int64_t>& content_ids) {
    Statement& s = m_insert_manifest_file;
    s.bind(1, manifest_id);
    for (std::size_t i = 0; i < files.size(); ++i) {
      const model::FileRecord& f = files[i];
      s.bind(2, count(i));
      s.bind_blob(3, f.path);
      s.bind(4, content_ids[i]);
      s.bind_text(5, discover::exclusion_key(f.exclusion));
      s.bind_blob(6, f.exclusion_why);
      s.bind(7, f.hazards_excluded ? 1 : 0);
      OXIDIZE_TRY(s.run());
    }
    return {};
  }

 private:
  tl::expected<void, std::string> prep(Statement& s, std::string_view sql) {
    OXIDIZE_TRY_VALUE(stmt, m_db.prepare(sql));
    s = std::move(stmt);
    return {};
  }

  static tl::expected<std::optional<std::int64_t>, std::string> find_id(Statement& s) {
    OXIDIZE_TRY_VALUE(row, s.step());
    std::optional<std::int64_t> id;
    if (row) id = s.column_int64(0);
    s.reset();
    return id;
  }

  tl::expected<std::int64_t, std::string> insert_content(const model::FileFacts& facts, std::int64_t key_id,
                                                         std::uint64_t digest) {
    Statement& c = m_insert_content;
    c.bind(1, as_signed(facts.hash));
    c.bind(2, key_id);
    c.bind(3, as_signed(digest));
    c.bind_text(4, discover::language_key(facts.language));
    c.bind(5, static_cast<std::int64_t>(facts.bytes));
    c.bind(6, static_cast<std::int64_t>(facts.lines.code));
    c.bind(7, static_cast<std::int64_t>(facts.lines.comment));
    c.bind(8, static_cast<std::int64_t>(facts.lines.blank));
    c.bind(9, facts.binary ? 1 : 0);
    c.bind_text(10, unterminated_key(facts.unterminated));
    c.bind(11, facts.unterminated_line);
    c.bind_text(12, facts.generated_why);
    c.bind(13, count(facts.functions.size()));
    c.bind(14, count(facts.hazards.size()));
    c.bind(15, count(facts.parse_issues.size()));
    OXIDIZE_TRY(c.run());
    const std::int64_t id = m_db.last_insert_rowid();

    Statement& f = m_insert_function;
    f.bind(1, id);
    for (std::size_t i = 0; i < facts.functions.size(); ++i) {
      const parse::FunctionFacts& fn = facts.functions[i];
      f.bind(2, count(i));
      f.bind_blob(3, fn.name);
      f.bind(4, fn.start_line);
      f.bind(5, fn.end_line);
      f.bind(6, fn.body_begin);
      f.bind(7, fn.body_end);
      f.bind(8, fn.nloc);
      f.bind(9, fn.ccn);
      f.bind(10, fn.ccn_modified);
      f.bind(11, fn.params);
      f.bind(12, fn.max_nesting);
      f.bind(13, fn.tokens);
      f.bind(14, fn.is_unsafe ? 1 : 0);
      f.bind(15, fn.unsafe_blocks);
      OXIDIZE_TRY(f.run());
    }

    Statement& h = m_insert_finding;
    h.bind(1, id);
    for (std::size_t i = 0; i < facts.hazards.size(); ++i) {
      const hazards::Finding& x = facts.hazards[i];
      h.bind(2, count(i));
      h.bind_text(3, x.rule_info().id);
      h.bind_text(4, hazards::confidence_name(x.confidence));
      h.bind(5, x.line);
      h.bind(6, x.column);
      h.bind_blob(7, x.function);
      h.bind_blob(8, x.message);
      h.bind_blob(9, x.snippet);
      h.bind(10, as_signed(x.fingerprint));
      h.bind(11, x.suppressed ? 1 : 0);
      h.bind_blob(12, x.suppression_reason);
      OXIDIZE_TRY(h.run());
    }

    Statement& p = m_insert_issue;
    p.bind(1, id);
    for (std::size_t i = 0; i < facts.parse_issues.size(); ++i) {
      p.bind(2, count(i));
      p.bind(3, facts.parse_issues[i].line);
      p.bind_blob(4, facts.parse_issues[i].message);
      OXIDIZE_TRY(p.run());
    }
    return id;
  }

  sqlite::Database& m_db;
  Statement m_find_key, m_insert_key, m_find_manifest, m_find_content, m_insert_content, m_insert_function,
      m_insert_finding, m_insert_issue, m_insert_manifest_file;
};

tl::expected<std::int64_t, std::string> insert_manifest(sqlite::Database& db, std::string_view digest,
                                                        const std::vector<model::FileRecord>& files) {
  const model::SnapshotTotals t = model::snapshot_totals(files);
  OXIDIZE_TRY_VALUE(s, db.prepare("INSERT INTO manifests (digest, file_count, code_lines, function_count, "
                                  "finding_count) VALUES (?1, ?2, ?3, ?4, ?5)"));
  s.bind_text(1, digest);
  s.bind(2, static_cast<std::int64_t>(t.files));
  s.bind(3, static_cast<std::int64_t>(t.code_lines));
  s.bind(4, static_cast<std::int64_t>(t.functions));
  s.bind(5, static_cast<std::int64_t>(t.findings));
  OXIDIZE_TRY(s.run());
  return db.last_insert_rowid();
}

tl::expected<std::int64_t, std::string> insert_snapshot(sqlite::Database& db, const model::Snapshot& snapshot,
                                                        std::int64_t key_id, std::int64_t manifest_id) {
  const model::SnapshotInfo& info = snapshot.info;
  const std::string created_at = info.created_at.empty() ? utc_now_iso8601() : info.created_at;
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
  std::vector<std::uint64_t> digests(files.size());
  std::string scratch;
  for (std::size_t i = 0; i < files.size(); ++i) digests[i] = facts_digest(files[i].facts, scratch);
  const std::string manifest = manifest_digest(analysis_key, files, digests);

  OXIDIZE_TRY_VALUE(tx, sqlite::Transaction::begin(db, sqlite::Transaction::Kind::immediate));
  Writer w(db);
  OXIDIZE_TRY(w.prepare());
  OXIDIZE_TRY_VALUE(key_id, w.analysis_key_id(analysis_key));
  OXIDIZE_TRY_VALUE(manifest_id, w.find_manifest(manifest));
  if (!manifest_id) {
    // A new file list: its facts may still be known from earlier snapshots.
    std::vector<std::int64_t> content_ids(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      OXIDIZE_TRY_VALUE(id, w.content_id(files[i].facts, key_id, digests[i]));
      content_ids[i] = id;
    }
    OXIDIZE_TRY_VALUE(new_id, insert_manifest(db, manifest, files));
    OXIDIZE_TRY(w.insert_manifest_files(new_id, files, content_ids));
    manifest_id = new_id;
  }
  OXIDIZE_TRY_VALUE(id, insert_snapshot(db, snapshot, key_id, *manifest_id));
  OXIDIZE_TRY(tx.commit());
  return id;
}

}  // namespace oxidize::store
