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

// The mark of a file from what the source says of it (a vendored directory
// above it, its name) and what its content says (`generated_why` of its
// facts, empty when none): the rule apply_scope applies, for callers that
// keep counts rather than records (the timeline of `oxidize history`).
discover::Exclusion exclusion_of(const source::SourceFile& file, std::string_view generated_why);
// Whether `[hazards] exclude` leaves out the findings of a file (asked only
// of files that have findings: the globs cost nothing elsewhere).
bool hazards_excluded(const source::SourceFile& file, const std::vector<config::Glob>& hazard_excludes);

// Marks `record` (whose facts are filled in); `prefix` is the root's prefix
// in snapshot paths.
void apply_scope(model::FileRecord& record, const source::SourceFile& file, std::string_view prefix,
                 const std::vector<config::Glob>& hazard_excludes);

}  // namespace oxidize::pipeline
