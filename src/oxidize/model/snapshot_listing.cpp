#include "oxidize/model/snapshot_listing.hpp"

#include "oxidize/model/aggregate.hpp"

namespace oxidize::model {

SnapshotTotals snapshot_totals(const std::vector<FileRecord>& files) {
  // The same Totals the scan's table sums, so the two never disagree.
  Totals t;
  for (const auto& f : files)
    if (f.exclusion == discover::Exclusion::none) t.add(f, 0);
  return {t.files, t.lines.code, t.functions, t.hazards.findings};
}

}  // namespace oxidize::model
