#include "oxidize/store/content_writer.hpp"

#include <bit>

#include "oxidize/store/codes.hpp"
#include "oxidize/store/try.hpp"

namespace oxidize::store {

namespace {

// 64-bit hashes go in as signed integers with the same bits (SQL has no
// unsigned 64-bit type); snapshot_reader casts them back.
std::int64_t as_signed(std::uint64_t v) { return std::bit_cast<std::int64_t>(v); }
std::int64_t count(std::size_t n) { return static_cast<std::int64_t>(n); }

}  // namespace

tl::expected<ContentWriter, std::string> ContentWriter::prepare(sqlite::Database& db, std::int64_t analysis_key_id) {
  OXIDIZE_TRY_VALUE(find, db.prepare("SELECT id FROM contents WHERE analysis_key_id = ?1 AND hash = ?2 "
                                     "AND facts_digest = ?3"));
  find.bind(1, analysis_key_id);
  // A key the store has never seen (a first scan, a new oxidize version)
  // has nothing to reuse: every file's lookup would miss.
  OXIDIZE_TRY_VALUE(known, db.prepare("SELECT 1 FROM contents WHERE analysis_key_id = ?1 LIMIT 1"));
  known.bind(1, analysis_key_id);
  OXIDIZE_TRY_VALUE(key_known, known.step());
  OXIDIZE_TRY_VALUE(last_id, db.query_int("SELECT coalesce(max(id), 0) FROM contents"));
  OXIDIZE_TRY_VALUE(contents,
                    BatchInsert::prepare(db,
                                         "contents (id, hash, analysis_key_id, facts_digest, language, bytes, "
                                         "code_lines, comment_lines, blank_lines, is_binary, unterminated, "
                                         "unterminated_line, generated_why, function_count, finding_count, "
                                         "parse_issue_count)",
                                         16));
  OXIDIZE_TRY_VALUE(functions, BatchInsert::prepare(db,
                                                    "functions (content_id, ordinal, name, start_line, end_line, "
                                                    "body_begin, body_end, nloc, ccn, ccn_modified, params, "
                                                    "max_nesting, tokens, is_unsafe, unsafe_blocks)",
                                                    15));
  OXIDIZE_TRY_VALUE(findings, BatchInsert::prepare(db,
                                                   "findings (content_id, ordinal, rule, confidence, line, "
                                                   "column_number, function_name, message, snippet, fingerprint, "
                                                   "suppressed, suppression_reason)",
                                                   12));
  OXIDIZE_TRY_VALUE(issues, BatchInsert::prepare(db, "parse_issues (content_id, ordinal, line, message)", 4));
  return ContentWriter(analysis_key_id, key_known, last_id + 1, std::move(find), std::move(contents),
                       std::move(functions), std::move(findings), std::move(issues));
}

ContentWriter::ContentWriter(std::int64_t key_id, bool key_known, std::int64_t next_id, sqlite::Statement find,
                             BatchInsert contents, BatchInsert functions, BatchInsert findings, BatchInsert issues)
    : m_key_id(key_id),
      m_key_known(key_known),
      m_next_id(next_id),
      m_find(std::move(find)),
      m_contents(std::move(contents)),
      m_functions(std::move(functions)),
      m_findings(std::move(findings)),
      m_issues(std::move(issues)) {}

tl::expected<std::int64_t, std::string> ContentWriter::content_id(const model::FileFacts& facts,
                                                                  std::uint64_t facts_digest) {
  const Key key{facts.hash, facts_digest};
  if (const auto it = m_ids.find(key); it != m_ids.end()) return it->second;
  if (m_key_known) {
    m_find.bind(2, as_signed(facts.hash));
    m_find.bind(3, as_signed(facts_digest));
    OXIDIZE_TRY_VALUE(row, m_find.step());
    const std::int64_t found = row ? m_find.column_int64(0) : 0;
    m_find.reset();
    if (row) return found;
  }
  const std::int64_t id = m_next_id++;
  m_ids.emplace(key, id);
  m_queued.push_back({&facts, id, facts_digest});
  return id;
}

tl::expected<void, std::string> ContentWriter::write() {
  BatchInsert& c = m_contents;
  for (const Queued& q : m_queued) {
    const model::FileFacts& f = *q.facts;
    c.set(0, q.id);
    c.set(1, as_signed(f.hash));
    c.set(2, m_key_id);
    c.set(3, as_signed(q.digest));
    c.set_text(4, discover::language_key(f.language));
    c.set(5, static_cast<std::int64_t>(f.bytes));
    c.set(6, static_cast<std::int64_t>(f.lines.code));
    c.set(7, static_cast<std::int64_t>(f.lines.comment));
    c.set(8, static_cast<std::int64_t>(f.lines.blank));
    c.set(9, f.binary ? 1 : 0);
    c.set_text(10, unterminated_key(f.unterminated));
    c.set(11, f.unterminated_line);
    c.set_text(12, f.generated_why);
    c.set(13, count(f.functions.size()));
    c.set(14, count(f.hazards.size()));
    c.set(15, count(f.parse_issues.size()));
    OXIDIZE_TRY(c.end_row());
  }
  OXIDIZE_TRY(c.flush());
  for (const Queued& q : m_queued) OXIDIZE_TRY(queue_facts(q));
  OXIDIZE_TRY(m_functions.flush());
  OXIDIZE_TRY(m_findings.flush());
  OXIDIZE_TRY(m_issues.flush());
  m_queued.clear();
  return {};
}

tl::expected<void, std::string> ContentWriter::queue_facts(const Queued& q) {
  const model::FileFacts& facts = *q.facts;
  BatchInsert& f = m_functions;
  for (std::size_t i = 0; i < facts.functions.size(); ++i) {
    const parse::FunctionFacts& fn = facts.functions[i];
    f.set(0, q.id);
    f.set(1, count(i));
    f.set_blob(2, fn.name);
    f.set(3, fn.start_line);
    f.set(4, fn.end_line);
    f.set(5, fn.body_begin);
    f.set(6, fn.body_end);
    f.set(7, fn.nloc);
    f.set(8, fn.ccn);
    f.set(9, fn.ccn_modified);
    f.set(10, fn.params);
    f.set(11, fn.max_nesting);
    f.set(12, fn.tokens);
    f.set(13, fn.is_unsafe ? 1 : 0);
    f.set(14, fn.unsafe_blocks);
    OXIDIZE_TRY(f.end_row());
  }
  BatchInsert& h = m_findings;
  for (std::size_t i = 0; i < facts.hazards.size(); ++i) {
    const hazards::Finding& x = facts.hazards[i];
    h.set(0, q.id);
    h.set(1, count(i));
    h.set_text(2, x.rule_info().id);
    h.set_text(3, hazards::confidence_name(x.confidence));
    h.set(4, x.line);
    h.set(5, x.column);
    h.set_blob(6, x.function);
    h.set_blob(7, x.message);
    h.set_blob(8, x.snippet);
    h.set(9, as_signed(x.fingerprint));
    h.set(10, x.suppressed ? 1 : 0);
    h.set_blob(11, x.suppression_reason);
    OXIDIZE_TRY(h.end_row());
  }
  BatchInsert& p = m_issues;
  for (std::size_t i = 0; i < facts.parse_issues.size(); ++i) {
    p.set(0, q.id);
    p.set(1, count(i));
    p.set(2, facts.parse_issues[i].line);
    p.set_blob(3, facts.parse_issues[i].message);
    OXIDIZE_TRY(p.end_row());
  }
  return {};
}

}  // namespace oxidize::store
