#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/options.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/scan_flags.hpp"
#include "oxidize/cli/store_flags.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/model/aggregate.hpp"
#include "oxidize/pipeline/scan.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

struct ScanArgs {
  ScanFlags scan;
  StoreFlags store;
  std::string format = "table";
  std::string by = "language";
  unsigned ccn_threshold = 15;
  bool no_functions = false;
  bool no_hazards = false;
  bool no_history = false;
};

// What the scan's renderers read.
struct ScanView {
  const model::Snapshot& snapshot;
  const model::Summary& summary;
  bool color;
};

// What --format accepts, and the renderer of each.
constexpr std::array<OutputFormat<ScanView>, 3> k_scan_formats = {{
    {"table", [](util::Output& out, const ScanView& v) { report::scan_table(out, v.snapshot, v.summary, {v.color}); }},
    {"json", [](util::Output& out, const ScanView& v) { report::scan_json(out, v.snapshot, v.summary); }},
    {"csv", [](util::Output& out, const ScanView& v) { report::scan_csv(out, v.summary); }},
}};

constexpr const char* k_scan_examples = R"(
Examples:
  oxidize scan                          count the current directory, by language
  oxidize scan ~/src/linux --by dir:2   totals per directory, two levels deep
  oxidize scan src --by file --format csv > files.csv
  oxidize scan . --format json | jq '.totals'
  oxidize scan vendor/ --include-vendored --no-ignore
  oxidize scan . --ext inc=c            also count *.inc files as C
  oxidize scan . --no-hazards           inventory and functions only (faster)
  oxidize scan ~/src/repo --commit v1.0 the tree of a tag, read from git (no checkout)
  oxidize scan . --no-store             keep no snapshot (oxidize snapshots lists them)
  oxidize scan . --no-history           do not read the git history (faster on a long one)

Each scan keeps a snapshot in .oxidize/oxidize.db at the root of the tree (the
repository's root in a git work tree) and an analysis cache beside it, so
that a rescan reads only what changed; oxidize diff compares snapshots. In a
git work tree the snapshot also keeps the history facts of every file and
function (oxidize history --by file shows them; docs/history.md).
Counting rules: docs/counting.md. JSON and CSV fields: docs/output.md.
The store: docs/store.md.)";

int run_scan_command(const ScanArgs& args) {
  const util::Stopwatch total_time;
  const auto group = parse_group(args.by);
  if (!group) {
    print_error(group.error());
    return 2;
  }
  auto options = to_scan_options(args.scan);
  if (!options) {
    print_error(options.error());
    return 2;
  }
  options->functions = !args.no_functions;
  // Hazards need the function pass: --no-functions is the inventory alone.
  options->hazards = !args.no_hazards && !args.no_functions;
  const auto project = load_config(args.scan, *options);
  if (!project) {
    print_error(project.error());
    return 2;
  }
  if (!args.no_history) {
    // In a git work tree (or with --commit) the snapshot keeps the history facts too.
    history::HistoryOptions history;
    apply_history_patterns(project->history, history.patterns);
    options->history = std::move(history);
  }
  // The store is opened first: a damaged or newer one stops the run before
  // the scan's time is spent.
  StateFolder state(options->roots);
  auto store = open_store_for_scan(args.store, state);
  if (!store) {
    print_error(store.error());
    return 2;
  }
  auto scanned = run_scan_with_progress(*options, args.scan, state, *store ? &**store : nullptr);
  if (!scanned) {
    print_error(scanned.error());
    return 2;
  }
  pipeline::ScanResult& run = *scanned;
  model::Snapshot& result = run.snapshot;

  util::Stopwatch aggregate_time;
  model::Summary summary = model::summarize(result, group->by, group->depth, args.scan.scope(), args.ccn_threshold);
  summary.hazards = options->hazards;
  run.perf.push_back({"aggregate", aggregate_time.seconds()});

  util::Stopwatch render_time;
  util::Output out(STDOUT_FILENO);
  find_format(k_scan_formats, args.format).render(out, {result, summary, use_color(stdout)});
  run.perf.push_back({"render", render_time.seconds()});

  // The snapshot is written once the results are out: a store that fails
  // then costs a warning, never the results.
  if (!flush_output(out)) return 2;
  if (*store) {
    const util::Stopwatch store_time;
    write_snapshot(**store, result);
    run.perf.push_back({"store", store_time.seconds()});
  }
  const int rc = finish_command(out, run, args.scan, options->threads, total_time.seconds());
  keep_until_exit(std::move(*scanned));
  return rc;
}

}  // namespace

std::function<int()> add_scan_command(CLI::App& app) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Inventory of C, C++ and Rust code: files, lines, functions, complexity and hazard counts");
  cmd->footer(k_scan_examples);
  add_scan_flags(*cmd, args->scan);
  add_config_flag(*cmd, args->scan);
  add_store_write_flags(*cmd, args->store);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_scan_formats)))
      ->capture_default_str();
  cmd->add_option("--by", args->by, "Group totals by language, dir, dir:DEPTH or file")
      ->capture_default_str();
  cmd->add_option("--ccn-threshold", args->ccn_threshold,
                  "A function above this McCabe complexity counts as complex in the summary")
      ->capture_default_str();
  cmd->add_flag("--no-functions", args->no_functions, "Inventory only: no functions, no hazards (faster)");
  cmd->add_flag("--no-history", args->no_history,
                "Do not read the git history (by default a scan in a git work tree keeps its history facts)");
  cmd->add_flag("--no-hazards", args->no_hazards,
                "Do not look for memory-safety hazards (counted per group by default; oxidize hazards lists them)");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_scan_command(*args);
  };
}

}  // namespace oxidize::cli
