#include "oxidize/cli/store_flags.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "oxidize/cli/terminal.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

void add_store_path_flag(CLI::App& cmd, StoreFlags& flags) {
  cmd.add_option("--store", flags.store, "The snapshot store (default: .oxidize/oxidize.db at the root of the tree)")
      ->type_name("FILE");
}

void add_store_write_flags(CLI::App& cmd, StoreFlags& flags) {
  add_store_path_flag(cmd, flags);
  cmd.add_flag("--no-store", flags.no_store, "Do not keep a snapshot of this scan (oxidize snapshots lists them)");
}

void add_store_read_flags(CLI::App& cmd, StoreFlags& flags) {
  add_store_path_flag(cmd, flags);
  cmd.add_option("--snapshot", flags.snapshot,
                 "Read a stored snapshot instead of scanning: an id, latest, or -N for the Nth newest")
      ->type_name("REF");
}

std::string store_path(const StoreFlags& flags, const StateFolder& state) {
  return flags.store.empty() ? state.dir() + "/oxidize.db" : flags.store;
}

tl::expected<std::optional<store::Store>, std::string> open_store_for_scan(const StoreFlags& flags,
                                                                           StateFolder& state) {
  if (flags.no_store) return std::nullopt;
  if (flags.store.empty() && !state.ready()) return std::nullopt;  // warned once for the folder
  const std::string path = store_path(flags, state);
  if (!can_write_file(path)) {
    print_warning({"", fmt::format("{}: not writable; no snapshot is kept this run (--store PATH chooses another "
                                   "place, --no-store says none)", path)});
    return std::nullopt;
  }
  auto opened = store::Store::open(path, store::OpenMode::read_write);
  if (!opened) return tl::unexpected(opened.error());
  return std::optional<store::Store>(std::move(*opened));
}

void write_snapshot(store::Store& store, const model::Snapshot& snapshot) {
  if (auto written = store.write(snapshot); !written)
    print_warning({"", written.error() + " (the results above are complete; the snapshot was not kept)"});
}

tl::expected<model::Snapshot, std::string> read_stored_snapshot(const StoreFlags& flags, const StateFolder& state,
                                                                std::string_view need) {
  auto opened = store::Store::open(store_path(flags, state), store::OpenMode::read_only);
  if (!opened) return tl::unexpected(opened.error());
  auto id = opened->resolve(flags.snapshot);
  if (!id) return tl::unexpected(id.error());
  auto snapshot = opened->read(*id);
  if (!snapshot) return tl::unexpected(snapshot.error());
  // The options the snapshot was made with say whether it holds what is asked for.
  const auto options = nlohmann::json::parse(snapshot->info.options, nullptr, false);
  if (options.is_object() && options.contains(need) && options[need] == false)
    return tl::unexpected(fmt::format("snapshot {} of {} was made without {} (--no-{}); scan again to get them", *id,
                                      opened->path(), need, need));
  return snapshot;
}

int fingerprint_version(const model::SnapshotInfo& info) {
  const auto options = nlohmann::json::parse(info.options, nullptr, false);
  // Without findings there is nothing to mismatch.
  if (options.is_object() && options.contains("hazards") && options["hazards"] == false)
    return hazards::k_fingerprint_version;
  if (!options.is_object() || !options.contains("fingerprint_version")) return 1;
  const auto& v = options["fingerprint_version"];
  return v.is_number_integer() ? v.get<int>() : 1;
}

tl::expected<pipeline::ScanResult, std::string> scan_or_read(const pipeline::ScanOptions& options,
                                                             const ScanFlags& scan, const StoreFlags& flags,
                                                             std::string_view need) {
  StateFolder state(options.roots);
  if (flags.snapshot.empty()) return run_scan_with_progress(options, scan, state);
  const util::Stopwatch read_time;
  auto snapshot = read_stored_snapshot(flags, state, need);
  if (!snapshot) return tl::unexpected(snapshot.error());
  pipeline::ScanResult result;
  result.snapshot = std::move(*snapshot);
  result.perf.push_back({"read snapshot", read_time.seconds()});
  return result;
}

}  // namespace oxidize::cli
