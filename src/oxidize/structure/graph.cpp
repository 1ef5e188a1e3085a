#include "oxidize/structure/graph.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

namespace oxidize::structure {

namespace {

constexpr std::uint32_t k_no_item = 0xffffffffU;

// One edge as a file holds it, before the pairs are counted: an include
// directive, or a call site.
struct RawEdge {
  std::uint32_t from = 0;        // item
  std::uint32_t to = k_no_item;  // item, or k_no_item for an unresolved name
  std::string_view name;         // the unresolved name
  std::string_view how;
  std::uint32_t line = 0;
};

// The include graph's items are files: one per file.
class IncludeItems {
 public:
  explicit IncludeItems(const GraphInput& in) : in_(in) {}
  std::uint32_t count() const { return static_cast<std::uint32_t>(in_.snapshot.files.size()); }
  std::uint32_t file_of(std::uint32_t item) const { return item; }
  std::pair<std::uint32_t, std::uint32_t> of_file(std::uint32_t file) const { return {file, file + 1}; }
  template <class Visit>
  void edges(std::uint32_t file, Visit&& visit) const {
    const auto& directives = in_.snapshot.files[file].facts.structure.includes;
    for (const IncludeEdge& e : in_.includes.of(file)) {
      const parse::IncludeDirective& d = directives[e.directive];
      if (e.to != k_no_file) visit(RawEdge{file, e.to, {}, include_how_name(e.how), d.line});
      else visit(RawEdge{file, k_no_item, d.target, include_how_name(e.how), d.line});
    }
  }

 private:
  const GraphInput& in_;
};

// The call graph's items are functions, numbered as CallGraph numbers them.
class CallItems {
 public:
  explicit CallItems(const GraphInput& in) : in_(in) {}
  std::uint32_t count() const { return in_.calls.function_count(); }
  std::uint32_t file_of(std::uint32_t item) const { return in_.calls.function(item).file; }
  std::pair<std::uint32_t, std::uint32_t> of_file(std::uint32_t file) const {
    return {in_.calls.function_base[file], in_.calls.function_base[file + 1]};
  }
  template <class Visit>
  void edges(std::uint32_t file, Visit&& visit) const {
    const auto& structure = in_.snapshot.files[file].facts.structure;
    const std::uint32_t base = in_.calls.call_base[file];
    for (std::uint32_t c = 0; c < structure.calls.size(); ++c) {
      const parse::CallSite& call = structure.calls[c];
      const std::uint32_t from = in_.calls.function_base[file] + call.function;
      const std::uint32_t target = in_.calls.target[base + c];
      const CallHow how = in_.calls.how[base + c];
      if (target != k_no_target) visit(RawEdge{from, target, {}, call_how_name(how), call.line});
      // Through a pointer there is no callee name to show, only the pointer's.
      else if (how != CallHow::indirect)
        visit(RawEdge{from, k_no_item, structure.names[call.callee], call_how_name(how), call.line});
    }
  }

 private:
  const GraphInput& in_;
};

// The walk over items (files or functions), shared by the include and the
// call graph.
template <class Items>
class ItemWalk {
 public:
  ItemWalk(const GraphInput& in, const GraphOptions& options, const Items& items)
      : in_(in), options_(options), items_(items), node_of_(items.count(), k_no_node) {}

  void run(GraphVisitor& visitor) {
    select();
    if (options_.top > 0) keep_top();
    if (options_.include_external) collect_names();
    number_and_emit_nodes(visitor);
    visitor.edges_begin();
    emit_edges(visitor);
  }

  // Call sites of the nodes kept (call graph only).
  void emit_sites(GraphVisitor& visitor) const {
    visitor.sites_begin();
    for (std::uint32_t file = 0; file < in_.snapshot.files.size(); ++file) {
      if (!in_scope(file)) continue;
      const auto& structure = in_.snapshot.files[file].facts.structure;
      const std::uint32_t base = in_.calls.call_base[file];
      for (std::uint32_t c = 0; c < structure.calls.size(); ++c) {
        const parse::CallSite& call = structure.calls[c];
        const std::uint32_t from = in_.calls.function_base[file] + call.function;
        if (node_of_[from] == k_no_node) continue;
        GraphSite site;
        site.file = file;
        site.call = c;
        site.from = node_of_[from];
        site.target = in_.calls.target[base + c];
        site.how = in_.calls.how[base + c];
        if (site.target != k_no_target) {
          if (!centred(from, site.target)) continue;
          site.to = node_of_[site.target];
        } else {
          if (!centred(from, k_no_item)) continue;
          if (site.how != CallHow::indirect) site.to = name_node(structure.names[call.callee]);
        }
        visitor.site(site);
      }
    }
  }

 private:
  bool in_scope(std::uint32_t file) const { return in_.components.of_file[file] != k_none; }
  bool in_centre(std::uint32_t item) const {
    return in_.components.of_file[items_.file_of(item)] == options_.component;
  }
  // With --component, an edge is shown when one of its ends is in it.
  bool centred(std::uint32_t from, std::uint32_t to) const {
    if (options_.component == k_none) return true;
    return in_centre(from) || (to != k_no_item && in_centre(to));
  }
  bool shown(const RawEdge& e) const {
    if (node_of_[e.from] == k_no_node) return false;
    if (e.to == k_no_item) return centred(e.from, k_no_item) && names_.contains(e.name);
    return node_of_[e.to] != k_no_node && centred(e.from, e.to);
  }
  std::uint32_t name_node(std::string_view name) const {
    const auto it = names_.find(name);
    return it == names_.end() ? k_no_node : name_base_ + it->second;
  }

  // Marks the items kept (node_of_ = 0 before numbering): the files of the
  // scope (or of the component) and what their edges reach.
  void select() {
    const std::uint32_t files = static_cast<std::uint32_t>(in_.snapshot.files.size());
    for (std::uint32_t file = 0; file < files; ++file) {
      const std::uint32_t c = in_.components.of_file[file];
      if (c == k_none || (options_.component != k_none && c != options_.component)) continue;
      const auto [begin, end] = items_.of_file(file);
      for (std::uint32_t i = begin; i < end; ++i) node_of_[i] = 0;
    }
    for (std::uint32_t file = 0; file < files; ++file) {
      if (!in_scope(file)) continue;
      items_.edges(file, [&](const RawEdge& e) {
        if (e.to == k_no_item) return;
        if (options_.component == k_none || in_centre(e.from)) node_of_[e.to] = 0;
        else if (in_centre(e.to)) node_of_[e.from] = 0;
      });
    }
  }

  // Keeps the options_.top items with the most edges (ties: the first).
  void keep_top() {
    std::vector<std::uint64_t> degree(node_of_.size(), 0);
    std::vector<std::uint32_t> kept;
    for (std::uint32_t i = 0; i < node_of_.size(); ++i)
      if (node_of_[i] != k_no_node) kept.push_back(i);
    if (kept.size() <= options_.top) return;
    for (std::uint32_t file = 0; file < in_.snapshot.files.size(); ++file) {
      if (!in_scope(file)) continue;
      items_.edges(file, [&](const RawEdge& e) {
        if (e.to == k_no_item || !shown(e)) return;
        ++degree[e.from];
        ++degree[e.to];
      });
    }
    std::nth_element(kept.begin(), kept.begin() + options_.top, kept.end(), [&](std::uint32_t a, std::uint32_t b) {
      return degree[a] != degree[b] ? degree[a] > degree[b] : a < b;
    });
    for (auto it = kept.begin() + options_.top; it != kept.end(); ++it) node_of_[*it] = k_no_node;
  }

  // The unresolved names the kept items' edges use, each once, in the order met.
  void collect_names() {
    for (std::uint32_t file = 0; file < in_.snapshot.files.size(); ++file) {
      if (!in_scope(file)) continue;
      items_.edges(file, [&](const RawEdge& e) {
        if (e.to != k_no_item || node_of_[e.from] == k_no_node || !centred(e.from, k_no_item)) return;
        if (names_.emplace(e.name, static_cast<std::uint32_t>(name_list_.size())).second)
          name_list_.push_back({e.name, e.how});
      });
    }
  }

  void number_and_emit_nodes(GraphVisitor& visitor) {
    std::uint32_t next = 0;
    auto emit_file = [&](std::uint32_t file, std::uint32_t component) {
      const auto [begin, end] = items_.of_file(file);
      for (std::uint32_t i = begin; i < end; ++i) {
        if (node_of_[i] == k_no_node) continue;
        node_of_[i] = next;
        GraphNode node;
        node.id = next++;
        node.file = file;
        node.function = i - begin;
        node.component = component;
        visitor.node(node);
      }
    };
    const auto& components = in_.components;
    for (std::uint32_t c = 0; c < components.list.size(); ++c)
      for (const std::uint32_t file : components.list[c].files) emit_file(file, c);
    for (std::uint32_t file = 0; file < in_.snapshot.files.size(); ++file)
      if (!in_scope(file)) emit_file(file, k_none);
    name_base_ = next;
    for (const auto& [name, how] : name_list_) {
      GraphNode node;
      node.id = next++;
      node.external = name;
      node.how = how;
      visitor.node(node);
    }
  }

  // File by file: the file's edges shown, as node pairs, sorted and counted.
  void emit_edges(GraphVisitor& visitor) const {
    std::vector<GraphEdge> pending;
    for (std::uint32_t file = 0; file < in_.snapshot.files.size(); ++file) {
      if (!in_scope(file)) continue;
      pending.clear();
      items_.edges(file, [&](const RawEdge& e) {
        if (!shown(e)) return;
        GraphEdge edge;
        edge.from = node_of_[e.from];
        edge.to = e.to == k_no_item ? name_node(e.name) : node_of_[e.to];
        edge.count = 1;
        edge.how = e.how;
        edge.line = e.line;
        pending.push_back(edge);
      });
      // Stable: the first site of each pair (in file order) gives how and line.
      std::stable_sort(pending.begin(), pending.end(), [](const GraphEdge& a, const GraphEdge& b) {
        return a.from != b.from ? a.from < b.from : a.to < b.to;
      });
      for (std::size_t i = 0; i < pending.size();) {
        GraphEdge edge = pending[i];
        std::size_t j = i + 1;
        while (j < pending.size() && pending[j].from == edge.from && pending[j].to == edge.to) ++j;
        edge.count = j - i;
        visitor.edge(edge);
        i = j;
      }
    }
  }

  const GraphInput& in_;
  const GraphOptions& options_;
  const Items& items_;
  std::vector<std::uint32_t> node_of_;  // per item: its node, or k_no_node when not kept
  std::unordered_map<std::string_view, std::uint32_t> names_;  // unresolved name -> index in name_list_
  std::vector<std::pair<std::string_view, std::string_view>> name_list_;  // name, how
  std::uint32_t name_base_ = 0;  // the node of name_list_[0]
};

// The component graph: components, and the resolved calls and includes that
// cross from one to another, counted per pair.
void walk_components(const GraphInput& in, const GraphOptions& options, GraphVisitor& visitor) {
  const Components& comps = in.components;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<std::uint64_t, std::uint64_t>> pairs;  // calls, includes
  for (std::uint32_t file = 0; file < in.snapshot.files.size(); ++file) {
    const std::uint32_t from = comps.of_file[file];
    if (from == k_none) continue;
    for (const IncludeEdge& e : in.includes.of(file)) {
      if (e.to == k_no_file) continue;
      const std::uint32_t to = comps.of_file[e.to];
      if (to != k_none && to != from) ++pairs[{from, to}].second;
    }
    for (std::uint32_t k = in.calls.call_base[file]; k < in.calls.call_base[file + 1]; ++k) {
      if (in.calls.target[k] == k_no_target) continue;
      const std::uint32_t to = comps.of_file[in.calls.function(in.calls.target[k]).file];
      if (to != k_none && to != from) ++pairs[{from, to}].first;
    }
  }
  const auto count = static_cast<std::uint32_t>(comps.list.size());
  std::vector<bool> keep(count, options.component == k_none);
  auto centred = [&](std::uint32_t a, std::uint32_t b) {
    return options.component == k_none || a == options.component || b == options.component;
  };
  if (options.component != k_none) {
    keep[options.component] = true;
    for (const auto& [key, counts] : pairs)
      if (centred(key.first, key.second)) keep[key.first] = keep[key.second] = true;
  }
  if (options.top > 0) {
    std::vector<std::uint32_t> kept;
    for (std::uint32_t c = 0; c < count; ++c)
      if (keep[c]) kept.push_back(c);
    if (kept.size() > options.top) {
      std::vector<std::uint64_t> degree(count, 0);
      for (const auto& [key, counts] : pairs) {
        if (!centred(key.first, key.second)) continue;
        degree[key.first] += counts.first + counts.second;
        degree[key.second] += counts.first + counts.second;
      }
      std::nth_element(kept.begin(), kept.begin() + options.top, kept.end(), [&](std::uint32_t a, std::uint32_t b) {
        return degree[a] != degree[b] ? degree[a] > degree[b] : a < b;
      });
      for (auto it = kept.begin() + options.top; it != kept.end(); ++it) keep[*it] = false;
    }
  }
  std::vector<std::uint32_t> node_of(count, k_no_node);
  std::uint32_t next = 0;
  for (std::uint32_t c = 0; c < count; ++c) {
    if (!keep[c]) continue;
    node_of[c] = next;
    GraphNode node;
    node.id = next++;
    node.component = c;
    visitor.node(node);
  }
  visitor.edges_begin();
  for (const auto& [key, counts] : pairs) {
    if (!keep[key.first] || !keep[key.second] || !centred(key.first, key.second)) continue;
    GraphEdge edge;
    edge.from = node_of[key.first];
    edge.to = node_of[key.second];
    edge.count = counts.first;
    edge.includes = counts.second;
    visitor.edge(edge);
  }
}

}  // namespace

std::string_view graph_kind_name(GraphKind kind) {
  switch (kind) {
    case GraphKind::include: return "include";
    case GraphKind::call: return "call";
    case GraphKind::component: return "component";
  }
  return "component";
}

void walk_graph(const GraphInput& input, const GraphOptions& options, GraphVisitor& visitor) {
  switch (options.kind) {
    case GraphKind::include: {
      const IncludeItems items(input);
      ItemWalk<IncludeItems>(input, options, items).run(visitor);
      return;
    }
    case GraphKind::call: {
      const CallItems items(input);
      ItemWalk<CallItems> walk(input, options, items);
      walk.run(visitor);
      if (options.sites) walk.emit_sites(visitor);
      return;
    }
    case GraphKind::component: walk_components(input, options, visitor); return;
  }
}

}  // namespace oxidize::structure
