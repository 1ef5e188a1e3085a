#pragma once
// Which files a report counts. The pipeline's scope policy
// (pipeline/scope.hpp) marks each file of a snapshot vendored or generated,
// with the reason; a report counts marked files only when the user asked
// (--include-vendored, --include-generated). Every view over a snapshot
// (totals, functions, hazards, the Rust unsafe inventory) asks this one
// question the same way.
#include "oxidize/model/snapshot.hpp"

namespace oxidize::model {

struct Scope {
  bool include_vendored = false;
  bool include_generated = false;

  bool counts(discover::Exclusion exclusion) const {
    switch (exclusion) {
      case discover::Exclusion::vendored: return include_vendored;
      case discover::Exclusion::generated: return include_generated;
      case discover::Exclusion::none: break;
    }
    return true;
  }
  bool counts(const FileRecord& file) const { return counts(file.exclusion); }
};

}  // namespace oxidize::model
