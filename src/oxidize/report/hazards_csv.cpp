#include <fmt/format.h>

#include "oxidize/report/hazards_report.hpp"
#include "oxidize/util/hash.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::report {

void hazards_csv(util::Output& out, const HazardsReport& report) {
  out.write(
      "path,line,column,function,rule,cwe,severity,confidence,message,snippet,fingerprint,suppressed,"
      "suppression_reason\n");
  for (const auto& row : report.selection.rows) {
    const hazards::Finding& f = *row.finding;
    const hazards::Rule& rule = f.rule_info();
    // One CWE per row, the rule's primary one, so that a spreadsheet can pivot
    // on it; the JSON lists the related ones too.
    out.print("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", util::csv_field(row.file->path), f.line, f.column,
              util::csv_field(f.function), rule.id, rule.cwe, hazards::severity_name(rule.severity),
              hazards::confidence_name(f.confidence), util::csv_field(f.message), util::csv_field(f.snippet),
              util::hash_hex(f.fingerprint), f.suppressed ? 1 : 0, util::csv_field(f.suppression_reason));
  }
}

std::string hazards_csv(const HazardsReport& report) {
  util::StringOutput out;
  hazards_csv(out, report);
  return out.text();
}

}  // namespace oxidize::report
