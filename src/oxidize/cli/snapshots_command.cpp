// oxidize snapshots: the snapshots a store keeps, oldest first.
#include <unistd.h>

#include <memory>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/store_flags.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/snapshots_report.hpp"

namespace oxidize::cli {

namespace {

struct SnapshotsArgs {
  std::string path = ".";
  StoreFlags store;
  std::string format = "table";
};

struct SnapshotsView {
  const std::string& store_path;
  const std::vector<model::SnapshotListing>& list;
  bool color;
};

constexpr std::array<OutputFormat<SnapshotsView>, 2> k_snapshots_formats = {{
    {"table",
     [](util::Output& out, const SnapshotsView& v) { out.write(report::snapshots_table(v.store_path, v.list, {v.color})); }},
    {"json", [](util::Output& out, const SnapshotsView& v) { out.write(report::snapshots_json(v.store_path, v.list)); }},
}};

constexpr const char* k_snapshots_examples = R"(
Examples:
  oxidize snapshots                       the snapshots of this tree's store
  oxidize snapshots ~/src/curl --format json
  oxidize snapshots --store /srv/oxidize/all.db

Each `oxidize scan` keeps one (unless --no-store); oxidize diff compares two.
The store: docs/store.md.)";

int run_snapshots_command(const SnapshotsArgs& args) {
  const StateFolder state({args.path});
  auto opened = store::Store::open(store_path(args.store, state), store::OpenMode::read_only);
  if (!opened) {
    print_error(opened.error());
    return 2;
  }
  auto list = opened->list();
  if (!list) {
    print_error(list.error());
    return 2;
  }
  util::Output out(STDOUT_FILENO);
  find_format(k_snapshots_formats, args.format).render(out, {opened->path(), *list, use_color(stdout)});
  return flush_output(out) ? 0 : 2;
}

}  // namespace

std::function<int()> add_snapshots_command(CLI::App& app) {
  auto args = std::make_shared<SnapshotsArgs>();
  CLI::App* cmd = app.add_subcommand("snapshots", "The snapshots kept by earlier scans: id, time, tree, commit, totals");
  cmd->footer(k_snapshots_examples);
  cmd->add_option("path", args->path, "A directory of the tree whose store to read (default: .)");
  add_store_path_flag(*cmd, args->store);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_snapshots_formats)))
      ->capture_default_str();
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_snapshots_command(*args);
  };
}

}  // namespace oxidize::cli
