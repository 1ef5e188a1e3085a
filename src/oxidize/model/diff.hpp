#pragma once
// What changed between two snapshots of a tree (`oxidize diff`): files
// added, removed and changed (by content hash), code lines per language,
// functions whose complexity moved, hazards new and fixed. Pure: two
// snapshots in, owned results out.
//
// Scope, as `scan` and `hazards` count by default: vendored and generated
// files are left out unless included; hazards are those at or above the
// minimum confidence, not suppressed, outside files oxidize.toml excludes
// from hazards. A file that enters or leaves the scope shows as added or
// removed.
#include <cstdint>
#include <string>
#include <vector>

#include "oxidize/discover/language.hpp"
#include "oxidize/hazards/finding.hpp"
#include "oxidize/model/scope.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::model {

struct DiffOptions {
  Scope scope;  // which marked files (vendored, generated) are compared
  hazards::Confidence min_confidence = hazards::Confidence::medium;
};

enum class FileChangeKind : std::uint8_t { added, removed, changed };

struct FileChange {
  FileChangeKind kind = FileChangeKind::changed;
  std::string path;
  discover::Language language = discover::Language::c;  // after's; before's for a removed file
  std::uint64_t code_before = 0;  // 0 for an added file
  std::uint64_t code_after = 0;   // 0 for a removed file
};

struct LanguageLines {
  discover::Language language = discover::Language::c;
  std::uint64_t files_before = 0, files_after = 0;
  std::uint64_t code_before = 0, code_after = 0;
  std::int64_t code_delta() const {
    return static_cast<std::int64_t>(code_after) - static_cast<std::int64_t>(code_before);
  }
};

// A function found in both snapshots (same path, same qualified name: the
// n-th of that name in the file matches the n-th) whose CCN differs.
struct FunctionChange {
  std::string path;
  std::string name;
  std::uint32_t start_line = 0;  // in the after snapshot
  std::uint32_t ccn_before = 0, ccn_after = 0;
  std::uint32_t nloc_before = 0, nloc_after = 0;
  std::int64_t ccn_delta() const { return static_cast<std::int64_t>(ccn_after) - static_cast<std::int64_t>(ccn_before); }
};

struct HazardChange {
  std::string path;
  hazards::Finding finding;  // from the after snapshot for a new one, the before one for a fixed one
};

struct SnapshotDiff {
  SnapshotInfo before, after;
  DiffOptions options;

  std::vector<FileChange> files;  // by path
  std::uint64_t files_added = 0, files_removed = 0, files_changed = 0, files_unchanged = 0;

  // One row per language with files on either side, in the order of
  // discover::k_all_languages, and the sum of them.
  std::vector<LanguageLines> languages;
  LanguageLines total;

  // Largest move first (by absolute CCN change), then path and name.
  std::vector<FunctionChange> functions_changed;
  std::uint64_t functions_before = 0, functions_after = 0;
  std::uint64_t functions_added = 0, functions_removed = 0;

  // Matched by (path, fingerprint) as a multiset, as a baseline matches
  // (report/baseline.hpp): a finding whose line moved is neither new nor
  // fixed. Each list by path, line, column, rule.
  std::vector<HazardChange> hazards_new;
  std::vector<HazardChange> hazards_fixed;
  std::uint64_t hazards_before = 0, hazards_after = 0;
};

SnapshotDiff diff_snapshots(const Snapshot& before, const Snapshot& after, const DiffOptions& options = {});

}  // namespace oxidize::model
