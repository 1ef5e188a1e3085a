#pragma once
// Rendering a scan for people (table) and for programs (JSON, CSV). JSON and
// CSV are documented in docs/output.md; every string taken from the scanned
// tree goes through util/text.hpp so that any bytes keep the output valid.
#include <string>

#include <nlohmann/json.hpp>

#include "oxidize/model/aggregate.hpp"
#include "oxidize/pipeline/scan.hpp"

namespace oxidize::report {

inline constexpr int k_schema_version = 1;

struct TableStyle {
  bool color = false;  // bold headers; off when NO_COLOR is set or stdout is no terminal
};

std::string scan_table(const model::Snapshot& scan, const model::Summary& summary, TableStyle style);
std::string scan_json(const model::Snapshot& scan, const model::Summary& summary);
std::string scan_csv(const model::Summary& summary);

// One function as a JSON object (the same fields in `scan` and `functions`).
nlohmann::ordered_json function_json(const parse::FunctionFacts& fn);

}  // namespace oxidize::report
