#pragma once
// Rendering of `oxidize functions`: one row per function.
#include <string>
#include <vector>

#include "oxidize/parse/function_facts.hpp"
#include "oxidize/pipeline/scan.hpp"

namespace oxidize::report {

struct FunctionRow {
  const model::FileRecord* file;
  const parse::FunctionFacts* function;
};

std::string functions_table(const std::vector<FunctionRow>& rows, std::size_t total, bool color);
std::string functions_json(const model::Snapshot& scan, const std::vector<FunctionRow>& rows,
                           std::size_t total, std::string_view sort);
std::string functions_csv(const std::vector<FunctionRow>& rows);

}  // namespace oxidize::report
