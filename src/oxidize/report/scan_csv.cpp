#include <fmt/format.h>

#include "oxidize/report/report.hpp"
#include "oxidize/util/hash.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::report {

void scan_csv(util::Output& out, const model::Summary& summary) {
  // The hazard count at medium or high confidence; empty with --no-hazards
  // (not analysed), so that it never reads as "none found".
  const auto hazards = [&](const model::Totals& t) {
    return summary.hazards ? std::to_string(t.hazards.findings) : std::string();
  };
  const auto counts = [](const model::Totals& t) {
    return fmt::format("{},{},{},{},{},{},{},{:.2f}", t.lines.code, t.lines.comment, t.lines.blank,
                       t.lines.lines(), t.bytes, t.functions, t.ccn_max, t.mean_ccn());
  };
  switch (summary.group_by) {
    case model::GroupBy::language:
      out.write("language,files,code,comment,blank,lines,bytes,functions,max_ccn,mean_ccn,hazards\n");
      for (const auto& row : summary.rows)
        out.print("{},{},{},{}\n", util::csv_field(row.key), row.totals.files, counts(row.totals), hazards(row.totals));
      break;
    case model::GroupBy::directory:
      out.write("directory,files,code,comment,blank,lines,bytes,functions,max_ccn,mean_ccn,hazards\n");
      for (const auto& row : summary.rows)
        out.print("{},{},{},{}\n", util::csv_field(row.key), row.totals.files, counts(row.totals), hazards(row.totals));
      break;
    case model::GroupBy::file:
      out.write("path,language,code,comment,blank,lines,bytes,functions,max_ccn,mean_ccn,hash,hazards\n");
      for (const auto& row : summary.rows)
        out.print("{},{},{},{},{}\n", util::csv_field(row.key), discover::language_key(row.file->facts.language),
                  counts(row.totals), util::hash_hex(row.file->facts.hash), hazards(row.totals));
      break;
  }
}

}  // namespace oxidize::report
