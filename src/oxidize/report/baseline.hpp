#pragma once
// Reading a baseline: a previous `oxidize hazards` output, as JSON
// (`findings[].path` / `path_base64` and `fingerprint`) or SARIF
// (`results[].partialFingerprints["oxidizeFingerprint/v1"]` and the result's
// artifact URI). The inverse of hazards_json and hazards_sarif, so either
// file a team keeps can be the baseline.
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "oxidize/model/hazard_selection.hpp"

namespace oxidize::report {

// The SARIF partialFingerprints key of oxidize's fingerprint.
inline constexpr std::string_view k_sarif_fingerprint_key = "oxidizeFingerprint/v1";

// The error is one line for the user (without the file name).
tl::expected<model::Baseline, std::string> parse_baseline(std::string_view text);

}  // namespace oxidize::report
