#pragma once
// Writing one snapshot into an open store, in one transaction (Store::write).
#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/store/sqlite.hpp"

namespace oxidize::store {

// Digests are computed before the write lock is taken; then, unless the
// store already holds the same file list, each file's facts are looked up
// by (hash, analysis key, digest) and written only when new, then the file
// list; then the snapshot's own rows, and its history when it has one.
// Returns the new snapshot's id.
tl::expected<std::int64_t, std::string> write_snapshot(sqlite::Database& db, const model::Snapshot& snapshot,
                                                       std::string_view analysis_key);

}  // namespace oxidize::store
