#pragma once
// Reading a baseline: a previous `oxidize hazards` output, as JSON
// (`fingerprint_version`, `findings[].path` / `path_base64` and
// `fingerprint`) or SARIF (`results[].partialFingerprints["oxidizeFingerprint/v2"]`
// and the result's artifact URI). The inverse of hazards_json and
// hazards_sarif, so either file a team keeps can be the baseline. One whose
// fingerprints are of another version (v1: a JSON without
// `fingerprint_version`, a SARIF keyed `oxidizeFingerprint/v1`) is refused:
// it would match nothing and show every finding as new.
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "oxidize/hazards/finding.hpp"
#include "oxidize/model/hazard_selection.hpp"

namespace oxidize::report {

// The SARIF partialFingerprints key of oxidize's fingerprint; its version is
// hazards::k_fingerprint_version.
inline constexpr std::string_view k_sarif_fingerprint_prefix = "oxidizeFingerprint/v";
inline constexpr std::string_view k_sarif_fingerprint_key = "oxidizeFingerprint/v2";
static_assert(hazards::k_fingerprint_version == 2, "k_sarif_fingerprint_key names the version");

// The error is one line for the user (without the file name).
tl::expected<model::Baseline, std::string> parse_baseline(std::string_view text);

}  // namespace oxidize::report
