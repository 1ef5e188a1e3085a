// The graph walk (structure/graph.hpp) on a small tree built in memory: which
// nodes each option keeps, their order, and edges counted per pair.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/structure/graph.hpp"

namespace oxidize::structure {
namespace {

using discover::Language;

struct Tree {
  model::Snapshot snapshot;
  Components components;
  IncludeGraph includes;
  CallGraph calls;
  GraphInput input() const { return {snapshot, components, includes, calls}; }
};

// lib/a.c and lib/b.c call each other and into third_party/z.c (vendored);
// app/main.c calls lib twice and libc once.
Tree make_tree() {
  std::vector<std::pair<std::string, std::string>> files = {
      {"app/main.c", "#include \"../lib/a.h\"\n#include <stdio.h>\n"
                     "int main(void) {\n  a1();\n  a1();\n  printf(\"x\");\n  return b1();\n}\n"},
      {"lib/a.c", "#include \"a.h\"\nint a1(void) { return b1() + z1(); }\nint a2(void) { return 0; }\n"},
      {"lib/a.h", "int a1(void);\n"},
      {"lib/b.c", "int b1(void) { return a2(); }\n"},
      {"third_party/z.c", "int z1(void) { return 0; }\n"},
  };
  Tree t;
  for (auto& [path, code] : files) {
    model::FileRecord r;
    r.path = path;
    const Language language = path.ends_with(".h") ? Language::c_header : Language::c;
    r.facts = analyze::analyze_file(path.substr(path.rfind('/') + 1), code, language,
                                    {.functions = true, .hazards = false, .structure = true});
    if (path.starts_with("third_party/")) r.exclusion = discover::Exclusion::vendored;
    t.snapshot.files.push_back(std::move(r));
  }
  t.components = assign_components(t.snapshot, {}, {});
  t.includes = resolve_includes(t.snapshot, {});
  t.calls = resolve_calls(t.snapshot, t.includes);
  return t;
}

// Nodes as "path:function" (or the unresolved name), edges as "from->to xN".
class Collect final : public GraphVisitor {
 public:
  explicit Collect(const Tree& t, GraphKind kind) : t_(t), kind_(kind) {}
  void node(const GraphNode& n) override {
    EXPECT_EQ(n.id, nodes.size());
    if (!n.external.empty()) nodes.push_back("?" + std::string(n.external));
    else if (kind_ == GraphKind::component) nodes.push_back(t_.components.list[n.component].name);
    else if (kind_ == GraphKind::include) nodes.push_back(t_.snapshot.files[n.file].path);
    else
      nodes.push_back(t_.snapshot.files[n.file].path + ":" + t_.snapshot.files[n.file].facts.functions[n.function].name);
  }
  void edge(const GraphEdge& e) override {
    edges.push_back(nodes.at(e.from) + "->" + nodes.at(e.to) + " x" + std::to_string(e.count) +
                    (kind_ == GraphKind::component ? " i" + std::to_string(e.includes) : ""));
  }
  void site(const GraphSite& s) override { sites.push_back(s); }
  std::vector<std::string> nodes, edges;
  std::vector<GraphSite> sites;

 private:
  const Tree& t_;
  GraphKind kind_;
};

Collect walk(const Tree& t, GraphOptions options) {
  Collect c(t, options.kind);
  walk_graph(t.input(), options, c);
  return c;
}

std::uint32_t component_named(const Tree& t, std::string_view name) {
  for (std::uint32_t c = 0; c < t.components.list.size(); ++c)
    if (t.components.list[c].name == name) return c;
  ADD_FAILURE() << name;
  return k_none;
}

TEST(GraphWalk, CallGraphByComponentThenOutsideTheScope) {
  const Tree t = make_tree();
  const auto c = walk(t, {.kind = GraphKind::call});
  EXPECT_EQ(c.nodes, (std::vector<std::string>{"app/main.c:main", "lib/a.c:a1", "lib/a.c:a2", "lib/b.c:b1",
                                               "third_party/z.c:z1"}));
  EXPECT_EQ(c.edges, (std::vector<std::string>{"app/main.c:main->lib/a.c:a1 x2", "app/main.c:main->lib/b.c:b1 x1",
                                               "lib/a.c:a1->lib/b.c:b1 x1", "lib/a.c:a1->third_party/z.c:z1 x1",
                                               "lib/b.c:b1->lib/a.c:a2 x1"}));
}

TEST(GraphWalk, ExternalNamesOnlyWhenAsked) {
  const Tree t = make_tree();
  const auto c = walk(t, {.kind = GraphKind::call, .include_external = true});
  EXPECT_EQ(c.nodes.back(), "?printf");
  EXPECT_NE(std::find(c.edges.begin(), c.edges.end(), "app/main.c:main->?printf x1"), c.edges.end());
  const auto inc = walk(t, {.kind = GraphKind::include, .include_external = true});
  EXPECT_EQ(inc.nodes, (std::vector<std::string>{"app/main.c", "lib/a.c", "lib/a.h", "lib/b.c", "?stdio.h"}));
  EXPECT_EQ(inc.edges, (std::vector<std::string>{"app/main.c->lib/a.h x1", "app/main.c->?stdio.h x1",
                                                 "lib/a.c->lib/a.h x1"}));
}

TEST(GraphWalk, ComponentFilterKeepsItsNeighboursAndTheirEdgesWithIt) {
  const Tree t = make_tree();
  const auto c = walk(t, {.kind = GraphKind::call, .component = component_named(t, "app")});
  EXPECT_EQ(c.nodes, (std::vector<std::string>{"app/main.c:main", "lib/a.c:a1", "lib/b.c:b1"}));
  // a1 -> b1 is between two neighbours: not shown.
  EXPECT_EQ(c.edges, (std::vector<std::string>{"app/main.c:main->lib/a.c:a1 x2", "app/main.c:main->lib/b.c:b1 x1"}));
}

TEST(GraphWalk, TopKeepsTheMostConnected) {
  const Tree t = make_tree();
  // Degrees: main 3, a1 4, b1 3, a2 1, z1 1; main and b1 tie, main is first.
  const auto c = walk(t, {.kind = GraphKind::call, .top = 2});
  EXPECT_EQ(c.nodes, (std::vector<std::string>{"app/main.c:main", "lib/a.c:a1"}));
  EXPECT_EQ(c.edges, (std::vector<std::string>{"app/main.c:main->lib/a.c:a1 x2"}));
}

TEST(GraphWalk, SitesOfTheCallersKept) {
  const Tree t = make_tree();
  const auto c = walk(t, {.kind = GraphKind::call, .component = component_named(t, "app"), .sites = true});
  ASSERT_EQ(c.sites.size(), 4U);  // a1, a1, printf, b1
  EXPECT_EQ(c.sites[2].how, CallHow::external);
  EXPECT_EQ(c.sites[2].to, k_no_node);
  EXPECT_EQ(c.nodes.at(c.sites[3].to), "lib/b.c:b1");
}

TEST(GraphWalk, ComponentGraphCountsCallsAndIncludesAcross) {
  const Tree t = make_tree();
  const auto c = walk(t, {.kind = GraphKind::component});
  EXPECT_EQ(c.nodes, (std::vector<std::string>{"app", "lib"}));
  EXPECT_EQ(c.edges, (std::vector<std::string>{"app->lib x3 i1"}));
}

}  // namespace
}  // namespace oxidize::structure
