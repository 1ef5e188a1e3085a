#include "oxidize/pipeline/pass.hpp"

#include "oxidize/pipeline/scan.hpp"

namespace oxidize::pipeline {

PassResult run_passes(Context& context, std::span<const Pass> passes) {
  for (const Pass& pass : passes) {
    const util::Stopwatch time;
    // Details a pass adds (the analysis's per-thread split) follow its own line.
    const std::size_t at = context.perf.size();
    auto result = pass.run(context);
    context.perf.insert(context.perf.begin() + static_cast<std::ptrdiff_t>(at),
                        util::StageTime{std::string(pass.name), time.seconds()});
    if (!result) return result;
  }
  return {};
}

tl::expected<ScanResult, std::string> run_scan(const ScanOptions& options, const ScanHooks& hooks) {
  Context context(options, hooks);
  if (auto done = run_passes(context, k_scan_passes); !done) return tl::unexpected(done.error());
  return ScanResult{std::move(context.snapshot), std::move(context.perf), std::move(context.perf_notes)};
}

}  // namespace oxidize::pipeline
