#pragma once
// One line of `oxidize snapshots`: where a stored snapshot came from, and a
// few totals that say how big it is without reading it back.
#include <cstdint>
#include <vector>

#include "oxidize/model/snapshot.hpp"

namespace oxidize::model {

// Counted as `oxidize scan` counts its Total row by default: files that are
// neither vendored nor generated; findings at medium or high confidence, not
// suppressed, outside the files oxidize.toml excludes from hazards.
struct SnapshotTotals {
  std::uint64_t files = 0;
  std::uint64_t code_lines = 0;
  std::uint64_t functions = 0;
  std::uint64_t findings = 0;
  bool operator==(const SnapshotTotals&) const = default;
};

struct SnapshotListing {
  SnapshotInfo info;
  SnapshotTotals totals;
};

SnapshotTotals snapshot_totals(const std::vector<FileRecord>& files);

}  // namespace oxidize::model
