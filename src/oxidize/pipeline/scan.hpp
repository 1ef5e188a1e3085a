#pragma once
// `oxidize scan` and the commands that scan first: the scan passes
// (pass.hpp) over the roots of the options, as one call.
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/pipeline/context.hpp"

namespace oxidize::pipeline {

struct ScanResult {
  model::Snapshot snapshot;
  std::vector<util::StageTime> perf;
  std::vector<std::string> perf_notes;
};

// An error only when a pass fails as a whole (an unknown revision, a
// repository that cannot be opened); problems with files are warnings.
tl::expected<ScanResult, std::string> run_scan(const ScanOptions& options, const ScanHooks& hooks);

}  // namespace oxidize::pipeline
