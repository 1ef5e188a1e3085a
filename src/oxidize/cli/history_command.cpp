// oxidize history: the migration timeline of a repository (code lines per
// language and hazards at points of its first-parent history), the trend of
// its memory-safe share, the velocity of each language, and when the trend
// reaches target shares; with --by file|function, the history facts of each
// file or function instead (cli/history_facts).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <span>
#include <thread>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/history_facts.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/scan_flags.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/history/timeline.hpp"
#include "oxidize/model/projection.hpp"
#include "oxidize/report/timeline_report.hpp"
#include "oxidize/util/date.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::cli {

namespace {

struct HistoryArgs {
  std::string path = ".";
  // The scanning options that apply to a commit's tree: -j, --max-file-size,
  // --ext, --commit, --no-cache, --config, --perf, --no-progress.
  ScanFlags scan;
  // --by and the listing's options, and --include-vendored/--include-generated
  // (the timeline's scope too).
  HistoryFactsFlags facts;
  std::string format = "table";
  std::string every = "month";
  std::string since;
  std::string now;
  std::vector<double> targets;
};

struct HistoryView {
  const report::TimelineView& timeline;
  bool color;
};

constexpr std::array<OutputFormat<HistoryView>, 3> k_history_formats = {{
    {"table", [](util::Output& out, const HistoryView& v) { report::timeline_table(out, v.timeline, {v.color}); }},
    {"json", [](util::Output& out, const HistoryView& v) { report::timeline_json(out, v.timeline); }},
    {"csv", [](util::Output& out, const HistoryView& v) { report::timeline_csv(out, v.timeline); }},
}};

constexpr const char* k_history_examples = R"(
Examples:
  oxidize history                          the last 24 months of this repository, month by month
  oxidize history ~/src/librsvg --since all --every quarter
  oxidize history . --every 100            every 100th first-parent commit of the last 24 months
  oxidize history . --now 2024-12-31 --since 2022-01-01 --format csv
  oxidize history . --target 0.8 --format json | jq '.projections'
  oxidize history /srv/git/repo.git --commit release-2.0
  oxidize history . --by file --sort churn_12m --top 20   the history facts of each file instead

The tree of each point is read from git (no checkout). A blob is analysed
once per run and kept in the analysis cache (.oxidize/cache.bin), so a second
run, or a longer window, analyses only what it has not seen.
Definitions and the projection's method: docs/history.md.)";

tl::expected<model::TimelineEvery, std::string> parse_every(std::string_view text) {
  if (text == "month") return model::TimelineEvery{model::TimelineEvery::Kind::month, 0};
  if (text == "quarter") return model::TimelineEvery{model::TimelineEvery::Kind::quarter, 0};
  std::uint32_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec == std::errc() && end == text.data() + text.size() && n > 0)
    return model::TimelineEvery{model::TimelineEvery::Kind::commits, n};
  return tl::unexpected(fmt::format("--every: expected month, quarter or a number of commits, not '{}'", text));
}

tl::expected<model::GitTime, std::string> parse_day(std::string_view option, std::string_view text) {
  if (const auto t = util::parse_date(text)) return *t;
  return tl::unexpected(fmt::format("{}: expected a date as YYYY-MM-DD, not '{}'", option, text));
}

tl::expected<history::TimelineOptions, std::string> to_timeline_options(HistoryArgs& args,
                                                                        pipeline::ScanOptions& scan) {
  history::TimelineOptions o;
  o.repository = args.path;
  o.revision = args.scan.commit;
  auto every = parse_every(args.every);
  if (!every) return tl::unexpected(every.error());
  o.every = *every;
  if (args.since == "all") {
    o.since_all = true;
  } else if (!args.since.empty()) {
    auto since = parse_day("--since", args.since);
    if (!since) return tl::unexpected(since.error());
    o.since = *since;
  }
  if (!args.now.empty()) {
    auto now = parse_day("--now", args.now);
    if (!now) return tl::unexpected(now.error());
    o.now = *now + util::k_seconds_per_day - 1;  // the whole day: commits of that day are before "now"
  }
  for (const double target : args.targets) {
    if (!(target > 0.0 && target <= 1.0))
      return tl::unexpected(fmt::format("--target: a share above 0 and at most 1, not {}", target));
  }
  o.threads = scan.threads;
  o.scope = {args.facts.include_vendored, args.facts.include_generated};
  o.languages = scan.languages;
  o.max_file_bytes = scan.max_file_bytes;
  o.hazard_excludes = scan.hazard_excludes;
  return o;
}

// The progress line: the chain as it is read, then the points.
std::string timeline_status(const history::TimelineProgress& p) {
  const std::uint32_t points = p.points.load();
  if (points == 0) return fmt::format("first-parent chain: {} commits", util::with_thousands(p.commits.load()));
  return fmt::format("point {} of {}, {} blobs read ({:.0f} MB)", std::min(p.points_done.load() + 1, points), points,
                     util::with_thousands(p.blobs.load()), static_cast<double>(p.bytes.load()) / 1e6);
}

// --by file|function: the history facts, with the options they share with the timeline.
int run_facts(const HistoryArgs& args) {
  HistoryRun run;
  run.path = args.path;
  if (!args.scan.commit.empty()) run.revision = args.scan.commit;
  run.format = args.format;
  if (!args.now.empty()) {
    auto now = parse_date(args.now);
    if (!now) {
      print_error("--now: " + now.error());
      return 2;
    }
    run.now = *now;
  }
  run.threads = args.scan.jobs != 0 ? args.scan.jobs : std::max(1u, std::thread::hardware_concurrency());
  run.progress = !args.scan.no_progress;
  run.perf = args.scan.perf;
  run.config = args.scan.config;
  return run_history_facts(run, args.facts);
}

// The options that belong to one view only: given with the other, they are an error.
constexpr std::array k_timeline_only = {"--every", "--since", "--target", "--no-cache", "--max-file-size", "--ext"};
constexpr std::array k_facts_only = {"--sort", "--top", "--walk", "--no-renames"};

int run_history_command(HistoryArgs& args, const CLI::App& cmd) {
  const bool facts = !args.facts.by.empty();
  for (const char* name : facts ? std::span<const char* const>(k_timeline_only) : std::span<const char* const>(k_facts_only)) {
    if (cmd.get_option(name)->count() > 0) {
      print_error(facts ? fmt::format("{} is an option of the timeline, not of --by {}", name, args.facts.by)
                        : fmt::format("{} goes with --by file|function", name));
      return 2;
    }
  }
  if (facts) return run_facts(args);
  const util::Stopwatch total_time;
  args.scan.paths = {args.path};
  auto scan = to_scan_options(args.scan);
  if (!scan) {
    print_error(scan.error());
    return 2;
  }
  if (const auto project = load_config(args.scan, *scan); !project) {
    print_error(project.error());
    return 2;
  }
  auto options = to_timeline_options(args, *scan);
  if (!options) {
    print_error(options.error());
    return 2;
  }
  std::vector<double> targets(model::k_default_targets.begin(), model::k_default_targets.end());
  targets.insert(targets.end(), args.targets.begin(), args.targets.end());
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());

  StateFolder state({args.path});
  OpenedCache cache = load_cache(args.scan, state);
  options->cache = cache.cache.get();
  history::TimelineProgress progress;
  history::TimelineHooks hooks;
  hooks.on_warning = print_warning;
  hooks.progress = &progress;
  auto built = [&] {
    const StatusLine line([&progress] { return timeline_status(progress); }, !args.scan.no_progress);
    return history::build_timeline(*options, hooks);
  }();
  if (!built) {
    print_error(built.error());
    return 2;
  }
  pipeline::ScanResult perf;  // the --perf lines only
  if (cache.cache) perf.perf.push_back({"cache load", cache.load_seconds});
  perf.perf.insert(perf.perf.end(), built->perf.begin(), built->perf.end());
  if (cache.cache) perf.perf.push_back({"cache save", save_cache(cache, state)});

  const util::Stopwatch render_time;
  const model::Timeline& timeline = built->timeline;
  const model::Projection projection = model::project_share(model::share_samples(timeline), targets);
  const std::optional<model::Velocity> velocity = model::velocity(timeline.points);
  const report::TimelineView view{timeline, projection, velocity};
  util::Output out(STDOUT_FILENO);
  find_format(k_history_formats, args.format).render(out, {view, use_color(stdout)});
  perf.perf.push_back({"project+render", render_time.seconds()});

  const history::TimelineStats& s = built->stats;
  perf.perf_notes.push_back(fmt::format("timeline: {} points of {} first-parent commits; folders listed {}, reused {}",
                                        timeline.points.size(), s.chain_commits, s.folders_listed, s.folders_reused));
  perf.perf_notes.push_back(fmt::format("timeline: blobs analysed {}, from memory {}, from cache {}", s.blobs_analysed,
                                        s.blobs_from_memory, s.blobs_from_cache));
  return finish_command(out, perf, args.scan, options->threads, total_time.seconds());
}

}  // namespace

std::function<int()> add_history_command(CLI::App& app) {
  auto args = std::make_shared<HistoryArgs>();
  CLI::App* cmd = app.add_subcommand(
      "history", "Migration timeline: code per language and hazards over git history, velocity, projected dates");
  cmd->footer(k_history_examples);
  cmd->add_option("path", args->path, "A directory of the git work tree, or a repository (default: .)");
  cmd->add_option("--every", args->every, "Points: month, quarter, or N (every N first-parent commits)")
      ->capture_default_str();
  cmd->add_option("--since", args->since,
                  "Start of the window, YYYY-MM-DD, or all (default: 24 months before now)")
      ->type_name("DATE|all");
  cmd->add_option("--now", args->now,
                  "The reference date, YYYY-MM-DD (default: the head commit's date): the timeline ends with that day; "
                  "--by measures windows and ages from it")
      ->type_name("DATE");
  cmd->add_option("--target", args->targets,
                  "A memory-safe share to project a date for, besides 0.5 and 0.95 (repeatable)")
      ->type_name("SHARE");
  cmd->add_option("--commit", args->scan.commit,
                  "Start the first-parent chain at this commit (a branch, tag or id) instead of HEAD")
      ->type_name("REV");
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_history_formats)))
      ->capture_default_str();
  // --by file|function (the history facts of each file or function instead
  // of the timeline), its --sort, --top, --walk, --no-renames, and the
  // --include-vendored and --include-generated both views share.
  add_history_facts_flags(*cmd, args->facts);
  cmd->add_option("-j,--jobs", args->scan.jobs, "Worker threads (default: all cores)")->check(CLI::Range(1u, 1024u));
  cmd->add_option("--max-file-size", args->scan.max_file_size, "Skip files larger than this (K, M, G)")
      ->capture_default_str();
  cmd->add_option("--ext", args->scan.ext, "Count files with extension EXT as LANG, e.g. --ext inc=c")
      ->type_name("EXT=LANG");
  add_config_flag(*cmd, args->scan);
  cmd->add_flag("--no-cache", args->scan.no_cache,
                "Analyse every blob met (default: blobs analysed by an earlier run come from .oxidize/cache.bin)");
  cmd->add_flag("--perf", args->scan.perf, "Print the time spent in each stage, and what was analysed, on stderr");
  cmd->add_flag("--no-progress", args->scan.no_progress, "No progress line on stderr");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_history_command(*args, *cmd);
  };
}

}  // namespace oxidize::cli
