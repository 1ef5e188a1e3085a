#pragma once
// Rendering of `oxidize hotspots`: functions, files and components by risk,
// each with the factors of its score (risk/). The CSV is what the CVE
// backtests read: `path,score,function`, a file row with an empty function,
// then the function rows. Schema in docs/output.md.
#include <cstddef>

#include "oxidize/risk/hotspots.hpp"
#include "oxidize/structure/components.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

struct HotspotsView {
  const model::Snapshot& snapshot;
  const structure::Components& components;
  const risk::Hotspots& hotspots;
  const risk::RiskWeights& weights;
  std::size_t top = 0;  // rows per list; 0: all
  bool explain = false;  // table: each row's factors below it
  bool files = true, functions = true, components_list = true;  // which lists (--by)
};

void hotspots_table(util::Output& out, const HotspotsView& v, bool color);
void hotspots_json(util::Output& out, const HotspotsView& v);
void hotspots_csv(util::Output& out, const HotspotsView& v);

}  // namespace oxidize::report
