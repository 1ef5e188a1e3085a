#include <unistd.h>

#include <array>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/structure_scan.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/deps_report.hpp"
#include "oxidize/structure/external_deps.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

struct DepsArgs {
  StructureFlags structure;
  std::string format = "table";
};

struct DepsRender {
  const structure::ExternalDeps& deps;
  bool color;
};

constexpr std::array<OutputFormat<DepsRender>, 3> k_deps_formats = {{
    {"table", [](util::Output& out, const DepsRender& r) { report::deps_table(out, r.deps, {r.color}); }},
    {"json", [](util::Output& out, const DepsRender& r) { report::deps_json(out, r.deps); }},
    {"csv", [](util::Output& out, const DepsRender& r) { report::deps_csv(out, r.deps); }},
}};

constexpr const char* k_deps_examples = R"(
Examples:
  oxidize deps                          the external libraries of this tree and their Rust replacements
  oxidize deps ~/src/curl --format json > deps.json

Evidence: includes that no file of the tree satisfies, and build files
(CMake, meson, autoconf, Makefiles, Cargo.toml). The table of libraries and
replacements, with a source for each claim: docs/dependencies.md.)";

int run_deps_command(const DepsArgs& args) {
  const util::Stopwatch total_time;
  auto run = run_structure(args.structure);
  if (!run) {
    print_error(run.error());
    return 2;
  }
  StructureRun& r = **run;
  const util::Stopwatch deps_time;
  std::vector<structure::BuildMention> mentions;
  for (const auto& file : r.build_files) {
    auto scanned = structure::scan_build_file(file.path, file.text);
    for (const auto& w : scanned.warnings) print_warning({"", w});
    mentions.insert(mentions.end(), std::make_move_iterator(scanned.mentions.begin()),
                    std::make_move_iterator(scanned.mentions.end()));
  }
  const auto includes = structure::unresolved_includes(r.scan.snapshot, r.includes);
  const structure::ExternalDeps deps = structure::find_external_deps(includes, mentions);
  util::Output out(STDOUT_FILENO);
  find_format(k_deps_formats, args.format).render(out, {deps, use_color(stdout)});
  r.scan.perf.push_back({"dependencies+render", deps_time.seconds()});
  const int rc = finish_command(out, r.scan, args.structure.scan, r.threads, total_time.seconds());
  keep_until_exit(std::move(*run));
  return rc;
}

}  // namespace

std::function<int()> add_deps_command(CLI::App& app) {
  auto args = std::make_shared<DepsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "deps", "External libraries the tree uses (includes and build files), with memory-safe replacements");
  cmd->footer(k_deps_examples);
  add_structure_flags(*cmd, args->structure);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_deps_formats)))
      ->capture_default_str();
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_deps_command(*args);
  };
}

}  // namespace oxidize::cli
