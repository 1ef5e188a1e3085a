#include "oxidize/report/functions_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/report/json_writer.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

void functions_table(util::Output& out, const std::vector<FunctionRow>& rows, std::size_t total, bool color) {
  const std::string header = fmt::format("{:>5} {:>6} {:>6} {:>6} {:>7}  {}", "CCN", "NLOC", "Params",
                                         "Nest", "Tokens", "Function (location)");
  out.write(color ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n");
  out.write(std::string(header.size(), '-') + "\n");
  for (const auto& r : rows) {
    const auto& f = *r.function;
    out.print("{:>5} {:>6} {:>6} {:>6} {:>7}  {} ({}:{})\n", f.ccn, f.nloc, f.params, f.max_nesting, f.tokens,
              util::escape_for_terminal(f.name), util::escape_for_terminal(r.file->path), f.start_line);
  }
  out.print("{} of {} functions shown\n", util::with_thousands(rows.size()), util::with_thousands(total));
}

// The skeleton by hand, one value per function (json_writer.hpp): memory does
// not grow with the number of functions listed.
void functions_json(util::Output& out, const model::Snapshot& scan, const std::vector<FunctionRow>& rows,
                    std::size_t total, std::string_view sort) {
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "functions");
  ordered_json roots = ordered_json::array();
  for (const auto& r : scan.info.roots) roots.push_back(util::to_valid_utf8(r));
  json.member("roots", roots);
  json.member("sort", sort);
  json.member("total_functions", total);
  json.key("functions");
  json.begin_array();
  for (const auto& r : rows) {
    ordered_json j;
    j["path"] = util::to_valid_utf8(r.file->path);
    if (!util::is_valid_utf8(r.file->path)) j["path_base64"] = util::base64(r.file->path);
    j["language"] = discover::language_key(r.file->facts.language);
    j.update(function_json(*r.function));
    json.value(j);
  }
  json.end();
  json.end();
  json.finish();
}

void functions_csv(util::Output& out, const std::vector<FunctionRow>& rows) {
  out.write(
      "path,language,function,start_line,end_line,nloc,ccn,ccn_modified,params,nesting,tokens,unsafe,unsafe_blocks\n");
  for (const auto& r : rows) {
    const auto& f = *r.function;
    out.print("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", util::csv_field(r.file->path),
              discover::language_key(r.file->facts.language), util::csv_field(f.name), f.start_line, f.end_line,
              f.nloc, f.ccn, f.ccn_modified, f.params, f.max_nesting, f.tokens, f.is_unsafe ? 1 : 0,
              f.unsafe_blocks);
  }
}

}  // namespace oxidize::report
