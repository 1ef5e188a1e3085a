#pragma once
// The options of the commands that use the snapshot store: `scan` writes a
// snapshot (--store, --no-store); `functions` and `hazards` can read one
// instead of scanning (--snapshot, --store); `snapshots` and `diff` read.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "oxidize/cli/scan_flags.hpp"
#include "oxidize/cli/state_folder.hpp"
#include "oxidize/hazards/finding.hpp"
#include "oxidize/model/snapshot.hpp"
#include "oxidize/store/store.hpp"

namespace oxidize::cli {

struct StoreFlags {
  std::string store;     // --store FILE; empty: .oxidize/oxidize.db of the tree
  bool no_store = false;  // --no-store (scan)
  std::string snapshot;  // --snapshot REF (functions, hazards)
};

void add_store_write_flags(CLI::App& cmd, StoreFlags& flags);
void add_store_read_flags(CLI::App& cmd, StoreFlags& flags);  // --snapshot and --store
void add_store_path_flag(CLI::App& cmd, StoreFlags& flags);   // --store alone

// The store's file: --store, or the state folder's oxidize.db.
std::string store_path(const StoreFlags& flags, const StateFolder& state);

// The store a scan writes its snapshot to, opened before the scan so that a
// damaged or newer store stops the run at once (an error: exit 2). nullopt
// without an error: --no-store, or a location that cannot be written (one
// warning, the scan goes on).
tl::expected<std::optional<store::Store>, std::string> open_store_for_scan(const StoreFlags& flags,
                                                                           StateFolder& state);

// Writes the snapshot; a failure is one warning (the results are printed already).
void write_snapshot(store::Store& store, const model::Snapshot& snapshot);

// The snapshot --snapshot names, read from the store. `need` names what the
// command needs of it ("functions" or "hazards"): a snapshot made without it
// is an error rather than an empty report.
tl::expected<model::Snapshot, std::string> read_stored_snapshot(const StoreFlags& flags, const StateFolder& state,
                                                                std::string_view need);

// The version of the fingerprints a snapshot's findings carry: written in
// its options since version 2; a snapshot with hazards and without it is
// version 1 (an older oxidize stored it); one without hazards is this
// oxidize's.
int fingerprint_version(const model::SnapshotInfo& info);

// What functions and hazards report on: the stored snapshot --snapshot
// names, or else a fresh scan (with its cache).
tl::expected<pipeline::ScanResult, std::string> scan_or_read(const pipeline::ScanOptions& options,
                                                             const ScanFlags& scan, const StoreFlags& flags,
                                                             std::string_view need);

}  // namespace oxidize::cli
