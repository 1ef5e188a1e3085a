#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/scan_flags.hpp"
#include "oxidize/cli/store_flags.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/functions_report.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

struct FunctionsArgs {
  ScanFlags scan;
  StoreFlags store;
  std::string format = "table";
  std::string sort = "ccn";
  std::size_t top = 0;  // 0: all (table default: 30)
  bool top_given = false;
  unsigned min_ccn = 0;
};

// What the renderers of `functions` read.
struct FunctionsView {
  const model::Snapshot& snapshot;
  const std::vector<report::FunctionRow>& rows;
  std::size_t total;
  std::string_view sort;
  bool color;
};

// What --format accepts, and the renderer of each.
constexpr std::array<OutputFormat<FunctionsView>, 3> k_functions_formats = {{
    {"table",
     [](util::Output& out, const FunctionsView& v) { report::functions_table(out, v.rows, v.total, v.color); }},
    {"json",
     [](util::Output& out, const FunctionsView& v) {
       report::functions_json(out, v.snapshot, v.rows, v.total, v.sort);
     }},
    {"csv", [](util::Output& out, const FunctionsView& v) { report::functions_csv(out, v.rows); }},
}};

constexpr const char* k_functions_examples = R"(
Examples:
  oxidize functions                         the 30 most complex functions here
  oxidize functions src --sort nloc --top 10
  oxidize functions . --min-ccn 15 --format csv > complex.csv
  oxidize functions . --format json --top 0  every function, as JSON
  oxidize functions --snapshot -2          as the scan before the last one stored them

Metric definitions and agreement with pmccabe: docs/functions.md.)";

// Sort keys, largest first; ties by path then line so that output is stable.
std::uint32_t key_of(const parse::FunctionFacts& f, std::string_view sort) {
  if (sort == "nloc") return f.nloc;
  if (sort == "params") return f.params;
  if (sort == "nesting") return f.max_nesting;
  if (sort == "tokens") return f.tokens;
  return f.ccn;
}

int run_functions_command(const FunctionsArgs& args) {
  const util::Stopwatch total_time;
  auto options = to_scan_options(args.scan);
  if (!options) {
    print_error(options.error());
    return 2;
  }
  // Read like the other commands read it: a malformed file stops the run,
  // an unknown key is a warning.
  if (const auto project = load_config(args.scan, *options); !project) {
    print_error(project.error());
    return 2;
  }
  auto scanned = scan_or_read(*options, args.scan, args.store, "functions");
  if (!scanned) {
    print_error(scanned.error());
    return 2;
  }
  pipeline::ScanResult& run = *scanned;
  model::Snapshot& result = run.snapshot;

  const util::Stopwatch render_time;
  std::vector<report::FunctionRow> rows;
  std::size_t total = 0;
  for (const auto& file : result.files) {
    if (!args.scan.scope().counts(file)) continue;
    for (const auto& fn : file.facts.functions) {
      ++total;
      if (fn.ccn >= args.min_ccn) rows.push_back({&file, &fn});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const report::FunctionRow& a, const report::FunctionRow& b) {
    return key_of(*a.function, args.sort) > key_of(*b.function, args.sort);
  });
  const std::size_t top = args.top_given ? args.top : (args.format == "table" ? 30 : 0);
  if (top != 0 && rows.size() > top) rows.resize(top);

  util::Output out(STDOUT_FILENO);
  find_format(k_functions_formats, args.format).render(out, {result, rows, total, args.sort, use_color(stdout)});
  run.perf.push_back({"select+sort+render", render_time.seconds()});
  const int rc = finish_command(out, run, args.scan, options->threads, total_time.seconds());
  keep_until_exit(std::move(*scanned));
  return rc;
}

}  // namespace

std::function<int()> add_functions_command(CLI::App& app) {
  auto args = std::make_shared<FunctionsArgs>();
  CLI::App* cmd = app.add_subcommand("functions", "Per-function metrics: McCabe complexity, length, nesting, parameters");
  cmd->footer(k_functions_examples);
  add_scan_flags(*cmd, args->scan);
  add_config_flag(*cmd, args->scan);
  add_store_read_flags(*cmd, args->store);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_functions_formats)))
      ->capture_default_str();
  cmd->add_option("--sort", args->sort, "Largest first by this metric")
      ->check(CLI::IsMember({"ccn", "nloc", "params", "nesting", "tokens"}))
      ->capture_default_str();
  cmd->add_option("--top", args->top, "Show only the first N (0: all; default 30 for the table, all otherwise)")
      ->check(CLI::NonNegativeNumber)
      ->each([args](const std::string&) { args->top_given = true; });
  cmd->add_option("--min-ccn", args->min_ccn, "Only functions with at least this complexity");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_functions_command(*args);
  };
}

}  // namespace oxidize::cli
