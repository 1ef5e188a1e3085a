#include "oxidize/pipeline/scope.hpp"

#include "oxidize/discover/exclusion.hpp"

namespace oxidize::pipeline {

void apply_scope(model::FileRecord& record, const source::SourceFile& file, std::string_view prefix,
                 const std::vector<config::Glob>& hazard_excludes) {
  if (file.exclusion == discover::Exclusion::vendored) {
    record.exclusion = discover::Exclusion::vendored;
    record.exclusion_why = "under vendored directory " + std::string(prefix) + std::string(file.exclusion_root);
  } else if (const std::string_view by_name = discover::generated_by_name(file.name); !by_name.empty()) {
    record.exclusion = discover::Exclusion::generated;
    record.exclusion_why = by_name;
  } else if (!record.facts.generated_why.empty()) {
    record.exclusion = discover::Exclusion::generated;
    record.exclusion_why = record.facts.generated_why;
  }
  // Only files with findings are matched: the globs cost nothing elsewhere.
  record.hazards_excluded = !record.facts.hazards.empty() && config::matches_any(hazard_excludes, file.rel_path);
}

}  // namespace oxidize::pipeline
