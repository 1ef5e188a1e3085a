#pragma once
// Rendering of `oxidize hazards`: the selected findings for people (table)
// and for programs (JSON, CSV, SARIF 2.1.0), written into a util::Output as
// they go. Fields are documented in docs/output.md. Everything taken from the
// scanned tree (paths, function names, messages, snippets) goes through
// util/text.hpp or util/uri.hpp.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "oxidize/report/report.hpp"
#include "oxidize/model/hazard_selection.hpp"
#include "oxidize/model/rust_unsafe.hpp"
#include "oxidize/pipeline/scan.hpp"
#include "oxidize/report/json_writer.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

// What a hazard report renders.
struct HazardsReport {
  const model::Snapshot& scan;
  const model::HazardSelection& selection;
  const model::HazardFilter& filter;
  // The absolute directory that relative paths are relative to (SARIF's
  // %SRCROOT%): the scanned root, or the working directory for several roots.
  std::string source_root;
  std::string rules_doc_uri;  // helpUri = this + "#" + rule_anchor
  std::string baseline_path;  // --baseline, or empty
  // Rust's unsafe inventory per crate and file; null when not computed.
  const model::RustUnsafeSummary* rust_unsafe = nullptr;
  // The version of the findings' fingerprints: this oxidize's, or an older
  // one for a snapshot an older oxidize stored (cli/store_flags).
  int fingerprint_version = hazards::k_fingerprint_version;
  // --sort and --top as given (the rows are sorted and cut already).
  std::string_view sort = "path";
  std::size_t top = 0;  // 0: all
};

// The Rust unsafe inventory as a table section (nothing without Rust files)
// and as the value of the JSON member `rust_unsafe`.
void rust_unsafe_table(util::Output& out, const model::RustUnsafeSummary& summary);
void rust_unsafe_json(JsonWriter& json, const model::RustUnsafeSummary& summary);

void hazards_table(util::Output& out, const HazardsReport& report, TableStyle style);
void hazards_json(util::Output& out, const HazardsReport& report);
void hazards_csv(util::Output& out, const HazardsReport& report);

// GitHub code scanning accepts at most this many results per run.
inline constexpr std::size_t k_sarif_max_results = 25'000;

// How many of `results` a SARIF run leaves out: the least severe, least
// confident ones over `max_results`. Known before writing, so that the
// warning about it can come first.
constexpr std::size_t sarif_results_dropped(std::size_t results, std::size_t max_results = k_sarif_max_results) {
  return results > max_results ? results - max_results : 0;
}
void hazards_sarif(util::Output& out, const HazardsReport& report, std::size_t max_results = k_sarif_max_results);

// The same reports as text, for tests and small outputs.
std::string hazards_table(const HazardsReport& report, TableStyle style);
std::string hazards_json(const HazardsReport& report);
std::string hazards_csv(const HazardsReport& report);
struct SarifOutput {
  std::string text;
  std::size_t results_dropped = 0;
};
SarifOutput hazards_sarif(const HazardsReport& report, std::size_t max_results = k_sarif_max_results);

// The rule's CWE ids, primary first ("CWE-120", "CWE-787"); empty for none.
std::vector<std::string_view> rule_cwes(const hazards::Rule& rule);

// The summary object of the JSON report (also read by the table's tests).
nlohmann::ordered_json hazard_counts_json(const model::HazardCounts& counts);

}  // namespace oxidize::report
