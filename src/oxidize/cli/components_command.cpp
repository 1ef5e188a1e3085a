#include <unistd.h>

#include <algorithm>
#include <array>
#include <memory>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/structure_scan.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/components_report.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

struct ComponentsArgs {
  StructureFlags structure;
  std::string format = "table";
  std::string sort = "code";
};

struct ComponentsRender {
  const report::ComponentsView& view;
  bool color;
};

constexpr std::array<OutputFormat<ComponentsRender>, 3> k_components_formats = {{
    {"table", [](util::Output& out, const ComponentsRender& r) { report::components_table(out, r.view, r.color); }},
    {"json", [](util::Output& out, const ComponentsRender& r) { report::components_json(out, r.view); }},
    {"csv", [](util::Output& out, const ComponentsRender& r) { report::components_csv(out, r.view); }},
}};

constexpr const char* k_components_examples = R"(
Examples:
  oxidize components                     the components of this tree, largest first
  oxidize components ~/src/curl --sort calls-in
  oxidize components . --format json > components.json

Components are top-level folders, split where one holds over a quarter of the
code, Cargo workspace members, or what [components] in oxidize.toml declares.
Rules and limits: docs/structure.md.)";

std::uint64_t sort_key(const structure::ComponentSummary& s, std::string_view sort) {
  if (sort == "hazards") return s.totals.hazards.findings;
  if (sort == "calls-in") return s.calls_in;
  if (sort == "functions") return s.totals.functions;
  if (sort == "ffi") return s.ffi.points;
  return s.totals.lines.code;
}

int run_components_command(const ComponentsArgs& args) {
  const util::Stopwatch total_time;
  auto run = run_structure(args.structure);
  if (!run) {
    print_error(run.error());
    return 2;
  }
  StructureRun& r = **run;
  const util::Stopwatch render_time;
  auto rows = structure::summarize_components(r.scan.snapshot, r.components, r.includes, r.calls);
  structure::add_interfaces(rows, structure::describe_interfaces(r.scan.snapshot, r.components, r.includes, r.calls));
  if (args.sort == "name") {
    // Declared components first, in their order; then by name (as listed).
  } else {
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
      return sort_key(a, args.sort) > sort_key(b, args.sort);
    });
  }
  const report::ComponentsView view{r.scan.snapshot, r.components, rows, r.includes, r.calls};
  util::Output out(STDOUT_FILENO);
  find_format(k_components_formats, args.format).render(out, {view, use_color(stdout)});
  r.scan.perf.push_back({"summarise+render", render_time.seconds()});
  const int rc = finish_command(out, r.scan, args.structure.scan, r.threads, total_time.seconds());
  keep_until_exit(std::move(*run));
  return rc;
}

}  // namespace

std::function<int()> add_components_command(CLI::App& app) {
  auto args = std::make_shared<ComponentsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "components", "Components of the tree: size, complexity, hazards and how tied each is to the others");
  cmd->footer(k_components_examples);
  add_structure_flags(*cmd, args->structure);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_components_formats)))
      ->capture_default_str();
  cmd->add_option("--sort", args->sort, "Largest first by this (name: as declared, then by name)")
      ->check(CLI::IsMember({"code", "functions", "hazards", "calls-in", "ffi", "name"}))
      ->capture_default_str();
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_components_command(*args);
  };
}

}  // namespace oxidize::cli
