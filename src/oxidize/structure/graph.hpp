#pragma once
// The include, call and component graphs as a stream of nodes and edges for
// a renderer (`oxidize graph`, report/graph_report). A walk decides which
// nodes the options keep, numbers them densely in the order it hands them
// over (component by component, so that a renderer can draw each as a
// cluster; then nodes outside the scope; then unresolved names), and then
// hands over the edges file by file, each caller→callee (or includer→header)
// pair once with its count. Nothing is built for the whole graph but a node
// number per function or file and, for --top, a degree per node: memory does
// not grow with the edges, and no step is quadratic.
#include <cstdint>
#include <string>
#include <string_view>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/structure/call_graph.hpp"
#include "oxidize/structure/components.hpp"
#include "oxidize/structure/include_graph.hpp"

namespace oxidize::structure {

enum class GraphKind : std::uint8_t { include, call, component };
std::string_view graph_kind_name(GraphKind kind);
inline constexpr std::uint32_t k_no_node = 0xffffffffU;

struct GraphOptions {
  GraphKind kind = GraphKind::component;
  // Unresolved callees (external, macro, ambiguous) or includes (system, not
  // found, ambiguous, #include MACRO) as nodes of their own, one per name.
  bool include_external = false;
  // The component's nodes and their direct neighbours only (k_none: all).
  std::uint32_t component = k_none;
  // The `top` nodes with the most edges (counted with their counts), and the
  // edges between them (0: all).
  std::uint32_t top = 0;
  // Call graph: every call site of the nodes kept, after the edges.
  bool sites = false;
};

struct GraphNode {
  std::uint32_t id = 0;          // dense, in the order handed over
  std::uint32_t file = k_no_file;  // include and call nodes: index into Snapshot::files
  std::uint32_t function = 0;      // call nodes: index into that file's functions
  // The component the node belongs to (the component itself for the
  // component graph); k_none for a file outside the scope (vendored,
  // generated) reached by an edge, and for unresolved names.
  std::uint32_t component = k_none;
  // An unresolved name (include target as written, or callee): file unset.
  std::string_view external;
  std::string_view how;  // for an unresolved name: why (call_how_name, include_how_name)
};

struct GraphEdge {
  std::uint32_t from = 0;  // node ids
  std::uint32_t to = 0;
  std::uint64_t count = 0;     // call sites, #include lines; the component graph: calls
  std::uint64_t includes = 0;  // the component graph: #include lines
  std::string_view how;        // include and call: how the first site resolved
  std::uint32_t line = 0;      // include and call: the first site's line
};

struct GraphSite {
  std::uint32_t file = 0;  // the caller's file
  std::uint32_t call = 0;  // index into that file's structure.calls
  std::uint32_t from = 0;  // the caller's node
  std::uint32_t to = k_no_node;  // the callee's node, when it is one
  std::uint32_t target = k_no_target;  // the callee's function id (CallGraph), when resolved
  CallHow how = CallHow::external;
};

class GraphVisitor {
 public:
  virtual ~GraphVisitor() = default;
  virtual void node(const GraphNode& node) = 0;
  virtual void edges_begin() {}  // every node has been handed over
  virtual void edge(const GraphEdge& edge) = 0;
  virtual void sites_begin() {}  // with GraphOptions::sites, after the edges
  virtual void site(const GraphSite&) {}
};

struct GraphInput {
  const model::Snapshot& snapshot;
  const Components& components;
  const IncludeGraph& includes;
  const CallGraph& calls;
};

void walk_graph(const GraphInput& input, const GraphOptions& options, GraphVisitor& visitor);

}  // namespace oxidize::structure
