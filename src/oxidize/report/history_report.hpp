#pragma once
// `oxidize history --by file|function`: the history facts of each file or
// function, for people (table) and programs (JSON, CSV). Columns are stable
// snake_case names (docs/output.md, "history"); dates are YYYY-MM-DD (UTC).
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/model/history.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

// One row: a file, or one function of it.
struct HistoryRow {
  const model::FileHistory* file = nullptr;
  const model::FunctionHistory* function = nullptr;  // null in a per-file listing
  const model::ChangeFacts& change() const { return function ? function->change : file->change; }
  const model::AgeFacts& age() const { return function ? function->age : file->age; }
};

// "2026-12-06" for a time, "" for 0 (never).
std::string iso_date(model::GitTime time);

void history_table(util::Output& out, const model::History& history, const std::vector<HistoryRow>& rows,
                   std::size_t total, bool functions, bool color);
void history_json(util::Output& out, const model::History& history, const std::vector<HistoryRow>& rows,
                  std::size_t total, bool functions);
void history_csv(util::Output& out, const std::vector<HistoryRow>& rows, bool functions);

}  // namespace oxidize::report
