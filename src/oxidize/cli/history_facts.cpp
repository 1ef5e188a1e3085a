#include "oxidize/cli/history_facts.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <thread>

#include <fmt/format.h>

#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/config/project_config.hpp"
#include "oxidize/discover/exclusion.hpp"
#include "oxidize/report/history_report.hpp"
#include "oxidize/source/git_repository.hpp"
#include "oxidize/source/path_rules.hpp"
#include "oxidize/util/stopwatch.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::cli {

namespace {

struct HistoryView {
  const model::History& history;
  const std::vector<report::HistoryRow>& rows;
  std::size_t total;
  bool functions;
  bool color;
};

constexpr std::array<OutputFormat<HistoryView>, 3> k_history_formats = {{
    {"table", [](util::Output& out, const HistoryView& v) {
       report::history_table(out, v.history, v.rows, v.total, v.functions, v.color);
     }},
    {"json", [](util::Output& out, const HistoryView& v) {
       report::history_json(out, v.history, v.rows, v.total, v.functions);
     }},
    {"csv", [](util::Output& out, const HistoryView& v) { report::history_csv(out, v.rows, v.functions); }},
}};

// Vendored (by a directory name) and generated (by the file name) files are
// left out unless asked for, as in every other report; content markers need
// the scan's analysis and are not looked at here.
bool in_scope(const std::string& path, const HistoryFactsFlags& flags) {
  const auto facts = source::classify_path(path, {});
  if (facts && facts->exclusion == discover::Exclusion::vendored && !flags.include_vendored) return false;
  const auto slash = path.rfind('/');
  const std::string_view name = slash == std::string::npos ? std::string_view(path) : std::string_view(path).substr(slash + 1);
  return flags.include_generated || discover::generated_by_name(name).empty();
}

// Larger first for counts, older first for age; ties by path and line.
void sort_rows(std::vector<report::HistoryRow>& rows, std::string_view by) {
  const auto key = [by](const report::HistoryRow& r) -> double {
    const auto& c = r.change();
    if (by == "fix_commits") return c.fix_commits;
    if (by == "security_fix_commits") return c.security_fix_commits;
    if (by == "churn_12m") return static_cast<double>(c.churn_12m);
    if (by == "authors") return c.authors;
    if (by == "age") return r.age().median_age_days;
    if (by == "path") return 0;
    return c.commits;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const report::HistoryRow& a, const report::HistoryRow& b) {
    const double ka = key(a);
    const double kb = key(b);
    if (ka != kb) return ka > kb;
    if (a.file->path != b.file->path) return a.file->path < b.file->path;
    return (a.function ? a.function->start_line : 0) < (b.function ? b.function->start_line : 0);
  });
}

// The commits-read progress line, refreshed while the history is read.
class HistoryProgressLine {
 public:
  HistoryProgressLine(history::HistoryProgress& progress, bool enabled)
      : line_([&progress] {
          return fmt::format("history: {} of {} commits", util::with_thousands(progress.commits_done.load()),
                             util::with_thousands(progress.commits_total.load()));
        }, enabled) {}

 private:
  StatusLine line_;
};

}  // namespace

void add_history_facts_flags(CLI::App& cmd, HistoryFactsFlags& flags) {
  cmd.add_option("--by", flags.by, "List the history facts of each file or function instead of the timeline")
      ->check(CLI::IsMember({"file", "function"}));
  cmd.add_option("--sort", flags.sort, "Order of the --by listing")
      ->check(CLI::IsMember({"commits", "fix_commits", "security_fix_commits", "churn_12m", "authors", "age", "path"}))
      ->capture_default_str();
  cmd.add_option("--top", flags.top, "Show only the first N rows of the --by listing (0: all)");
  cmd.add_option("--walk", flags.walk,
                 "Which commits count: first-parent (merges stand for their branch) or no-merges (as git log --no-merges)")
      ->check(CLI::IsMember({"first-parent", "no-merges"}))
      ->capture_default_str();
  cmd.add_flag("--no-renames", flags.no_renames, "Do not follow renames (a renamed file starts over)");
  cmd.add_flag("--include-vendored", flags.include_vendored, "List files under vendored directories too");
  cmd.add_flag("--include-generated", flags.include_generated, "List generated files (by name) too");
}

tl::expected<model::GitTime, std::string> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || s.size() != 10 || m < 1 || m > 12 || d < 1 ||
      d > 31 || y < 1970)
    return tl::unexpected(fmt::format("'{}' is not a date (YYYY-MM-DD)", s));
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  const std::time_t t = ::timegm(&tm);
  if (tm.tm_mday != d) return tl::unexpected(fmt::format("'{}' is not a date (YYYY-MM-DD)", s));
  return static_cast<model::GitTime>(t);
}

tl::expected<history::HistoryOptions, std::string> history_options(const HistoryRun& run) {
  history::HistoryOptions options;
  options.repository = run.path;
  options.revision = run.revision;
  options.now = run.now;
  options.threads = run.threads;
  std::string config_path = run.config;
  if (config_path.empty()) {
    if (const auto tree = source::find_work_tree(run.path)) config_path = config::default_config_path(tree->workdir);
  }
  if (!config_path.empty()) {
    auto project = config::load_project_config(config_path);
    if (!project) return tl::unexpected(project.error());
    for (const auto& w : project->warnings) print_warning({"", w});
    if (project->history.fix_patterns) options.patterns.fix = *project->history.fix_patterns;
    if (project->history.security_patterns) options.patterns.security = *project->history.security_patterns;
  }
  return options;
}

int run_history_facts(const HistoryRun& run, const HistoryFactsFlags& flags) {
  const util::Stopwatch total;
  auto options = history_options(run);
  if (!options) {
    print_error(options.error());
    return 2;
  }
  options->walk = *history::walk_from_name(flags.walk);
  options->renames = !flags.no_renames;
  options->functions = flags.by == "function";
  history::HistoryProgress progress;
  history::HistoryHooks hooks;
  hooks.on_warning = print_warning;
  hooks.progress = &progress;
  std::vector<util::StageTime> perf;
  hooks.perf = &perf;
  tl::expected<model::History, std::string> read;
  {
    const HistoryProgressLine line(progress, run.progress);
    read = history::read_history(*options, hooks);
  }
  if (!read) {
    print_error(read.error());
    return 2;
  }
  const double read_seconds = total.seconds();
  const model::History& history = *read;
  const bool functions = flags.by == "function";
  std::vector<report::HistoryRow> rows;
  for (const auto& f : history.files) {
    if (!in_scope(f.path, flags)) continue;
    if (!functions) {
      rows.push_back({&f, nullptr});
      continue;
    }
    for (const auto& fn : f.functions) rows.push_back({&f, &fn});
  }
  const std::size_t count = rows.size();
  sort_rows(rows, flags.sort);
  if (flags.top != 0 && rows.size() > flags.top) rows.resize(flags.top);
  util::Output out(STDOUT_FILENO);
  find_format(k_history_formats, run.format).render(out, {history, rows, count, functions, use_color(stdout)});
  if (!flush_output(out)) return 2;
  if (run.perf) {
    for (const auto& p : perf) fmt::print(stderr, "perf: {:<24} {:8.3f} s\n", p.stage, p.seconds);
    fmt::print(stderr, "perf: {:<24} {:8.3f} s ({} threads)\n", "history", read_seconds, run.threads);
    fmt::print(stderr, "perf: {:<24} {:8.3f} s\n", "total", total.seconds());
    fmt::print(stderr, "perf: {} commits, {} files at the last commit\n", history.info.commits, history.files.size());
  }
  keep_until_exit(std::move(*read));
  return 0;
}

}  // namespace oxidize::cli

namespace oxidize::cli {

// Until the timeline joins it: `oxidize history --by file|function`.
std::function<int()> add_history_facts_command(CLI::App& app) {
  struct Args {
    HistoryRun run;
    HistoryFactsFlags flags;
    std::string now;
    unsigned jobs = 0;
    bool no_progress = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("history", "History facts per file or function");
  cmd->add_option("path", args->run.path, "A directory in a git work tree, or a repository")->capture_default_str();
  cmd->add_option("--commit", args->run.revision, "The history ends at this commit")->capture_default_str();
  cmd->add_option("--format", args->run.format, "Output format")
      ->check(CLI::IsMember(format_names(k_history_formats)))
      ->capture_default_str();
  cmd->add_option("--now", args->now, "The reference date (YYYY-MM-DD) for ages and windows (default: the commit's date)");
  cmd->add_option("-j,--jobs", args->jobs, "Worker threads (default: all cores)")->check(CLI::Range(1u, 1024u));
  cmd->add_flag("--no-progress", args->no_progress, "No progress line on stderr");
  cmd->add_flag("--perf", args->run.perf, "Print timings on stderr");
  cmd->add_option("--config", args->run.config, "Read this oxidize.toml");
  add_history_facts_flags(*cmd, args->flags);
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    if (!args->now.empty()) {
      auto now = parse_date(args->now);
      if (!now) {
        print_error("--now: " + now.error());
        return 2;
      }
      args->run.now = *now;
    }
    args->run.threads = args->jobs != 0 ? args->jobs : std::max(1u, std::thread::hardware_concurrency());
    args->run.progress = !args->no_progress;
    if (args->flags.by.empty()) args->flags.by = "file";
    return run_history_facts(args->run, args->flags);
  };
}

}  // namespace oxidize::cli
