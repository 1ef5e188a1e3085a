#pragma once
// Rendering of `oxidize components`: one row per component, with the
// include-resolution and call-resolution shares of the whole tree.
#include <vector>

#include "oxidize/structure/component_summary.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

struct ComponentsView {
  const model::Snapshot& snapshot;
  const structure::Components& components;
  const std::vector<structure::ComponentSummary>& rows;  // in display order
  const structure::IncludeGraph& includes;
  const structure::CallGraph& calls;
};

void components_table(util::Output& out, const ComponentsView& v, bool color);
void components_json(util::Output& out, const ComponentsView& v);
void components_csv(util::Output& out, const ComponentsView& v);

}  // namespace oxidize::report
