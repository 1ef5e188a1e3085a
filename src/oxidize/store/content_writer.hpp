#pragma once
// The `contents` rows of one write and the rows of their facts (functions,
// findings, parse issues), each written once per (analysis key, content
// hash, facts digest) however many files and snapshots share it.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/model/file_facts.hpp"
#include "oxidize/store/batch_insert.hpp"
#include "oxidize/store/sqlite.hpp"

namespace oxidize::store {

class ContentWriter {
 public:
  // Inside the write transaction: ids are handed out from the table's
  // largest, which no other writer can change while this one holds the lock.
  static tl::expected<ContentWriter, std::string> prepare(sqlite::Database& db, std::int64_t analysis_key_id);

  // The id of the facts' row: found in the store, or queued for writing.
  tl::expected<std::int64_t, std::string> content_id(const model::FileFacts& facts, std::uint64_t facts_digest);

  // Writes the queued rows: every contents row first, then their facts, so
  // that each row's parent exists when it goes in (foreign keys are checked
  // at once). The facts must be those passed to content_id().
  tl::expected<void, std::string> write();

 private:
  struct Key {
    std::uint64_t hash, digest;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const { return k.hash ^ (k.digest * 0x9e3779b97f4a7c15ULL); }
  };
  struct Queued {
    const model::FileFacts* facts;
    std::int64_t id;
    std::uint64_t digest;
  };

  ContentWriter(std::int64_t key_id, bool key_known, std::int64_t next_id, sqlite::Statement find,
                BatchInsert contents, BatchInsert functions, BatchInsert findings, BatchInsert issues);
  tl::expected<void, std::string> queue_facts(const Queued& q);

  std::int64_t m_key_id;
  bool m_key_known;  // false: the store has no contents under this key, no lookup can hit
  std::int64_t m_next_id;
  sqlite::Statement m_find;
  BatchInsert m_contents, m_functions, m_findings, m_issues;
  std::vector<Queued> m_queued;
  // What this write queued: identical files in one tree (the kernel has
  // thousands) share a row without a query.
  std::unordered_map<Key, std::int64_t, KeyHash> m_ids;
};

}  // namespace oxidize::store
