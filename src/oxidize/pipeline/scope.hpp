#pragma once
// The scope policy, decided in this one place for every file of a snapshot:
// vendored (a vendored directory above it), generated (by its name, or a
// marker in its content), and findings excluded by `[hazards] exclude` of
// oxidize.toml. Files out of scope stay in the snapshot, marked with the
// reason; model::Scope decides which marks a report counts.
#include <string_view>
#include <vector>

#include "oxidize/config/glob.hpp"
#include "oxidize/model/snapshot.hpp"
#include "oxidize/source/file_source.hpp"

namespace oxidize::pipeline {

// Marks `record` (whose facts are filled in); `prefix` is the root's prefix
// in snapshot paths.
void apply_scope(model::FileRecord& record, const source::SourceFile& file, std::string_view prefix,
                 const std::vector<config::Glob>& hazard_excludes);

}  // namespace oxidize::pipeline
