#include <unistd.h>

#include <array>
#include <memory>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/structure_scan.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/graph_report.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

struct GraphArgs {
  StructureFlags structure;
  std::string kind = "component";
  std::string format = "dot";
  bool include_external = false;
  std::string component;
  std::uint32_t top = 0;
  bool sites = false;
};

constexpr std::array<OutputFormat<report::GraphView>, 2> k_graph_formats = {{
    {"dot", [](util::Output& out, const report::GraphView& v) { report::graph_dot(out, v); }},
    {"json", [](util::Output& out, const report::GraphView& v) { report::graph_json(out, v); }},
}};

constexpr const char* k_graph_examples = R"(
Examples:
  oxidize graph | dot -Tsvg > components.svg      components and the calls/includes between them
  oxidize graph ~/src/curl --kind call --component lib/vtls | dot -Tsvg > vtls.svg
  oxidize graph . --kind include --top 50 | dot -Tpng > includes.png
  oxidize graph . --kind call --format json --sites > calls.json

--kind call: functions, each caller->callee pair once with its count of call
sites; --include-external adds the names that resolve to nothing in the tree
(the C library, macros, ambiguous names) as dashed nodes. --kind include:
files and the #includes that resolve. --component NAME keeps that component's
nodes and their direct neighbours; --top N the N nodes with the most edges.
How calls and includes are resolved, and its limits: docs/structure.md.)";

structure::GraphKind kind_of(std::string_view name) {
  if (name == "include") return structure::GraphKind::include;
  if (name == "call") return structure::GraphKind::call;
  return structure::GraphKind::component;
}

int run_graph_command(const GraphArgs& args) {
  const util::Stopwatch total_time;
  structure::GraphOptions options;
  options.kind = kind_of(args.kind);
  options.include_external = args.include_external;
  options.top = args.top;
  options.sites = args.sites;
  if (args.sites && (options.kind != structure::GraphKind::call || args.format != "json")) {
    print_error("--sites lists call sites: it needs --kind call --format json");
    return 2;
  }
  auto run = run_structure(args.structure);
  if (!run) {
    print_error(run.error());
    return 2;
  }
  StructureRun& r = **run;
  if (!args.component.empty()) {
    const auto& list = r.components.list;
    for (std::uint32_t c = 0; c < list.size(); ++c)
      if (list[c].name == args.component) options.component = c;
    if (options.component == structure::k_none) {
      print_error(fmt::format("no component named '{}' (oxidize components lists them)", args.component));
      return 2;
    }
  }
  const util::Stopwatch render_time;
  const report::GraphView view{r.scan.snapshot, r.components, r.includes, r.calls, options};
  util::Output out(STDOUT_FILENO);
  find_format(k_graph_formats, args.format).render(out, view);
  r.scan.perf.push_back({"render", render_time.seconds()});
  const int rc = finish_command(out, r.scan, args.structure.scan, r.threads, total_time.seconds());
  keep_until_exit(std::move(*run));
  return rc;
}

}  // namespace

std::function<int()> add_graph_command(CLI::App& app) {
  auto args = std::make_shared<GraphArgs>();
  CLI::App* cmd = app.add_subcommand("graph", "The include, call or component graph as Graphviz DOT or JSON");
  cmd->footer(k_graph_examples);
  add_structure_flags(*cmd, args->structure);
  cmd->add_option("--kind", args->kind, "Which graph")
      ->check(CLI::IsMember({"include", "call", "component"}))
      ->capture_default_str();
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_graph_formats)))
      ->capture_default_str();
  cmd->add_flag("--include-external", args->include_external,
                "Add unresolved callees (--kind call) or includes (--kind include) as nodes of their own");
  cmd->add_option("--component", args->component, "Only this component's nodes and their direct neighbours")
      ->type_name("NAME");
  cmd->add_option("--top", args->top, "Only the N nodes with the most edges (0: all)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--sites", args->sites,
                "With --kind call --format json: also list every call site (file, line, caller, callee, how it "
                "resolved, the definition)");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_graph_command(*args);
  };
}

}  // namespace oxidize::cli
