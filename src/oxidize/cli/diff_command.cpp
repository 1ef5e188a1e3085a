// oxidize diff: what changed between two stored snapshots (files, code per
// language, functions whose complexity moved, hazards new and fixed).
#include <unistd.h>

#include <memory>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/options.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/store_flags.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/model/diff.hpp"
#include "oxidize/report/diff_report.hpp"

namespace oxidize::cli {

namespace {

struct DiffArgs {
  std::string before = "-2";
  std::string after = "-1";
  std::string tree = ".";
  StoreFlags store;
  std::string format = "table";
  std::string min_confidence = "medium";
  bool include_vendored = false;
  bool include_generated = false;
  std::size_t top = 20;
};

struct DiffView {
  const model::SnapshotDiff& diff;
  std::size_t top;
  bool color;
};

constexpr std::array<OutputFormat<DiffView>, 2> k_diff_formats = {{
    {"table", [](util::Output& out, const DiffView& v) { out.write(report::diff_table(v.diff, {v.color}, v.top)); }},
    {"json", [](util::Output& out, const DiffView& v) { out.write(report::diff_json(v.diff)); }},
}};

constexpr const char* k_diff_examples = R"(
Examples:
  oxidize diff                     the last two snapshots of this tree's store
  oxidize diff 12                  snapshot 12 against the latest
  oxidize diff -3 -1               the third newest against the newest
  oxidize diff 12 15 --format json
  oxidize diff --tree ~/src/curl --top 0

Snapshots are named by id (oxidize snapshots lists them), latest, or -N for
the Nth newest. Hazards are matched by path and fingerprint, as baselines are.)";

int run_diff_command(const DiffArgs& args) {
  const StateFolder state({args.tree});
  auto opened = store::Store::open(store_path(args.store, state), store::OpenMode::read_only);
  if (!opened) {
    print_error(opened.error());
    return 2;
  }
  auto before_id = opened->resolve(args.before);
  auto after_id = before_id ? opened->resolve(args.after) : before_id;
  if (!before_id || !after_id) {
    print_error(!before_id ? before_id.error() : after_id.error());
    return 2;
  }
  auto before = opened->read(*before_id);
  auto after = before ? opened->read(*after_id) : before;
  if (!before || !after) {
    print_error(!before ? before.error() : after.error());
    return 2;
  }
  model::DiffOptions options;
  options.scope = {args.include_vendored, args.include_generated};
  options.min_confidence = hazards::confidence_from_name(args.min_confidence).value_or(hazards::Confidence::medium);
  if (const int a = fingerprint_version(before->info), b = fingerprint_version(after->info); a != b) {
    print_warning({"", fmt::format("snapshots {} and {} have fingerprints of versions {} and {} (oxidize changed "
                                   "them in between): their findings cannot be matched, so each shows as fixed "
                                   "and new",
                                   *before_id, *after_id, a, b)});
  }
  const model::SnapshotDiff diff = model::diff_snapshots(*before, *after, options);
  util::Output out(STDOUT_FILENO);
  find_format(k_diff_formats, args.format).render(out, {diff, args.top, use_color(stdout)});
  return flush_output(out) ? 0 : 2;
}

}  // namespace

std::function<int()> add_diff_command(CLI::App& app) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "What changed between two snapshots: files, code per language, complexity, hazards new and fixed");
  cmd->footer(k_diff_examples);
  cmd->add_option("before", args->before, "The older snapshot (default: -2, the one before the latest)")
      ->type_name("REF");
  cmd->add_option("after", args->after, "The newer snapshot (default: latest)")->type_name("REF");
  cmd->add_option("--tree", args->tree, "A directory of the tree whose store to read (default: .)")
      ->type_name("DIR");
  add_store_path_flag(*cmd, args->store);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_diff_formats)))
      ->capture_default_str();
  cmd->add_option("--min-confidence", args->min_confidence, "Compare hazards at least this sure")
      ->check(CLI::IsMember({"low", "medium", "high"}))
      ->capture_default_str();
  cmd->add_flag("--include-vendored", args->include_vendored, "Compare vendored files too");
  cmd->add_flag("--include-generated", args->include_generated, "Compare generated files too");
  cmd->add_option("--top", args->top, "Rows per list in the table (0: all)")->capture_default_str();
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_diff_command(*args);
  };
}

}  // namespace oxidize::cli
