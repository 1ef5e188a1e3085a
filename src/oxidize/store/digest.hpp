#pragma once
// Identities that make the store content-addressed. Each is a hash over a
// fixed, byte-order-independent layout of the values (enums by their stable
// text keys), so the same facts give the same digest on any machine and in
// any later build that keeps the layout: a scanner can compute them before
// it talks to a shared store (docs/store.md).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "oxidize/model/file_facts.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::store {

// XXH3-64 of every field of `facts`: with the content hash and the analysis
// key it identifies a `contents` row, so that two files share a row only
// when their facts are identical, whatever the caller's analysis key forgot.
// `scratch` is a buffer reused across calls (no allocation once grown).
std::uint64_t facts_digest(const model::FileFacts& facts, std::string& scratch);

// XXH3-128, as 32 hex digits, of the file list of a snapshot: each file's
// path, content hash, facts digest and exclusion, in order, under one
// analysis key. Equal digests mean the same files with the same facts.
std::string manifest_digest(std::string_view analysis_key, std::span<const model::FileRecord> files,
                            std::span<const std::uint64_t> facts_digests);

}  // namespace oxidize::store
