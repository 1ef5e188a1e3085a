#pragma once
// A run is a list of passes over a Context, each a plain function with a
// name: run_passes times each one (--perf) and stops at the first that fails,
// returning its error (one line for the user). Problems with single files are
// not failures: they are warnings in the snapshot and the run goes on.
#include <span>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "oxidize/pipeline/context.hpp"

namespace oxidize::pipeline {

using PassResult = tl::expected<void, std::string>;

struct Pass {
  std::string_view name;
  PassResult (*run)(Context&);
};

PassResult run_passes(Context& context, std::span<const Pass> passes);

// The passes of a scan, in order:
PassResult open_sources(Context& context);    // one FileSource per root (disk, or a git tree)
PassResult analyze_files(Context& context);   // read + analyze (or take from the cache), in parallel
PassResult sort_snapshot(Context& context);   // files and warnings sorted: output independent of threads
PassResult describe_snapshot(Context& context);  // tree, commit, time, tool version, options
PassResult read_history_facts(Context& context);  // the git history up to the commit scanned, when asked

inline constexpr Pass k_scan_passes[] = {
    {"open sources", open_sources},
    {"discover+read+analyze", analyze_files},
    {"merge+sort", sort_snapshot},
    {"describe", describe_snapshot},
    {"history", read_history_facts},
};

}  // namespace oxidize::pipeline
