#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "oxidize/report/hazards_report.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::report {

namespace {

constexpr std::size_t k_top_rules = 10;

struct Colors {
  bool on;
  std::string_view wrap(std::string_view code) const { return on ? code : std::string_view(); }
  std::string_view bold() const { return wrap("\x1b[1m"); }
  std::string_view dim() const { return wrap("\x1b[2m"); }
  std::string_view reset() const { return wrap("\x1b[0m"); }
  std::string_view severity(hazards::Severity s) const {
    switch (s) {
      case hazards::Severity::critical: return wrap("\x1b[1;31m");
      case hazards::Severity::high: return wrap("\x1b[31m");
      case hazards::Severity::medium: return wrap("\x1b[33m");
      case hazards::Severity::low: return wrap("\x1b[36m");
    }
    return {};
  }
};

// One finding, compiler style (the location first, so that terminals and
// editors can jump to it), then its source line:
//   src/a.c:12:5: high OXI-C0001 strcpy-unbounded (CWE-120) in copy_name: message [confidence medium]
//      12 | strcpy(dst, src);
void finding_lines(util::Output& out, const model::HazardRow& row, const Colors& c) {
  const hazards::Finding& f = *row.finding;
  const hazards::Rule& rule = f.rule_info();
  out.print("{}{}:{}:{}:{} {}{}{} {} {}", c.bold(), util::escape_for_terminal(row.file->path), f.line, f.column,
            c.reset(), c.severity(rule.severity), hazards::severity_name(rule.severity), c.reset(), rule.id,
            rule.name);
  if (!rule.cwe.empty()) out.print(" ({})", rule.cwe);
  if (!f.function.empty()) out.print(" in {}", util::escape_for_terminal(f.function));
  out.print(": {}", util::escape_for_terminal(f.message));
  out.print(" [confidence {}]", hazards::confidence_name(f.confidence));
  if (f.suppressed) {
    if (f.suppression_reason.empty())
      out.write(" (suppressed)");
    else
      out.print(" (suppressed: {})", util::escape_for_terminal(f.suppression_reason));
  }
  out.write('\n');
  if (!f.snippet.empty())
    out.print("{}{:>7} |{} {}\n", c.dim(), f.line, c.reset(), util::source_line_for_terminal(f.snippet));
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", util::with_thousands(n), n == 1 ? one : many);
}

}  // namespace

void hazards_table(util::Output& out, const HazardsReport& report, TableStyle style) {
  const Colors c{style.color};
  const model::HazardCounts& n = report.selection.counts;
  const model::HazardFilter& filter = report.filter;
  for (const auto& row : report.selection.rows) finding_lines(out, row, c);
  if (!report.selection.rows.empty()) out.write('\n');

  // The summary: what is shown, then everything that is not and why.
  std::string severities;
  for (std::size_t s = model::k_severity_count; s-- > 0;) {
    if (!severities.empty()) severities += ", ";
    severities += fmt::format("{} {}", util::with_thousands(n.by_severity[s]),
                              hazards::severity_name(static_cast<hazards::Severity>(s)));
  }
  if (n.findings == 0) {
    out.print("{}Hazards: no findings{}\n", c.bold(), c.reset());
  } else {
    out.print("{}Hazards: {} in {} ({}){}\n", c.bold(), plural(n.findings, "finding", "findings"),
              plural(n.files, "file", "files"), severities, c.reset());
  }

  std::vector<std::size_t> rules(model::k_rule_count);
  std::iota(rules.begin(), rules.end(), 0);
  std::stable_sort(rules.begin(), rules.end(), [&](std::size_t a, std::size_t b) { return n.by_rule[a] > n.by_rule[b]; });
  const auto used = static_cast<std::size_t>(std::count_if(rules.begin(), rules.end(), [&](std::size_t r) { return n.by_rule[r] != 0; }));
  if (used > 0) {
    if (used > k_top_rules)
      out.print("Top {} rules of {}:\n", k_top_rules, used);
    else
      out.write("By rule:\n");
    for (std::size_t i = 0; i < std::min(used, k_top_rules); ++i) {
      const hazards::Rule& rule = hazards::rule(static_cast<hazards::RuleId>(rules[i]));
      out.print("  {:>8}  {}  {:<28} {}\n", util::with_thousands(n.by_rule[rules[i]]), rule.id, rule.name,
                hazards::severity_name(rule.severity));
    }
  }

  if (report.rust_unsafe != nullptr) rust_unsafe_table(out, *report.rust_unsafe);
  if (report.selection.beyond_top > 0) {
    out.print("Listed: the first {} by {} (--top); {} more not listed\n",
              util::with_thousands(report.selection.rows.size()), report.sort,
              util::with_thousands(report.selection.beyond_top));
  }
  if (n.suppressed > 0) {
    out.print("Suppressed in the source: {}{}\n", util::with_thousands(n.suppressed),
              filter.show_suppressed ? " (listed above)" : " (--show-suppressed lists them)");
  }
  if (!report.baseline_path.empty()) {
    out.print("In the baseline {}: {} (not shown)\n", util::escape_for_terminal(report.baseline_path),
              plural(n.baseline_matched, "finding", "findings"));
  }
  std::string hidden;
  const auto note = [&](std::uint64_t count, const std::string& why) {
    if (count == 0) return;
    if (!hidden.empty()) hidden += "; ";
    hidden += fmt::format("{} {}", util::with_thousands(count), why);
  };
  note(n.below_min_confidence,
       fmt::format("below --min-confidence {}", hazards::confidence_name(filter.min_confidence)));
  note(n.below_min_severity, fmt::format("below --min-severity {}", hazards::severity_name(filter.min_severity)));
  note(n.rule_not_selected, "of rules not selected");
  note(n.excluded_by_config, "in files excluded by oxidize.toml");
  note(n.excluded_vendored, "in vendored files (--include-vendored)");
  note(n.excluded_generated, "in generated files (--include-generated)");
  if (!hidden.empty()) out.write("Not shown: " + hidden + "\n");
}

std::string hazards_table(const HazardsReport& report, TableStyle style) {
  util::StringOutput out;
  hazards_table(out, report, style);
  return out.text();
}

}  // namespace oxidize::report
