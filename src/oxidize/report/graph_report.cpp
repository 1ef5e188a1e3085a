#include "oxidize/report/graph_report.hpp"

#include <bit>
#include <vector>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/report/json_writer.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/structure/component_summary.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;
using structure::GraphEdge;
using structure::GraphKind;
using structure::GraphNode;
using structure::GraphSite;
using structure::k_none;

namespace {

std::string_view call_kind_name(parse::CallKind kind) {
  switch (kind) {
    case parse::CallKind::direct: return "direct";
    case parse::CallKind::member: return "member";
    case parse::CallKind::pointer: return "pointer";
  }
  return "direct";
}

// "1 call", "2,048 calls".
std::string counted(std::uint64_t n, std::string_view what) {
  return fmt::format("{} {}{}", util::with_thousands(n), what, n == 1 ? "" : "s");
}

// Graphviz pulls heavier edges shorter; a weight in the millions (the
// kernel's component graph) would swamp its layout, so it grows with the
// count's number of bits: 1, 2 for 2-3, 3 for 4-7 ...
int weight_of(std::uint64_t count) { return static_cast<int>(std::bit_width(count)); }

// The component graph's nodes show each component's size: summed once
// (over files and calls, not edges) before the walk.
std::vector<structure::ComponentSummary> summaries_for(const GraphView& v) {
  if (v.options.kind != GraphKind::component) return {};
  return structure::summarize_components(v.snapshot, v.components, v.includes, v.calls);
}

// DOT: every id is "n" and the node's number, quoted; every label is
// util::dot_escaped text, so nothing from the scanned tree can end a string,
// start an HTML label or carry a byte Graphviz would reject.
class DotWriter final : public structure::GraphVisitor {
 public:
  DotWriter(util::Output& out, const GraphView& v) : out_(out), v_(v), summaries_(summaries_for(v)) {}

  void begin() {
    out_.write("digraph \"oxidize\" {\n");
    // Calls and includes read left to right; components top down.
    out_.print("  graph [rankdir=\"{}\", fontname=\"Helvetica\"];\n",
               v_.options.kind == GraphKind::component ? "TB" : "LR");
    out_.write("  node [shape=\"box\", fontname=\"Helvetica\", fontsize=\"10\"];\n");
    out_.write("  edge [fontname=\"Helvetica\", fontsize=\"9\"];\n");
  }

  void node(const GraphNode& n) override {
    // Nodes come component by component: each component of the include and
    // call graphs is a cluster.
    const bool clustered = v_.options.kind != GraphKind::component && n.component != k_none;
    const std::uint32_t cluster = clustered ? n.component : k_none;
    if (cluster != open_cluster_) {
      close_cluster();
      if (cluster != k_none) {
        out_.print("  subgraph \"cluster_{}\" {{\n    graph [label=\"{}\", style=\"rounded\", color=\"gray60\"];\n",
                   cluster, util::dot_escaped(v_.components.list[cluster].name));
        open_cluster_ = cluster;
      }
    }
    out_.write(open_cluster_ == k_none ? "  " : "    ");
    out_.print("\"n{}\" [label=\"{}\"", n.id, label(n));
    if (!n.external.empty()) out_.write(", style=\"dashed\"");
    else if (n.component == k_none) out_.write(", style=\"dotted\"");
    out_.write("];\n");
  }

  void edges_begin() override { close_cluster(); }

  void edge(const GraphEdge& e) override {
    out_.print("  \"n{}\" -> \"n{}\"", e.from, e.to);
    if (v_.options.kind == GraphKind::component) {
      std::string text;
      if (e.count > 0) text = counted(e.count, "call");
      if (e.includes > 0) text += (text.empty() ? "" : "\\n") + counted(e.includes, "include");
      out_.print(" [label=\"{}\", weight=\"{}\"]", text, weight_of(e.count + e.includes));
    } else if (e.count > 1) {
      out_.print(" [label=\"{}\", weight=\"{}\"]", util::with_thousands(e.count), weight_of(e.count));
    }
    out_.write(";\n");
  }

  void end() {
    close_cluster();
    out_.write("}\n");
  }

 private:
  void close_cluster() {
    if (open_cluster_ == k_none) return;
    out_.write("  }\n");
    open_cluster_ = k_none;
  }

  std::string label(const GraphNode& n) const {
    if (v_.options.kind == GraphKind::component) {
      const auto& s = summaries_[n.component];
      return fmt::format("{}\\n{}, {}", util::dot_escaped(v_.components.list[n.component].name),
                         counted(s.totals.lines.code, "code line"), counted(s.totals.functions, "function"));
    }
    if (!n.external.empty()) return util::dot_escaped(n.external);
    const model::FileRecord& file = v_.snapshot.files[n.file];
    std::string text;
    if (v_.options.kind == GraphKind::call) {
      const auto& fn = file.facts.functions[n.function];
      text = fmt::format("{}\\n{}:{}", util::dot_escaped(fn.name), util::dot_escaped(file.path), fn.start_line);
    } else {
      text = util::dot_escaped(file.path);
    }
    if (n.component == k_none && file.exclusion != discover::Exclusion::none)
      text += fmt::format("\\n({})", discover::exclusion_key(file.exclusion));
    return text;
  }

  util::Output& out_;
  const GraphView& v_;
  std::vector<structure::ComponentSummary> summaries_;
  std::uint32_t open_cluster_ = k_none;
};

// JSON: the document's head, then one value per node, edge and site through
// JsonWriter (json_writer.hpp).
class JsonGraphWriter final : public structure::GraphVisitor {
 public:
  JsonGraphWriter(util::Output& out, const GraphView& v) : json_(out), v_(v), summaries_(summaries_for(v)) {}

  void begin() {
    json_.begin_object();
    json_.member("schema_version", k_schema_version);
    json_.member("tool", {{"name", "oxidize"}, {"version", k_version}});
    json_.member("command", "graph");
    ordered_json roots = ordered_json::array();
    for (const auto& r : v_.snapshot.info.roots) roots.push_back(util::to_valid_utf8(r));
    json_.member("roots", roots);
    json_.member("kind", structure::graph_kind_name(v_.options.kind));
    ordered_json filter;
    if (v_.options.component == k_none) filter["component"] = nullptr;
    else put_path(filter, "component", v_.components.list[v_.options.component].name);
    filter["top"] = v_.options.top == 0 ? ordered_json(nullptr) : ordered_json(v_.options.top);
    filter["include_external"] = v_.options.include_external;
    json_.member("filter", filter);
    json_.key("nodes");
    json_.begin_array();
  }

  void node(const GraphNode& n) override {
    ordered_json j;
    j["id"] = n.id;
    switch (v_.options.kind) {
      case GraphKind::component: {
        const auto& c = v_.components.list[n.component];
        const auto& s = summaries_[n.component];
        put_path(j, "name", c.name);
        j["rule"] = structure::component_rule_name(c.rule);
        j["files"] = s.totals.files;
        j["code"] = s.totals.lines.code;
        j["functions"] = s.totals.functions;
        break;
      }
      case GraphKind::include:
      case GraphKind::call: {
        const std::string_view name_key = v_.options.kind == GraphKind::call ? "function" : "path";
        if (!n.external.empty()) {
          put_path(j, name_key, n.external);
          j["external"] = true;
          j["how"] = n.how;
          break;
        }
        const model::FileRecord& file = v_.snapshot.files[n.file];
        put_path(j, "path", file.path);
        if (v_.options.kind == GraphKind::call) {
          const auto& fn = file.facts.functions[n.function];
          put_path(j, "function", fn.name);
          j["line"] = fn.start_line;
        } else {
          j["language"] = discover::language_key(file.facts.language);
        }
        if (n.component == k_none) {
          j["component"] = nullptr;
          if (file.exclusion != discover::Exclusion::none) j["excluded"] = discover::exclusion_key(file.exclusion);
        } else {
          put_path(j, "component", v_.components.list[n.component].name);
        }
        break;
      }
    }
    json_.value(j);
  }

  void edges_begin() override {
    json_.end();
    json_.key("edges");
    json_.begin_array();
  }

  void edge(const GraphEdge& e) override {
    ordered_json j;
    j["from"] = e.from;
    j["to"] = e.to;
    if (v_.options.kind == GraphKind::component) {
      j["calls"] = e.count;
      j["includes"] = e.includes;
    } else {
      j["count"] = e.count;
      j["how"] = e.how;
      j["line"] = e.line;
    }
    json_.value(j);
  }

  void sites_begin() override {
    json_.end();
    json_.key("sites");
    json_.begin_array();
  }

  void site(const GraphSite& s) override {
    const model::FileRecord& file = v_.snapshot.files[s.file];
    const parse::CallSite& call = file.facts.structure.calls[s.call];
    ordered_json j;
    put_path(j, "path", file.path);
    j["line"] = call.line;
    put_path(j, "caller", file.facts.functions[call.function].name);
    put_path(j, "callee", file.facts.structure.names[call.callee]);
    j["kind"] = call_kind_name(call.kind());
    j["how"] = structure::call_how_name(s.how);
    j["from"] = s.from;
    j["to"] = s.to == structure::k_no_node ? ordered_json(nullptr) : ordered_json(s.to);
    if (s.target != structure::k_no_target) {
      const structure::FunctionRef f = v_.calls.function(s.target);
      const model::FileRecord& def = v_.snapshot.files[f.file];
      ordered_json target;
      put_path(target, "path", def.path);
      put_path(target, "function", def.facts.functions[f.function].name);
      target["line"] = def.facts.functions[f.function].start_line;
      j["target"] = target;
    }
    json_.value(j);
  }

  void end() {
    json_.end();
    json_.end();
    json_.finish();
  }

 private:
  JsonWriter json_;
  const GraphView& v_;
  std::vector<structure::ComponentSummary> summaries_;
};

structure::GraphInput input_of(const GraphView& v) { return {v.snapshot, v.components, v.includes, v.calls}; }

}  // namespace

void graph_dot(util::Output& out, const GraphView& v) {
  DotWriter writer(out, v);
  writer.begin();
  structure::walk_graph(input_of(v), v.options, writer);
  writer.end();
}

void graph_json(util::Output& out, const GraphView& v) {
  JsonGraphWriter writer(out, v);
  writer.begin();
  structure::walk_graph(input_of(v), v.options, writer);
  writer.end();
}

}  // namespace oxidize::report
