#include "oxidize/pipeline/scope.hpp"

#include "oxidize/discover/exclusion.hpp"

namespace oxidize::pipeline {

discover::Exclusion exclusion_of(const source::SourceFile& file, std::string_view generated_why) {
  if (file.exclusion == discover::Exclusion::vendored) return discover::Exclusion::vendored;
  if (!discover::generated_by_name(file.name).empty() || !generated_why.empty()) return discover::Exclusion::generated;
  return discover::Exclusion::none;
}

bool hazards_excluded(const source::SourceFile& file, const std::vector<config::Glob>& hazard_excludes) {
  return config::matches_any(hazard_excludes, file.rel_path);
}

void apply_scope(model::FileRecord& record, const source::SourceFile& file, std::string_view prefix,
                 const std::vector<config::Glob>& hazard_excludes) {
  record.exclusion = exclusion_of(file, record.facts.generated_why);
  if (record.exclusion == discover::Exclusion::vendored) {
    record.exclusion_why = "under vendored directory " + std::string(prefix) + std::string(file.exclusion_root);
  } else if (record.exclusion == discover::Exclusion::generated) {
    // The name's reason first, as it is decided first.
    const std::string_view by_name = discover::generated_by_name(file.name);
    record.exclusion_why = !by_name.empty() ? by_name : record.facts.generated_why;
  }
  record.hazards_excluded = !record.facts.hazards.empty() && hazards_excluded(file, hazard_excludes);
}

}  // namespace oxidize::pipeline
