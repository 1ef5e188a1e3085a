#pragma once
// Identities that make the store content-addressed. Each is a hash over a
// fixed, byte-order-independent layout of the values (enums by their stable
// text keys), so the same facts give the same digest on any machine and in
// any later build that keeps the layout: a scanner can compute them before
// it talks to a shared store (docs/store.md).
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "oxidize/model/file_facts.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::store {

class HashFeed;

// Reused across files: it owns the hash state and a buffer, so digesting
// allocates nothing per file.
class Digester {
 public:
  Digester();
  ~Digester();
  Digester(const Digester&) = delete;
  Digester& operator=(const Digester&) = delete;

  // XXH3-64 of every field of `facts`: with the content hash and the
  // analysis key it identifies a `contents` row, so two files share a row
  // only when their facts are identical, whatever the analysis key forgot.
  std::uint64_t facts(const model::FileFacts& facts);

  // XXH3-128, as 32 hex digits, of the file list of a snapshot: each file's
  // path, content hash, facts digest and exclusion, in order, under one
  // analysis key. Equal digests mean the same files with the same facts.
  std::string manifest(std::string_view analysis_key, std::span<const model::FileRecord> files,
                       std::span<const std::uint64_t> facts_digests);

 private:
  std::unique_ptr<HashFeed> m_feed;
};

}  // namespace oxidize::store
