#include "oxidize/store/snapshot_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <map>
#include <unordered_map>

#include "oxidize/store/codes.hpp"
#include "oxidize/store/try.hpp"

namespace oxidize::store {

namespace {

using sqlite::Statement;

std::uint64_t as_unsigned(std::int64_t v) { return std::bit_cast<std::uint64_t>(v); }
std::uint32_t u32(std::int64_t v) { return static_cast<std::uint32_t>(v); }
std::string owned(std::string_view s) { return std::string(s); }

// ChangeFacts and AgeFacts from the columns at `first` on, in the order the
// writer puts them (snapshot_writer.cpp). Returns the next column.
int change_and_age(const Statement& s, int first, model::ChangeFacts& c, model::AgeFacts& a) {
  int i = first;
  c.commits = u32(s.column_int64(i++));
  c.fix_commits = u32(s.column_int64(i++));
  c.security_fix_commits = u32(s.column_int64(i++));
  c.authors = u32(s.column_int64(i++));
  c.lines_added = as_unsigned(s.column_int64(i++));
  c.lines_deleted = as_unsigned(s.column_int64(i++));
  c.churn_12m = as_unsigned(s.column_int64(i++));
  c.churn_3m = as_unsigned(s.column_int64(i++));
  c.commits_12m = u32(s.column_int64(i++));
  c.first_change = s.column_int64(i++);
  c.last_change = s.column_int64(i++);
  a.lines = u32(s.column_int64(i++));
  // The double's bits (docs/store.md): exactly what was written.
  a.median_age_days = std::bit_cast<double>(s.column_int64(i++));
  a.young_share = std::bit_cast<double>(s.column_int64(i++));
  return i;
}

// Values this build cannot represent, met while reading: what a newer
// oxidize wrote (a rule, a language, a skip reason added since). Each kind
// becomes one warning on the snapshot instead of a failed read.
class Dropped {
 public:
  void add(std::string_view kind, std::string_view value) { ++m_counts[std::string(kind)][std::string(value)]; }

  void append_warnings(const std::string& path, std::vector<model::Warning>& warnings) const {
    for (const auto& [kind, values] : m_counts) {
      std::uint64_t total = 0;
      std::string detail;
      for (const auto& [value, n] : values) {
        total += n;
        if (!detail.empty()) detail += ", ";
        detail += fmt::format("{} ({})", value, n);
      }
      model::Warning w{path, fmt::format("{} {} dropped, unknown to this oxidize (written by a newer one?): {}",
                                         total, kind, detail)};
      warnings.insert(std::upper_bound(warnings.begin(), warnings.end(), w), std::move(w));
    }
  }

 private:
  std::map<std::string, std::map<std::string, std::uint64_t>> m_counts;
};

std::string damaged(const sqlite::Database& db, std::string_view what) {
  return fmt::format("{}: the store is damaged ({}): move it away, or choose another with --store PATH", db.path(),
                     what);
}

// One file of the manifest as it is filled: where its rows go, and how many
// of each the contents row announced.
struct Slot {
  model::FileRecord* file = nullptr;  // null: dropped
  std::int64_t functions = 0, findings = 0, issues = 0;
  std::int64_t functions_read = 0, findings_read = 0, issues_read = 0;
};

class Reader {
 public:
  Reader(sqlite::Database& db, model::Snapshot& out) : m_db(db), m_out(out) {}

  tl::expected<bool, std::string> info(std::int64_t id) {
    OXIDIZE_TRY_VALUE(s, m_db.prepare("SELECT created_at, tool_version, tree, source, commit_id, options, "
                                      "manifest_id FROM snapshots WHERE id = ?1"));
    s.bind(1, id);
    OXIDIZE_TRY_VALUE(row, s.step());
    if (!row) return false;
    model::SnapshotInfo& info = m_out.info;
    info.id = id;
    info.created_at = owned(s.column_text(0));
    info.tool_version = owned(s.column_text(1));
    info.tree = owned(s.column_blob(2));
    info.source = owned(s.column_text(3));
    info.commit = owned(s.column_text(4));
    info.options = owned(s.column_text(5));
    m_manifest_id = s.column_int64(6);

    OXIDIZE_TRY_VALUE(r, m_db.prepare("SELECT path FROM snapshot_roots WHERE snapshot_id = ?1 ORDER BY ordinal"));
    r.bind(1, id);
    while (true) {
      OXIDIZE_TRY_VALUE(more, r.step());
      if (!more) break;
      info.roots.push_back(owned(r.column_blob(0)));
    }
    return true;
  }

  tl::expected<void, std::string> skips_and_warnings(std::int64_t id) {
    OXIDIZE_TRY_VALUE(s, m_db.prepare("SELECT reason, skipped FROM snapshot_skips WHERE snapshot_id = ?1"));
    s.bind(1, id);
    while (true) {
      OXIDIZE_TRY_VALUE(more, s.step());
      if (!more) break;
      if (const auto why = skip_from_key(s.column_text(0)))
        m_out.skipped[static_cast<std::size_t>(*why)] = as_unsigned(s.column_int64(1));
      else
        m_dropped.add("skip counts", s.column_text(0));
    }
    OXIDIZE_TRY_VALUE(w, m_db.prepare("SELECT path, message FROM snapshot_warnings WHERE snapshot_id = ?1 "
                                      "ORDER BY ordinal"));
    w.bind(1, id);
    while (true) {
      OXIDIZE_TRY_VALUE(more, w.step());
      if (!more) break;
      m_out.warnings.push_back({owned(w.column_blob(0)), owned(w.column_blob(1))});
    }
    return {};
  }

  tl::expected<void, std::string> files() {
    OXIDIZE_TRY_VALUE(s, m_db.prepare(
        "SELECT mf.path, mf.exclusion, mf.exclusion_why, mf.hazards_excluded, c.hash, c.language, c.bytes, "
        "c.code_lines, c.comment_lines, c.blank_lines, c.is_binary, c.unterminated, c.unterminated_line, "
        "c.generated_why, c.function_count, c.finding_count, c.parse_issue_count "
        "FROM manifest_files mf JOIN contents c ON c.id = mf.content_id "
        "WHERE mf.manifest_id = ?1 ORDER BY mf.ordinal"));
    s.bind(1, m_manifest_id);
    std::vector<model::FileRecord>& files = m_out.files;
    while (true) {
      OXIDIZE_TRY_VALUE(more, s.step());
      if (!more) break;
      const auto language = discover::language_from_key(s.column_text(5));
      const auto exclusion = exclusion_from_key(s.column_text(1));
      const auto unterminated = unterminated_from_key(s.column_text(11));
      // Slots are indexed by the manifest's ordinal, dropped files included.
      Slot slot{nullptr, s.column_int64(14), s.column_int64(15), s.column_int64(16)};
      if (!language || !exclusion || !unterminated) {
        if (!language) m_dropped.add("files", fmt::format("language {}", s.column_text(5)));
        else if (!exclusion) m_dropped.add("files", fmt::format("exclusion {}", s.column_text(1)));
        else m_dropped.add("files", fmt::format("unterminated {}", s.column_text(11)));
        m_slot_index.push_back(-1);
        m_slots.push_back(slot);
        continue;
      }
      model::FileRecord& f = files.emplace_back();
      f.path = owned(s.column_blob(0));
      f.exclusion = *exclusion;
      f.exclusion_why = owned(s.column_blob(2));
      f.hazards_excluded = s.column_int64(3) != 0;
      model::FileFacts& facts = f.facts;
      facts.hash = as_unsigned(s.column_int64(4));
      facts.language = *language;
      facts.bytes = as_unsigned(s.column_int64(6));
      facts.lines.code = as_unsigned(s.column_int64(7));
      facts.lines.comment = as_unsigned(s.column_int64(8));
      facts.lines.blank = as_unsigned(s.column_int64(9));
      facts.binary = s.column_int64(10) != 0;
      facts.unterminated = *unterminated;
      facts.unterminated_line = u32(s.column_int64(12));
      facts.generated_why = owned(s.column_text(13));
      if (slot.functions < 0 || slot.findings < 0 || slot.issues < 0)
        return tl::unexpected(damaged(m_db, "a negative count"));
      facts.functions.resize(static_cast<std::size_t>(slot.functions));
      // RuleId::count_ marks a slot that no row filled or a dropped finding.
      facts.hazards.resize(static_cast<std::size_t>(slot.findings));
      facts.parse_issues.resize(static_cast<std::size_t>(slot.issues));
      m_slot_index.push_back(static_cast<std::int64_t>(files.size() - 1));
      m_slots.push_back(slot);
    }
    // Pointers only now: the vector no longer moves.
    for (std::size_t i = 0; i < m_slots.size(); ++i)
      if (m_slot_index[i] >= 0) m_slots[i].file = &files[static_cast<std::size_t>(m_slot_index[i])];
    return {};
  }

  tl::expected<void, std::string> functions() {
    OXIDIZE_TRY_VALUE(s, m_db.prepare(
        "SELECT mf.ordinal, fn.ordinal, fn.name, fn.start_line, fn.end_line, fn.body_begin, fn.body_end, fn.nloc, "
        "fn.ccn, fn.ccn_modified, fn.params, fn.max_nesting, fn.tokens, fn.is_unsafe, fn.unsafe_blocks "
        "FROM manifest_files mf JOIN functions fn ON fn.content_id = mf.content_id WHERE mf.manifest_id = ?1"));
    s.bind(1, m_manifest_id);
    while (true) {
      OXIDIZE_TRY_VALUE(more, s.step());
      if (!more) break;
      OXIDIZE_TRY_VALUE(slot, slot_of(s.column_int64(0)));
      if (slot->file == nullptr) continue;
      const std::int64_t ordinal = s.column_int64(1);
      if (ordinal < 0 || ordinal >= slot->functions) return tl::unexpected(damaged(m_db, "a function out of range"));
      ++slot->functions_read;
      parse::FunctionFacts& fn = slot->file->facts.functions[static_cast<std::size_t>(ordinal)];
      fn.name = owned(s.column_blob(2));
      fn.start_line = u32(s.column_int64(3));
      fn.end_line = u32(s.column_int64(4));
      fn.body_begin = u32(s.column_int64(5));
      fn.body_end = u32(s.column_int64(6));
      fn.nloc = u32(s.column_int64(7));
      fn.ccn = u32(s.column_int64(8));
      fn.ccn_modified = u32(s.column_int64(9));
      fn.params = u32(s.column_int64(10));
      fn.max_nesting = u32(s.column_int64(11));
      fn.tokens = u32(s.column_int64(12));
      fn.is_unsafe = s.column_int64(13) != 0;
      fn.unsafe_blocks = u32(s.column_int64(14));
    }
    return {};
  }

  tl::expected<void, std::string> findings() {
    OXIDIZE_TRY_VALUE(s, m_db.prepare(
        "SELECT mf.ordinal, h.ordinal, h.rule, h.confidence, h.line, h.column_number, h.function_name, h.message, "
        "h.snippet, h.fingerprint, h.suppressed, h.suppression_reason "
        "FROM manifest_files mf JOIN findings h ON h.content_id = mf.content_id WHERE mf.manifest_id = ?1"));
    s.bind(1, m_manifest_id);
    while (true) {
      OXIDIZE_TRY_VALUE(more, s.step());
      if (!more) break;
      OXIDIZE_TRY_VALUE(slot, slot_of(s.column_int64(0)));
      if (slot->file == nullptr) continue;
      const std::int64_t ordinal = s.column_int64(1);
      if (ordinal < 0 || ordinal >= slot->findings) return tl::unexpected(damaged(m_db, "a finding out of range"));
      ++slot->findings_read;
      const hazards::Rule* rule = hazards::find_rule(s.column_text(2));
      const auto confidence = hazards::confidence_from_name(s.column_text(3));
      if (rule == nullptr || !confidence) {
        if (rule == nullptr) m_dropped.add("findings", fmt::format("rule {}", s.column_text(2)));
        else m_dropped.add("findings", fmt::format("confidence {}", s.column_text(3)));
        continue;  // the slot keeps RuleId::count_ and is removed below
      }
      hazards::Finding& h = slot->file->facts.hazards[static_cast<std::size_t>(ordinal)];
      h.rule = rule->key;
      h.confidence = *confidence;
      h.line = u32(s.column_int64(4));
      h.column = u32(s.column_int64(5));
      h.function = owned(s.column_blob(6));
      h.message = owned(s.column_blob(7));
      h.snippet = owned(s.column_blob(8));
      h.fingerprint = as_unsigned(s.column_int64(9));
      h.suppressed = s.column_int64(10) != 0;
      h.suppression_reason = owned(s.column_blob(11));
    }
    return {};
  }

  tl::expected<void, std::string> parse_issues() {
    OXIDIZE_TRY_VALUE(s, m_db.prepare(
        "SELECT mf.ordinal, p.ordinal, p.line, p.message "
        "FROM manifest_files mf JOIN parse_issues p ON p.content_id = mf.content_id WHERE mf.manifest_id = ?1"));
    s.bind(1, m_manifest_id);
    while (true) {
      OXIDIZE_TRY_VALUE(more, s.step());
      if (!more) break;
      OXIDIZE_TRY_VALUE(slot, slot_of(s.column_int64(0)));
      if (slot->file == nullptr) continue;
      const std::int64_t ordinal = s.column_int64(1);
      if (ordinal < 0 || ordinal >= slot->issues) return tl::unexpected(damaged(m_db, "a parse issue out of range"));
      ++slot->issues_read;
      parse::ParseIssue& p = slot->file->facts.parse_issues[static_cast<std::size_t>(ordinal)];
      p.line = u32(s.column_int64(2));
      p.message = owned(s.column_blob(3));
    }
    return {};
  }

  // The snapshot's history, when it has one (no snapshot_history row: none).
  // Files and functions go to the places their ordinals name; each parent
  // row announced how many children it has, so a missing row is damage.
  tl::expected<void, std::string> history(std::int64_t id) {
    OXIDIZE_TRY_VALUE(s, m_db.prepare("SELECT head, now, walk, renames, shallow, commits, merges, first_commit, "
                                      "file_count, warning_count FROM snapshot_history WHERE snapshot_id = ?1"));
    s.bind(1, id);
    OXIDIZE_TRY_VALUE(row, s.step());
    if (!row) return {};
    model::History& h = m_out.history.emplace();
    h.info.head = owned(s.column_text(0));
    h.info.now = s.column_int64(1);
    h.info.walk = owned(s.column_text(2));
    h.info.renames = s.column_int64(3) != 0;
    h.info.shallow = s.column_int64(4) != 0;
    h.info.commits = as_unsigned(s.column_int64(5));
    h.info.merges = as_unsigned(s.column_int64(6));
    h.info.first_commit = s.column_int64(7);
    const std::int64_t file_count = s.column_int64(8), warning_count = s.column_int64(9);
    if (file_count < 0 || warning_count < 0) return tl::unexpected(damaged(m_db, "a negative count"));
    h.files.resize(static_cast<std::size_t>(file_count));
    h.warnings.resize(static_cast<std::size_t>(warning_count));

    OXIDIZE_TRY_VALUE(f, m_db.prepare(
        "SELECT ordinal, path, commits, fix_commits, security_fix_commits, authors, lines_added, lines_deleted, "
        "churn_12m, churn_3m, commits_12m, first_change, last_change, aged_lines, median_age_days_bits, "
        "young_share_bits, renames, function_count FROM history_files WHERE snapshot_id = ?1 ORDER BY ordinal"));
    f.bind(1, id);
    std::int64_t files_read = 0;
    std::vector<std::int64_t> functions_announced(h.files.size()), functions_read(h.files.size());
    while (true) {
      OXIDIZE_TRY_VALUE(more, f.step());
      if (!more) break;
      const std::int64_t ordinal = f.column_int64(0);
      if (ordinal < 0 || ordinal >= file_count)
        return tl::unexpected(damaged(m_db, "a history file out of range"));
      ++files_read;
      model::FileHistory& file = h.files[static_cast<std::size_t>(ordinal)];
      file.path = owned(f.column_blob(1));
      const int next = change_and_age(f, 2, file.change, file.age);
      file.renames = u32(f.column_int64(next));
      const std::int64_t functions = f.column_int64(next + 1);
      if (functions < 0) return tl::unexpected(damaged(m_db, "a negative count"));
      file.functions.resize(static_cast<std::size_t>(functions));
      functions_announced[static_cast<std::size_t>(ordinal)] = functions;
    }

    OXIDIZE_TRY_VALUE(fn, m_db.prepare(
        "SELECT file_ordinal, ordinal, name, start_line, end_line, commits, fix_commits, security_fix_commits, "
        "authors, lines_added, lines_deleted, churn_12m, churn_3m, commits_12m, first_change, last_change, "
        "aged_lines, median_age_days_bits, young_share_bits FROM history_functions WHERE snapshot_id = ?1 "
        "ORDER BY file_ordinal, ordinal"));
    fn.bind(1, id);
    while (true) {
      OXIDIZE_TRY_VALUE(more, fn.step());
      if (!more) break;
      const std::int64_t file = fn.column_int64(0), ordinal = fn.column_int64(1);
      if (file < 0 || file >= file_count || ordinal < 0 ||
          ordinal >= functions_announced[static_cast<std::size_t>(file)])
        return tl::unexpected(damaged(m_db, "a history function out of range"));
      ++functions_read[static_cast<std::size_t>(file)];
      model::FunctionHistory& x = h.files[static_cast<std::size_t>(file)].functions[static_cast<std::size_t>(ordinal)];
      x.name = owned(fn.column_blob(2));
      x.start_line = u32(fn.column_int64(3));
      x.end_line = u32(fn.column_int64(4));
      change_and_age(fn, 5, x.change, x.age);
    }

    OXIDIZE_TRY_VALUE(w, m_db.prepare("SELECT ordinal, path, message FROM history_warnings WHERE snapshot_id = ?1 "
                                      "ORDER BY ordinal"));
    w.bind(1, id);
    std::int64_t warnings_read = 0;
    while (true) {
      OXIDIZE_TRY_VALUE(more, w.step());
      if (!more) break;
      const std::int64_t ordinal = w.column_int64(0);
      if (ordinal < 0 || ordinal >= warning_count)
        return tl::unexpected(damaged(m_db, "a history warning out of range"));
      ++warnings_read;
      h.warnings[static_cast<std::size_t>(ordinal)] = {owned(w.column_blob(1)), owned(w.column_blob(2))};
    }
    // Rows are unique by key, so equal counts mean every place was filled.
    if (files_read != file_count || warnings_read != warning_count || functions_read != functions_announced)
      return tl::unexpected(damaged(m_db, "rows missing for the history"));
    return {};
  }

  // Every announced row was read (rows are unique by key, so equal counts
  // mean every slot was filled); then the dropped findings go.
  tl::expected<void, std::string> finish() {
    for (Slot& slot : m_slots) {
      if (slot.file == nullptr) continue;
      if (slot.functions_read != slot.functions || slot.findings_read != slot.findings ||
          slot.issues_read != slot.issues)
        return tl::unexpected(damaged(m_db, "rows missing for a file's facts"));
      std::erase_if(slot.file->facts.hazards, [](const hazards::Finding& h) { return h.rule == hazards::RuleId::count_; });
    }
    m_dropped.append_warnings(m_db.path(), m_out.warnings);
    return {};
  }

 private:
  tl::expected<Slot*, std::string> slot_of(std::int64_t ordinal) {
    if (ordinal < 0 || static_cast<std::size_t>(ordinal) >= m_slots.size())
      return tl::unexpected(damaged(m_db, "a file ordinal out of range"));
    return &m_slots[static_cast<std::size_t>(ordinal)];
  }

  sqlite::Database& m_db;
  model::Snapshot& m_out;
  std::int64_t m_manifest_id = 0;
  std::vector<Slot> m_slots;                // by manifest ordinal
  std::vector<std::int64_t> m_slot_index;  // index into m_out.files, or -1 when dropped
  Dropped m_dropped;
};

}  // namespace

tl::expected<model::Snapshot, std::string> read_snapshot(sqlite::Database& db, std::int64_t id) {
  OXIDIZE_TRY_VALUE(tx, sqlite::Transaction::begin(db, sqlite::Transaction::Kind::deferred));
  model::Snapshot out;
  Reader r(db, out);
  OXIDIZE_TRY_VALUE(found, r.info(id));
  if (!found) return tl::unexpected(fmt::format("{}: no snapshot {} (oxidize snapshots lists them)", db.path(), id));
  OXIDIZE_TRY(r.skips_and_warnings(id));
  OXIDIZE_TRY(r.files());
  OXIDIZE_TRY(r.functions());
  OXIDIZE_TRY(r.findings());
  OXIDIZE_TRY(r.parse_issues());
  OXIDIZE_TRY(r.history(id));
  OXIDIZE_TRY(r.finish());
  OXIDIZE_TRY(tx.commit());
  return out;
}

tl::expected<std::vector<model::SnapshotListing>, std::string> list_snapshots(sqlite::Database& db) {
  OXIDIZE_TRY_VALUE(tx, sqlite::Transaction::begin(db, sqlite::Transaction::Kind::deferred));
  std::vector<model::SnapshotListing> out;
  std::unordered_map<std::int64_t, std::size_t> by_id;
  OXIDIZE_TRY_VALUE(s, db.prepare("SELECT s.id, s.created_at, s.tool_version, s.tree, s.source, s.commit_id, "
                                  "s.options, m.file_count, m.code_lines, m.function_count, m.finding_count "
                                  "FROM snapshots s JOIN manifests m ON m.id = s.manifest_id ORDER BY s.id"));
  while (true) {
    OXIDIZE_TRY_VALUE(more, s.step());
    if (!more) break;
    model::SnapshotListing& l = out.emplace_back();
    l.info.id = s.column_int64(0);
    l.info.created_at = owned(s.column_text(1));
    l.info.tool_version = owned(s.column_text(2));
    l.info.tree = owned(s.column_blob(3));
    l.info.source = owned(s.column_text(4));
    l.info.commit = owned(s.column_text(5));
    l.info.options = owned(s.column_text(6));
    l.totals = {as_unsigned(s.column_int64(7)), as_unsigned(s.column_int64(8)), as_unsigned(s.column_int64(9)),
                as_unsigned(s.column_int64(10))};
    by_id.emplace(l.info.id, out.size() - 1);
  }
  OXIDIZE_TRY_VALUE(r, db.prepare("SELECT snapshot_id, path FROM snapshot_roots ORDER BY snapshot_id, ordinal"));
  while (true) {
    OXIDIZE_TRY_VALUE(more, r.step());
    if (!more) break;
    if (const auto it = by_id.find(r.column_int64(0)); it != by_id.end())
      out[it->second].info.roots.push_back(owned(r.column_blob(1)));
  }
  OXIDIZE_TRY(tx.commit());
  return out;
}

}  // namespace oxidize::store
