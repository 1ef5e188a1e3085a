#pragma once
// Rendering of `oxidize functions`: one row per function, written into a
// util::Output as it goes.
#include <string>
#include <vector>

#include "oxidize/parse/function_facts.hpp"
#include "oxidize/pipeline/scan.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

struct FunctionRow {
  const model::FileRecord* file;
  const parse::FunctionFacts* function;
};

void functions_table(util::Output& out, const std::vector<FunctionRow>& rows, std::size_t total, bool color);
void functions_json(util::Output& out, const model::Snapshot& scan, const std::vector<FunctionRow>& rows,
                    std::size_t total, std::string_view sort);
void functions_csv(util::Output& out, const std::vector<FunctionRow>& rows);

}  // namespace oxidize::report
