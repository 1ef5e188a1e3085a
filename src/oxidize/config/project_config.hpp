#pragma once
// `oxidize.toml`: the project's settings, read once before the scan. Only what
// a command uses is parsed; an unknown key is a warning (a typo should not
// pass silently), a malformed file an error naming FILE:LINE.
//
//   [hazards]
//   exclude = ["tests/**", "examples/*.c"]   # findings in these files are counted as excluded
//   rules_doc_uri = "https://example.org/oxidize/rules.md"   # SARIF helpUri base
//
//   [hazards.functions]             # the project's wrappers of C library functions
//   xmalloc = { like = "malloc", returns_null = false }
//   ngx_cpymem = "memcpy"
//   ngx_pfree = { like = "free", args = [1] }
//
//   [history]
//   fix_patterns = ['\bfix(e[sd]|ing)?\b', '^revert\b']      # replace the defaults (docs/history.md)
//   security_patterns = ['\bCVE-\d{4}-\d{4,}\b']
//
//   [risk]                          # weights of the risk score (docs/risk.md)
//   fixes = 0.5
//   non_product = 0.05
//
//   [components]                    # first match wins, in this order
//   tls = ["lib/vtls/**", "lib/vauth/**"]
//   tool = "src/**"
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/config/glob.hpp"

namespace oxidize::config {

// Where the project lives, and its rule documentation (the one place these
// URIs are spelled; SARIF's informationUri and each rule's helpUri come from here).
inline constexpr std::string_view k_project_uri = "https://github.com/oxidize-dev/oxidize";
inline constexpr std::string_view k_default_rules_doc_uri =
    "https://github.com/oxidize-dev/oxidize/blob/main/docs/rules.md";

inline constexpr std::string_view k_config_file_name = "oxidize.toml";

// `[hazards.functions]`: a project function or macro that behaves as a C
// library function (`ngx_cpymem = "memcpy"`, or
// `ngx_pfree = { like = "free", args = [1] }`).
struct FunctionAlias {
  std::string name;
  std::string like;
  std::vector<int> args;                // the wrapper's argument for each of `like`'s; empty: the same order
  std::optional<bool> returns_null;     // allocators: whether it may return NULL
  std::string where;                    // "FILE:LINE", for messages
};

struct HazardsConfig {
  std::vector<Glob> exclude;  // matched against paths relative to the scanned root
  std::vector<FunctionAlias> functions;
  std::string rules_doc_uri{k_default_rules_doc_uri};
};

// Commit-message patterns (PCRE2, case-insensitive); unset keeps the defaults
// of history/message_patterns.cpp.
struct HistoryConfig {
  std::optional<std::vector<std::string>> fix_patterns;
  std::optional<std::vector<std::string>> security_patterns;
};

// `[risk]`: the weights of the risk score that the project sets, by name
// (risk/risk_model.hpp's RiskWeights; the names are k_risk_weight_keys).
// Each is a number from 0 to 100; non_product at most 1.
inline constexpr std::array<std::string_view, 10> k_risk_weight_keys = {
    "complexity", "hazards", "exposure", "ffi", "fixes", "security_fixes", "churn", "young", "size", "non_product"};
struct RiskConfig {
  std::vector<std::pair<std::string, double>> weights;  // in the order written
};

// A component declared by globs (structure/components.hpp).
struct ComponentConfig {
  std::string name;
  std::vector<Glob> globs;
};

struct ProjectConfig {
  std::string path;  // the file read; empty when there was none
  HazardsConfig hazards;
  HistoryConfig history;
  RiskConfig risk;
  std::vector<ComponentConfig> components;  // in the order written
  std::vector<std::string> warnings;  // "FILE:LINE: ..." (unknown keys), for stderr
};

// Parses the text of a config file; `path` names it in messages.
tl::expected<ProjectConfig, std::string> parse_project_config(std::string_view text, const std::string& path);

// Reads and parses a file. A missing file is an error (it was asked for).
tl::expected<ProjectConfig, std::string> load_project_config(const std::string& path);

// The default config file of a scan: oxidize.toml in the first root (its
// folder when the root is a file), or else in the nearest folder above it,
// up to the repository's root (the first folder holding `.git`) or the
// filesystem's root. Never looked for from the current directory (unless
// the root is in it). `base` is the root's path below the file's folder,
// with a trailing '/' ("src/"), empty when the file is in the root itself:
// the globs it holds are anchored at its own folder.
struct FoundConfig {
  std::string path;
  std::string base;
};
std::optional<FoundConfig> find_config(const std::string& first_root);

// Anchors every glob of `config` (hazards.exclude, components) at the
// folder `base` above the scanned root (FoundConfig::base).
void set_glob_base(ProjectConfig& config, const std::string& base);

// find_config's path, or empty.
std::string default_config_path(const std::string& first_root);

}  // namespace oxidize::config
