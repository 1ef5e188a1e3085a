// `oxidize hotspots [PATH]`: functions, files and components ranked by risk
// (risk/), with the factors of each score. Scans with the structure pass
// (cli/structure_scan) and, in a git work tree, the history facts.
#include <unistd.h>

#include <array>
#include <memory>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/structure_scan.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/hotspots_report.hpp"
#include "oxidize/risk/hotspots.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

struct HotspotsArgs {
  StructureFlags structure;
  std::string format = "table";
  std::string by = "all";
  std::size_t top = 0;
  bool top_given = false;
  bool explain = false;
  bool no_history = false;
};

struct HotspotsRender {
  const report::HotspotsView& view;
  bool color;
};

constexpr std::array<OutputFormat<HotspotsRender>, 3> k_hotspots_formats = {{
    {"table", [](util::Output& out, const HotspotsRender& r) { report::hotspots_table(out, r.view, r.color); }},
    {"json", [](util::Output& out, const HotspotsRender& r) { report::hotspots_json(out, r.view); }},
    {"csv", [](util::Output& out, const HotspotsRender& r) { report::hotspots_csv(out, r.view); }},
}};

constexpr const char* k_hotspots_examples = R"(
Examples:
  oxidize hotspots                          the 20 riskiest files, functions and components here
  oxidize hotspots ~/src/curl --explain     with the factors behind each score
  oxidize hotspots . --by files --top 50
  oxidize hotspots . --format csv > risk.csv      path,score,function: file rows, then function rows
  oxidize hotspots . --format json --top 0        everything, with every factor

score = risk mass / (10 + code lines)^size, the mass a product of factors:
complexity, hazards, exposure (input reads, parsers), fix and security-fix
commits, churn, young code, and x0.05 for code that does not ship (tests,
examples, docs, fuzzers). In a git work tree the history counts (up to the
commit scanned); elsewhere only the code does. Weights: [risk] in
oxidize.toml. Definitions and how the defaults were chosen: docs/risk.md.)";

int run_hotspots_command(HotspotsArgs args) {
  const util::Stopwatch total_time;
  args.structure.history = !args.no_history;
  auto run = run_structure(args.structure);
  if (!run) {
    print_error(run.error());
    return 2;
  }
  StructureRun& r = **run;
  const util::Stopwatch rank_time;
  const risk::RiskWeights weights = risk::weights_from_config(r.project.risk);
  const risk::Hotspots hotspots = risk::rank_hotspots(r.scan.snapshot, r.components, weights, args.structure.scan.scope());
  r.scan.perf.push_back({"rank", rank_time.seconds()});

  const util::Stopwatch render_time;
  report::HotspotsView view{r.scan.snapshot, r.components, hotspots, weights};
  view.top = args.top_given ? args.top : (args.format == "table" ? 20 : 0);
  view.explain = args.explain;
  view.files = args.by == "all" || args.by == "files";
  view.functions = args.by == "all" || args.by == "functions";
  view.components_list = (args.by == "all" && args.format != "csv") || args.by == "components";
  if (args.format == "csv" && args.by == "components") {
    print_error("--format csv has file and function rows (path,score,function): use --by files, functions or all");
    return 2;
  }
  util::Output out(STDOUT_FILENO);
  find_format(k_hotspots_formats, args.format).render(out, {view, use_color(stdout)});
  r.scan.perf.push_back({"render", render_time.seconds()});
  const int rc = finish_command(out, r.scan, args.structure.scan, r.threads, total_time.seconds());
  keep_until_exit(std::move(*run));
  return rc;
}

}  // namespace

std::function<int()> add_hotspots_command(CLI::App& app) {
  auto args = std::make_shared<HotspotsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "hotspots", "Functions, files and components ranked by memory-safety risk, with the factors of each score");
  cmd->footer(k_hotspots_examples);
  add_structure_flags(*cmd, args->structure);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_hotspots_formats)))
      ->capture_default_str();
  cmd->add_option("--by", args->by, "Which lists: all (csv: files and functions), files, functions or components")
      ->check(CLI::IsMember({"all", "files", "functions", "components"}))
      ->capture_default_str();
  cmd->add_option("--top", args->top, "Rows per list (0: all; default 20 for the table, all otherwise)")
      ->check(CLI::NonNegativeNumber)
      ->each([args](const std::string&) { args->top_given = true; });
  cmd->add_flag("--explain", args->explain, "Table: below each row, the factors of its score and what each multiplies it by");
  cmd->add_flag("--no-history", args->no_history,
                "Do not read the git history (fixes, churn and code age then do not count)");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_hotspots_command(*args);
  };
}

}  // namespace oxidize::cli
