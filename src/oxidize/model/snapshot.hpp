#pragma once
// The snapshot: everything one run of oxidize knows about one tree at one
// moment, owned and self-contained. The pipeline (pipeline/) builds it, the
// store (store/) writes and reads it back, and every report (report/) is
// rendered from it alone, so a stored snapshot renders exactly like a fresh
// scan. Later stages add their facts here (includes and calls per file,
// components, history facts, risk), each as owned data next to the files.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "oxidize/discover/exclusion.hpp"
#include "oxidize/discover/skip.hpp"
#include "oxidize/model/file_facts.hpp"
#include "oxidize/model/history.hpp"
#include "oxidize/model/warning.hpp"

namespace oxidize::model {

struct FileRecord {
  std::string path;  // relative to the root; prefixed by the root when several are scanned
  FileFacts facts;
  discover::Exclusion exclusion = discover::Exclusion::none;
  std::string exclusion_why;      // e.g. "under vendored directory third_party"
  bool hazards_excluded = false;  // has findings and matches `[hazards] exclude` of oxidize.toml
};

using SkipCounts = std::array<std::uint64_t, static_cast<std::size_t>(discover::Skip::count_)>;

// Where a snapshot came from and how it was made: what `oxidize snapshots`
// lists and what `oxidize diff` compares.
struct SnapshotInfo {
  std::int64_t id = 0;           // the store's id; 0 for a snapshot never stored
  std::string created_at;        // UTC, ISO 8601 with seconds: 2026-12-06T21:15:40Z
  std::string tool_version;      // oxidize's version that made it
  std::string tree;              // absolute path of the scanned root (the working directory for several)
  std::vector<std::string> roots;  // the paths as given
  std::string source = "filesystem";  // filesystem | git (a tree read at a commit) | memory
  std::string commit;            // the commit scanned (git), or HEAD of the work tree; empty outside git
  std::string options;           // JSON object of the options that change the results
};

struct Snapshot {
  SnapshotInfo info;
  std::vector<FileRecord> files;  // sorted by path; vendored and generated files included (marked)
  SkipCounts skipped{};
  std::vector<Warning> warnings;  // sorted
  // The repository's history up to the commit scanned (oxidize scan in a git
  // work tree, unless --no-history); absent otherwise.
  std::optional<History> history;
};

}  // namespace oxidize::model
