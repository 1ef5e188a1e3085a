#pragma once
// Reading snapshots back from an open store (Store::read and Store::list).
#include <cstdint>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/model/snapshot_listing.hpp"
#include "oxidize/store/sqlite.hpp"

namespace oxidize::store {

// The whole snapshot, in one read transaction (a consistent view while
// another process writes). An unknown id is an error naming it.
tl::expected<model::Snapshot, std::string> read_snapshot(sqlite::Database& db, std::int64_t id);

// Every snapshot's info and totals, oldest first.
tl::expected<std::vector<model::SnapshotListing>, std::string> list_snapshots(sqlite::Database& db);

}  // namespace oxidize::store
