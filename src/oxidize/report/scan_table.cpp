#include <fmt/format.h>

#include <algorithm>

#include "oxidize/report/report.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::report {

namespace {

std::string row_label(const model::Summary& summary, const model::Row& row) {
  if (summary.group_by == model::GroupBy::language) {
    if (const auto lang = discover::language_from_key(row.key))
      return std::string(discover::language_name(*lang));
  }
  return util::escape_for_terminal(row.key);
}

// Display width of a UTF-8 string, in code points (good enough for paths).
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  }));
}

std::string pad_right(const std::string& s, std::size_t w) {
  const std::size_t have = width(s);
  return have >= w ? s : s + std::string(w - have, ' ');
}

// The Hazards column appears when the hazard pass ran (not with --no-hazards).
std::string totals_line(const std::string& label, std::size_t label_width, const model::Totals& t, bool hazards) {
  using util::with_thousands;
  std::string line = fmt::format("{} {:>8} {:>12} {:>12} {:>12} {:>12} {:>14}", pad_right(label, label_width),
                                 with_thousands(t.files), with_thousands(t.lines.code),
                                 with_thousands(t.lines.comment), with_thousands(t.lines.blank),
                                 with_thousands(t.lines.lines()), with_thousands(t.bytes));
  if (hazards) line += fmt::format(" {:>9}", with_thousands(t.hazards.findings));
  return line + "\n";
}

// Counted at medium or high confidence, as `oxidize hazards` lists them by default:
// "Hazards: 1,234 findings (12 critical, 300 high, 900 medium, 22 low); 5 suppressed; ..."
std::string hazards_line(const model::HazardTotals& h) {
  if (h.findings == 0 && h.suppressed == 0) return "Hazards: no findings at medium or high confidence\n";
  std::string line = fmt::format("Hazards: {} finding{}", util::with_thousands(h.findings), h.findings == 1 ? "" : "s");
  if (h.findings > 0) {
    std::string parts;
    for (std::size_t s = h.by_severity.size(); s-- > 0;) {
      if (!parts.empty()) parts += ", ";
      parts += fmt::format("{} {}", util::with_thousands(h.by_severity[s]),
                           hazards::severity_name(static_cast<hazards::Severity>(s)));
    }
    line += " (" + parts + ")";
  }
  if (h.suppressed > 0) line += fmt::format("; {} suppressed", util::with_thousands(h.suppressed));
  return line + "; oxidize hazards lists them\n";
}

// "Unsafe constructs (inventory, not findings): 40 raw-new, 30 raw-delete; ..."
std::string inventory_line(const model::HazardTotals& h) {
  std::string parts;
  for (const auto& r : hazards::all_rules()) {
    const std::uint64_t n = h.inventory[static_cast<std::size_t>(r.key)];
    if (n == 0) continue;
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} {}", util::with_thousands(n), r.name);
  }
  if (parts.empty()) return {};
  return "Unsafe constructs (inventory, not findings): " + parts +
         "; oxidize hazards --min-confidence low lists them\n";
}

}  // namespace

void scan_table(util::Output& out, const model::Snapshot& scan, const model::Summary& summary, TableStyle style) {
  std::string first_header = summary.group_by == model::GroupBy::language    ? "Language"
                             : summary.group_by == model::GroupBy::directory ? "Directory"
                                                                            : "File";
  std::vector<std::string> labels;
  labels.reserve(summary.rows.size());
  std::size_t label_width = std::max<std::size_t>(first_header.size(), 12);
  for (const auto& row : summary.rows) {
    labels.push_back(row_label(summary, row));
    label_width = std::max(label_width, width(labels.back()));
  }
  std::string header = fmt::format("{} {:>8} {:>12} {:>12} {:>12} {:>12} {:>14}",
                                   pad_right(first_header, label_width), "Files", "Code", "Comment", "Blank",
                                   "Lines", "Bytes");
  if (summary.hazards) header += fmt::format(" {:>9}", "Hazards");
  const std::string rule(width(header), '-');
  out.write(style.color ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n");
  out.write(rule + "\n");
  for (std::size_t i = 0; i < summary.rows.size(); ++i)
    out.write(totals_line(labels[i], label_width, summary.rows[i].totals, summary.hazards));
  out.write(rule + "\n");
  out.write(totals_line("Total", label_width, summary.counted, summary.hazards));
  const model::Totals& counted = summary.counted;
  if (counted.functions > 0) {
    out.print(
        "Functions: {}, mean CCN {:.1f}, max CCN {}; {:.1f}% of function code is in functions with CCN > {}\n",
        util::with_thousands(counted.functions), counted.mean_ccn(), counted.ccn_max,
        100.0 * counted.complex_nloc_share(), summary.ccn_threshold);
  }
  if (summary.hazards) {
    out.write(hazards_line(counted.hazards));
    out.write(inventory_line(counted.hazards));
  }

  const auto apart = [&](std::string_view what, const model::Totals& t, std::string_view flag, bool included) {
    if (t.files == 0) return;
    if (included) {
      out.print("Included in the totals: {} {} file{} ({} code lines), as {} asks\n", util::with_thousands(t.files),
                what, t.files == 1 ? "" : "s", util::with_thousands(t.lines.code), flag);
    } else {
      out.print("Excluded from the totals: {} {} file{} ({} code lines); {} counts them\n",
                util::with_thousands(t.files), what, t.files == 1 ? "" : "s", util::with_thousands(t.lines.code), flag);
    }
  };
  apart("vendored", summary.vendored, "--include-vendored", summary.scope.include_vendored);
  apart("generated", summary.generated, "--include-generated", summary.scope.include_generated);

  std::string skipped;
  for (std::size_t i = 0; i < scan.skipped.size(); ++i) {
    if (scan.skipped[i] == 0) continue;
    if (!skipped.empty()) skipped += ", ";
    skipped += fmt::format("{} {}", util::with_thousands(scan.skipped[i]),
                           discover::skip_key(static_cast<discover::Skip>(i)));
  }
  if (!skipped.empty()) out.write("Skipped: " + skipped + "\n");
}

}  // namespace oxidize::report
