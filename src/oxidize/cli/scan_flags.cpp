#include "oxidize/cli/scan_flags.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "oxidize/cli/options.hpp"
#include "oxidize/cli/terminal.hpp"

namespace oxidize::cli {

void add_scan_flags(CLI::App& cmd, ScanFlags& flags) {
  cmd.add_option("paths", flags.paths, "Directories or files to scan (default: .)");
  cmd.add_option("-j,--jobs", flags.jobs, "Worker threads (default: all cores)")->check(CLI::Range(1u, 1024u));
  cmd.add_flag("--no-ignore", flags.no_ignore, "Do not apply .gitignore rules in a git work tree");
  cmd.add_flag("--follow-symlinks", flags.follow_symlinks,
               "Follow symbolic links (each directory is entered once)");
  cmd.add_flag("--include-vendored", flags.include_vendored,
               "Count vendored code (vendor/, third_party/, bundled libraries) in the totals");
  cmd.add_flag("--include-generated", flags.include_generated,
               "Count generated code (protobuf, lex/yacc output, DO NOT EDIT files) in the totals");
  cmd.add_option("--max-file-size", flags.max_file_size, "Skip files larger than this (K, M, G)")
      ->capture_default_str();
  cmd.add_option("--ext", flags.ext, "Count files with extension EXT as LANG, e.g. --ext inc=c")
      ->type_name("EXT=LANG");
  cmd.add_option("--commit", flags.commit,
                 "Scan the tree of this commit (a branch, tag or id) of the repository at PATH, read from git "
                 "without a checkout")
      ->type_name("REV");
  cmd.add_flag("--no-cache", flags.no_cache,
               "Analyse every file again (default: files unchanged since the last run are taken from "
               ".oxidize/cache.bin)");
  cmd.add_flag("--perf", flags.perf, "Print the time spent in each stage on stderr");
  cmd.add_flag("--no-progress", flags.no_progress, "No progress line on stderr");
}

void add_config_flag(CLI::App& cmd, ScanFlags& flags) {
  cmd.add_option("--config", flags.config,
                 "Project settings (default: oxidize.toml in the first PATH, when present)")
      ->type_name("FILE");
}

void apply_history_patterns(const config::HistoryConfig& config, history::MessagePatterns& patterns) {
  if (config.fix_patterns) patterns.fix = *config.fix_patterns;
  if (config.security_patterns) patterns.security = *config.security_patterns;
}

tl::expected<config::ProjectConfig, std::string> load_config(const ScanFlags& flags, pipeline::ScanOptions& options) {
  std::optional<config::FoundConfig> found;
  if (!flags.config.empty()) found = config::FoundConfig{flags.config, {}};
  else found = config::find_config(options.roots.front());
  if (!found) return config::ProjectConfig{};
  auto loaded = config::load_project_config(found->path);
  if (!loaded) return loaded;
  // Found above the scanned folder: its globs are anchored at its own folder.
  if (!found->base.empty()) config::set_glob_base(*loaded, found->base);
  for (const auto& w : loaded->warnings) print_warning({"", w});
  options.hazard_excludes = loaded->hazards.exclude;
  if (!loaded->hazards.functions.empty()) {
    auto functions = std::make_shared<hazards::ProjectFunctions>();
    for (const auto& alias : loaded->hazards.functions) {
      if (auto added = functions->add(alias.name, alias.like, alias.args, alias.returns_null); !added)
        return tl::unexpected(alias.where + ": hazards.functions: " + added.error());
    }
    options.project_functions = std::move(functions);
  }
  return loaded;
}

tl::expected<pipeline::ScanOptions, std::string> to_scan_options(const ScanFlags& flags) {
  pipeline::ScanOptions options;
  options.roots = flags.paths.empty() ? std::vector<std::string>{"."} : flags.paths;
  for (const auto& root : options.roots) {
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) return tl::unexpected(fmt::format("{}: {}", root, std::strerror(errno)));
  }
  const auto max_size = parse_size(flags.max_file_size);
  if (!max_size) return tl::unexpected(max_size.error());
  options.max_file_bytes = *max_size;
  for (const auto& e : flags.ext) {
    const auto mapping = parse_ext(e);
    if (!mapping) return tl::unexpected(mapping.error());
    options.languages.extra[mapping->first] = mapping->second;
  }
  options.threads = flags.jobs != 0 ? flags.jobs : std::max(1u, std::thread::hardware_concurrency());
  options.follow_symlinks = flags.follow_symlinks;
  options.use_gitignore = !flags.no_ignore;
  options.revision = flags.commit;
  return options;
}

OpenedCache load_cache(const ScanFlags& flags, const StateFolder& state) {
  OpenedCache opened;
  if (flags.no_cache) return opened;
  const util::Stopwatch load_time;
  opened.path = state.dir() + "/cache.bin";
  std::string warning;
  opened.cache = cache::AnalysisCache::load(opened.path, util::realtime_ns(), warning);
  if (!warning.empty()) print_warning({"", warning});
  opened.load_seconds = load_time.seconds();
  return opened;
}

double save_cache(OpenedCache& opened, StateFolder& state) {
  if (!opened.cache) return 0;
  const util::Stopwatch save_time;
  if (state.ready()) {
    if (auto saved = opened.cache->save(opened.path); !saved)
      print_warning({"", saved.error() + " (the results are not affected; --no-cache skips it)"});
  }
  return save_time.seconds();
}

tl::expected<pipeline::ScanResult, std::string> run_scan_with_progress(pipeline::ScanOptions options,
                                                                       const ScanFlags& flags, StateFolder& state,
                                                                       store::Store* store) {
  pipeline::Progress progress;
  pipeline::ScanHooks hooks;
  hooks.on_warning = print_warning;
  hooks.progress = &progress;
  if (store) {
    hooks.earlier_history = [store](const model::SnapshotInfo& info) -> std::optional<model::History> {
      // Only the newest snapshot of the tree is looked at: reading one
      // snapshot is cheap, searching them all is not worth it.
      const auto id = store->latest_id(info.tree);
      if (!id || !*id) return std::nullopt;
      auto earlier = store->read(**id);
      if (!earlier || !earlier->history || earlier->info.commit != info.commit || earlier->info.options != info.options)
        return std::nullopt;
      return std::move(earlier->history);
    };
  }
  // The cache lives in the state folder beside the store; a run that cannot
  // write it still scans, with one warning for the folder.
  OpenedCache cache = load_cache(flags, state);
  options.cache = cache.cache.get();
  tl::expected<pipeline::ScanResult, std::string> result = [&] {
    const ProgressLine line(progress, !flags.no_progress);
    return pipeline::run_scan(options, hooks);
  }();
  if (!result || !cache.cache) return result;
  result->perf.insert(result->perf.begin(), {"cache load", cache.load_seconds});
  result->perf.push_back({"cache save", save_cache(cache, state)});
  return result;
}

int finish_command(util::Output& out, const pipeline::ScanResult& result, const ScanFlags& flags,
                   unsigned threads, double total_seconds) {
  if (!flush_output(out)) return 2;
  if (flags.perf) {
    for (const auto& stage : result.perf) fmt::print(stderr, "perf: {:<24} {:8.3f} s\n", stage.stage, stage.seconds);
    fmt::print(stderr, "perf: {:<24} {:8.3f} s ({} threads)\n", "total", total_seconds, threads);
    for (const auto& note : result.perf_notes) fmt::print(stderr, "perf: {}\n", note);
  }
  return 0;
}

}  // namespace oxidize::cli
