#pragma once
// Rendering of `oxidize snapshots`: the snapshots of a store, for people
// (table) and programs (JSON, with schema_version). Paths, trees and
// commits come from the scanned tree or the command line: every one goes
// through util/text.hpp.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "oxidize/model/snapshot_listing.hpp"
#include "oxidize/report/report.hpp"

namespace oxidize::report {

// One row per snapshot, oldest first, with the store named above them.
std::string snapshots_table(std::string_view store_path, const std::vector<model::SnapshotListing>& list,
                            TableStyle style);
std::string snapshots_json(std::string_view store_path, const std::vector<model::SnapshotListing>& list);

// A snapshot's info as a JSON object (also the "before" and "after" of a diff).
nlohmann::ordered_json snapshot_info_json(const model::SnapshotInfo& info);

// The first 12 characters of a commit id, or "-" when there is none.
std::string short_commit(std::string_view commit);

}  // namespace oxidize::report
