#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/options.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/scan/aggregate.hpp"
#include "oxidize/scan/scan.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

struct ScanArgs {
  std::vector<std::string> paths;
  std::string format = "table";
  std::string by = "language";
  unsigned jobs = 0;
  bool no_ignore = false;
  bool follow_symlinks = false;
  bool include_vendored = false;
  bool include_generated = false;
  std::string max_file_size = "1G";
  std::vector<std::string> ext;
  bool perf = false;
  bool no_progress = false;
};

constexpr const char* k_scan_examples = R"(
Examples:
  oxidize scan                          count the current directory, by language
  oxidize scan ~/src/linux --by dir:2   totals per directory, two levels deep
  oxidize scan src --by file --format csv > files.csv
  oxidize scan . --format json | jq '.totals'
  oxidize scan vendor/ --include-vendored --no-ignore
  oxidize scan . --ext inc=c            also count *.inc files as C

Counting rules: docs/counting.md. JSON and CSV fields: docs/output.md.)";

int run_scan_command(const ScanArgs& args) {
  const util::Stopwatch total_time;
  scan::ScanOptions options;
  options.roots = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  for (const auto& root : options.roots) {
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) {
      print_error(fmt::format("{}: {}", root, std::strerror(errno)));
      return 2;
    }
  }
  const auto group = parse_group(args.by);
  if (!group) {
    print_error(group.error());
    return 2;
  }
  const auto max_size = parse_size(args.max_file_size);
  if (!max_size) {
    print_error(max_size.error());
    return 2;
  }
  options.max_file_bytes = *max_size;
  for (const auto& e : args.ext) {
    const auto mapping = parse_ext(e);
    if (!mapping) {
      print_error(mapping.error());
      return 2;
    }
    options.languages.extra[mapping->first] = mapping->second;
  }
  options.threads = args.jobs != 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  options.follow_symlinks = args.follow_symlinks;
  options.use_gitignore = !args.no_ignore;

  scan::Progress progress;
  scan::ScanHooks hooks;
  hooks.on_warning = print_warning;
  hooks.progress = &progress;
  scan::ScanResult result;
  {
    const ProgressLine line(progress, !args.no_progress);
    result = scan::run_scan(options, hooks);
  }

  util::Stopwatch aggregate_time;
  const scan::Summary summary =
      scan::summarize(result, group->by, group->depth, args.include_vendored, args.include_generated);
  result.perf.push_back({"aggregate", aggregate_time.seconds()});

  util::Stopwatch render_time;
  std::string out;
  if (args.format == "json") out = report::scan_json(result, summary);
  else if (args.format == "csv") out = report::scan_csv(summary);
  else out = report::scan_table(result, summary, {use_color(stdout)});
  result.perf.push_back({"render", render_time.seconds()});

  if (!write_stdout(out)) {
    print_error(fmt::format("cannot write the output: {}", std::strerror(errno)));
    return 2;
  }
  if (args.perf) {
    for (const auto& stage : result.perf) fmt::print(stderr, "perf: {:<24} {:8.3f} s\n", stage.stage, stage.seconds);
    fmt::print(stderr, "perf: {:<24} {:8.3f} s ({} threads)\n", "total", total_time.seconds(), options.threads);
  }
  return 0;
}

}  // namespace

std::function<int()> add_scan_command(CLI::App& app) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Inventory of C, C++ and Rust code: files, code, comment and blank lines");
  cmd->footer(k_scan_examples);
  cmd->add_option("paths", args->paths, "Directories or files to scan (default: .)");
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  cmd->add_option("--by", args->by, "Group totals by language, dir, dir:DEPTH or file")
      ->capture_default_str();
  cmd->add_option("-j,--jobs", args->jobs, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_flag("--no-ignore", args->no_ignore, "Do not apply .gitignore rules in a git work tree");
  cmd->add_flag("--follow-symlinks", args->follow_symlinks,
                "Follow symbolic links (each directory is entered once)");
  cmd->add_flag("--include-vendored", args->include_vendored,
                "Count vendored code (vendor/, third_party/, bundled libraries) in the totals");
  cmd->add_flag("--include-generated", args->include_generated,
                "Count generated code (protobuf, lex/yacc output, DO NOT EDIT files) in the totals");
  cmd->add_option("--max-file-size", args->max_file_size, "Skip files larger than this (K, M, G)")
      ->capture_default_str();
  cmd->add_option("--ext", args->ext, "Count files with extension EXT as LANG, e.g. --ext inc=c")
      ->type_name("EXT=LANG");
  cmd->add_flag("--perf", args->perf, "Print the time spent in each stage on stderr");
  cmd->add_flag("--no-progress", args->no_progress, "No progress line on stderr");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_scan_command(*args);
  };
}

}  // namespace oxidize::cli
