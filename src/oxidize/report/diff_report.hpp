#pragma once
// Rendering of `oxidize diff`: what changed between two snapshots, for
// people (table) and programs (JSON, with schema_version). Everything taken
// from the scanned tree goes through util/text.hpp.
#include <cstddef>
#include <string>

#include "oxidize/model/diff.hpp"
#include "oxidize/report/report.hpp"

namespace oxidize::report {

// `max_rows` caps each list of the table (files, functions, new and fixed
// hazards; 0: no cap); the JSON always lists everything.
std::string diff_table(const model::SnapshotDiff& diff, TableStyle style, std::size_t max_rows = 20);
std::string diff_json(const model::SnapshotDiff& diff);

}  // namespace oxidize::report
