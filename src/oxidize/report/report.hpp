#pragma once
// Rendering a scan for people (table) and for programs (JSON, CSV). JSON and
// CSV are documented in docs/output.md; every string taken from the scanned
// tree goes through util/text.hpp so that any bytes keep the output valid.
// Renderers write into a util::Output as they go: an output of any size is
// never held in memory whole.
#include <string>

#include <nlohmann/json.hpp>

#include "oxidize/model/aggregate.hpp"
#include "oxidize/pipeline/scan.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

inline constexpr int k_schema_version = 1;

struct TableStyle {
  bool color = false;  // bold headers; off when NO_COLOR is set or stdout is no terminal
};

void scan_table(util::Output& out, const model::Snapshot& scan, const model::Summary& summary, TableStyle style);
void scan_json(util::Output& out, const model::Snapshot& scan, const model::Summary& summary);
void scan_csv(util::Output& out, const model::Summary& summary);

// A path from the scanned tree under `key`, as valid UTF-8, plus its exact
// bytes in base64 under `key`_base64 when it is not UTF-8 (every JSON report
// writes paths, trees and directories this way).
void put_path(nlohmann::ordered_json& obj, std::string_view key, std::string_view path);

class JsonWriter;
// The member "warnings": each warning's path (as put_path writes it) and message.
void put_warnings(JsonWriter& json, const std::vector<model::Warning>& warnings);

// One function as a JSON object (the same fields in `scan` and `functions`).
nlohmann::ordered_json function_json(const parse::FunctionFacts& fn);

}  // namespace oxidize::report
