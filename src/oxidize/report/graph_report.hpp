#pragma once
// Rendering of `oxidize graph`: the include, call or component graph as
// Graphviz DOT or as JSON (docs/output.md), both written as the walk
// (structure/graph.hpp) hands over nodes and edges, so that a graph of a
// million edges is never held as text.
#include "oxidize/structure/graph.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

struct GraphView {
  const model::Snapshot& snapshot;
  const structure::Components& components;
  const structure::IncludeGraph& includes;
  const structure::CallGraph& calls;
  const structure::GraphOptions& options;
};

void graph_dot(util::Output& out, const GraphView& v);
void graph_json(util::Output& out, const GraphView& v);

}  // namespace oxidize::report
