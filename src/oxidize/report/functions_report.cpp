#include "oxidize/report/functions_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/report/report.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

std::string functions_table(const std::vector<FunctionRow>& rows, std::size_t total, bool color) {
  const std::string header = fmt::format("{:>5} {:>6} {:>6} {:>6} {:>7}  {}", "CCN", "NLOC", "Params",
                                         "Nest", "Tokens", "Function (location)");
  std::string out = color ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n";
  out += std::string(header.size(), '-') + "\n";
  for (const auto& r : rows) {
    const auto& f = *r.function;
    out += fmt::format("{:>5} {:>6} {:>6} {:>6} {:>7}  {} ({}:{})\n", f.ccn, f.nloc, f.params, f.max_nesting,
                       f.tokens, util::escape_for_terminal(f.name), util::escape_for_terminal(r.file->path),
                       f.start_line);
  }
  out += fmt::format("{} of {} functions shown\n", util::with_thousands(rows.size()), util::with_thousands(total));
  return out;
}

std::string functions_json(const model::Snapshot& scan, const std::vector<FunctionRow>& rows,
                           std::size_t total, std::string_view sort) {
  nlohmann::ordered_json doc;
  doc["schema_version"] = k_schema_version;
  doc["tool"] = {{"name", "oxidize"}, {"version", k_version}};
  doc["command"] = "functions";
  nlohmann::ordered_json roots = nlohmann::ordered_json::array();
  for (const auto& r : scan.info.roots) roots.push_back(util::to_valid_utf8(r));
  doc["roots"] = roots;
  doc["sort"] = sort;
  doc["total_functions"] = total;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : rows) {
    nlohmann::ordered_json j;
    j["path"] = util::to_valid_utf8(r.file->path);
    if (!util::is_valid_utf8(r.file->path)) j["path_base64"] = util::base64(r.file->path);
    j["language"] = discover::language_key(r.file->facts.language);
    j.update(function_json(*r.function));
    list.push_back(std::move(j));
  }
  doc["functions"] = std::move(list);
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string functions_csv(const std::vector<FunctionRow>& rows) {
  std::string out =
      "path,language,function,start_line,end_line,nloc,ccn,ccn_modified,params,nesting,tokens,unsafe,unsafe_blocks\n";
  for (const auto& r : rows) {
    const auto& f = *r.function;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", util::csv_field(r.file->path),
                       discover::language_key(r.file->facts.language), util::csv_field(f.name), f.start_line,
                       f.end_line, f.nloc, f.ccn, f.ccn_modified, f.params, f.max_nesting, f.tokens,
                       f.is_unsafe ? 1 : 0, f.unsafe_blocks);
  }
  return out;
}

}  // namespace oxidize::report
