#include "oxidize/cli/structure_scan.hpp"

#include <fcntl.h>
#include <malloc.h>

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "oxidize/cli/state_folder.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/util/file_reader.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_max_build_file_bytes = std::size_t{4} << 20;
constexpr std::size_t k_max_build_files = 20000;

std::optional<std::string> read_small_file(const std::string& path, std::size_t limit) {
  util::FileReader reader(limit);
  auto bytes = reader.read(AT_FDCWD, path.c_str(), /*follow_symlinks=*/true);
  if (!bytes) return std::nullopt;
  return std::string(*bytes);
}

// Build files under the root (not in hidden folders, not through symlinks).
structure::BuildFiles read_build_files(const std::string& root, std::vector<std::string>& folders) {
  structure::BuildFiles out;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) return out;
  bool capped = false;
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      print_warning({"", fmt::format("reading build files: {}", ec.message())});
      break;
    }
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    std::error_code type_ec;
    if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
      if (!name.empty() && name[0] == '.') {
        it.disable_recursion_pending();
        continue;
      }
      folders.push_back(fs::relative(p, root, type_ec).generic_string());
      continue;
    }
    if (!structure::is_build_file_name(name) || !it->is_regular_file(type_ec)) continue;
    if (out.size() >= k_max_build_files) {
      capped = true;
      continue;
    }
    if (auto text = read_small_file(p.string(), k_max_build_file_bytes))
      out.push_back({fs::relative(p, root, type_ec).generic_string(), std::move(*text)});
  }
  if (capped) print_warning({"", fmt::format("more than {} build files: the rest are not read", k_max_build_files)});
  return out;
}

}  // namespace

void add_structure_flags(CLI::App& cmd, StructureFlags& flags) {
  add_scan_flags(cmd, flags.scan);
  add_config_flag(cmd, flags.scan);
  cmd.add_option("--compile-commands", flags.compile_commands,
                 "Resolve includes with this compilation database (default: compile_commands.json in the first "
                 "PATH or its build/ folder, when present)")
      ->type_name("FILE");
}

tl::expected<std::unique_ptr<StructureRun>, std::string> run_structure(const StructureFlags& flags) {
  auto options = to_scan_options(flags.scan);
  if (!options) return tl::unexpected(options.error());
  auto config = load_config(flags.scan, *options);
  if (!config) return tl::unexpected(config.error());
  options->functions = true;
  options->hazards = true;
  options->structure = true;
  if (flags.history) {
    history::HistoryOptions history;
    apply_history_patterns(config->history, history.patterns);
    options->history = std::move(history);
  }

  auto run = std::make_unique<StructureRun>();
  run->project = *config;
  run->threads = options->threads;
  StateFolder state(options->roots);
  auto scanned = run_scan_with_progress(*options, flags.scan, state);
  if (!scanned) return tl::unexpected(scanned.error());
  run->scan = std::move(*scanned);
  const model::Snapshot& snapshot = run->scan.snapshot;
  // The workers' buffers are freed but glibc keeps the pages; the graphs are
  // built next, on top of the whole snapshot: give the pages back first.
  malloc_trim(0);

  const util::Stopwatch files_time;
  // The files beside the sources: only for one folder read from disk.
  const std::string root = options->roots.front();
  std::error_code ec;
  const bool on_disk = options->roots.size() == 1 && options->revision.empty() && fs::is_directory(root, ec);
  std::vector<std::string> folders;
  if (on_disk) run->build_files = read_build_files(root, folders);

  std::string database_path = flags.compile_commands;
  if (database_path.empty() && on_disk) {
    for (const char* candidate : {"compile_commands.json", "build/compile_commands.json"})
      if (fs::is_regular_file(fs::path(root) / candidate, ec)) {
        database_path = (fs::path(root) / candidate).string();
        break;
      }
  }
  if (!database_path.empty()) {
    if (auto text = read_small_file(database_path, std::size_t{1} << 30)) {
      const std::string absolute_root = fs::weakly_canonical(fs::absolute(root, ec), ec).string();
      run->database = structure::parse_compile_database(*text, absolute_root);
    } else {
      run->database.warnings.push_back(database_path + ": cannot be read; include folders are guessed instead");
    }
    for (const auto& w : run->database.warnings) print_warning({database_path, w});
  }

  structure::ComponentOptions component_options;
  for (const auto& c : config->components) component_options.declared.push_back({c.name, c.globs});
  if (on_disk) {
    if (auto manifest = read_small_file((fs::path(root) / "Cargo.toml").string(), std::size_t{1} << 20)) {
      auto members = structure::cargo_workspace_members(*manifest, folders);
      if (members) component_options.cargo_members = std::move(*members);
      else print_warning({"Cargo.toml", members.error()});
    }
  }
  run->scan.perf.push_back({"read build files", files_time.seconds()});

  const util::Stopwatch components_time;
  run->components = structure::assign_components(snapshot, flags.scan.scope(), component_options);
  run->scan.perf.push_back({"components", components_time.seconds()});

  const util::Stopwatch includes_time;
  structure::IncludeSettings settings;
  settings.extra_roots = structure::include_roots_from_build_files(run->build_files);
  if (run->database.present) settings.database = &run->database;
  run->includes = structure::resolve_includes(snapshot, settings);
  for (const auto& w : run->includes.warnings) print_warning({"", w});
  run->scan.perf.push_back({"include graph", includes_time.seconds()});

  const util::Stopwatch calls_time;
  run->calls = structure::resolve_calls(snapshot, run->includes);
  run->scan.perf.push_back({"call graph", calls_time.seconds()});
  return run;
}

}  // namespace oxidize::cli
