#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/options.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/scan_flags.hpp"
#include "oxidize/cli/store_flags.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/report/baseline.hpp"
#include "oxidize/report/hazards_report.hpp"
#include "oxidize/report/rules_report.hpp"
#include "oxidize/model/hazard_selection.hpp"
#include "oxidize/util/file_reader.hpp"
#include "oxidize/util/stopwatch.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::cli {

namespace {

struct HazardsArgs {
  ScanFlags scan;
  StoreFlags store;
  std::string format = "table";
  std::string min_severity = "low";
  std::string min_confidence = "medium";
  std::vector<std::string> rules;
  std::vector<std::string> exclude_rules;
  bool show_suppressed = false;
  std::string baseline;
  bool list_rules = false;
  std::string sort = "path";
  std::size_t top = 0;  // 0: all
};

// What the renderers of `hazards` read.
struct HazardsView {
  const report::HazardsReport& report;
  bool color;
};

// SARIF over GitHub's limit leaves results out: said on stderr before writing.
void render_sarif(util::Output& out, const HazardsView& v) {
  const std::size_t results = v.report.selection.rows.size();
  if (const std::size_t dropped = report::sarif_results_dropped(results); dropped > 0) {
    print_warning({"", fmt::format("SARIF: {} of {} results left out (GitHub code scanning takes at most {} per "
                                   "run); the least severe and least confident ones went first",
                                   util::with_thousands(dropped), util::with_thousands(results),
                                   util::with_thousands(report::k_sarif_max_results))});
  }
  report::hazards_sarif(out, v.report);
}

// What --format accepts, and the renderer of each.
constexpr std::array<OutputFormat<HazardsView>, 4> k_hazards_formats = {{
    {"table", [](util::Output& out, const HazardsView& v) { report::hazards_table(out, v.report, {v.color}); }},
    {"json", [](util::Output& out, const HazardsView& v) { report::hazards_json(out, v.report); }},
    {"csv", [](util::Output& out, const HazardsView& v) { report::hazards_csv(out, v.report); }},
    {"sarif", render_sarif},
}};

constexpr const char* k_hazards_examples = R"(
Examples:
  oxidize hazards                              findings here, most useful first in the summary
  oxidize hazards src --min-severity high      only high and critical findings
  oxidize hazards . --rules OXI-C0001,OXI-C0004
  oxidize hazards . --rules OXI-R              the Rust unsafe inventory only
  oxidize hazards . --format sarif > oxidize.sarif          for code scanning
  oxidize hazards . --baseline oxidize.sarif   only what is new since then
  oxidize hazards . --sort severity --top 20  the 20 most severe findings, most confident first
  oxidize hazards --list-rules                 every rule: id, severity, confidence, CWE
  oxidize hazards --list-rules --format json   the rule table with its texts, for programs
  oxidize hazards --snapshot latest            the findings of the last stored scan, no scanning

The exit code is 0 whatever is found (a gate is a separate command).
Rules and their refinements: docs/rules.md. JSON, CSV and SARIF fields: docs/output.md.)";

// --list-rules: the rule table in the formats that suit a table of rules.
constexpr std::array<OutputFormat<model::RuleSet>, 3> k_rules_formats = {{
    {"table", report::rules_table},
    {"json", report::rules_json},
    {"csv", report::rules_csv},
}};

tl::expected<model::Baseline, std::string> read_baseline(const std::string& path) {
  util::FileReader reader(std::size_t{1} << 31);
  const auto text = reader.read(AT_FDCWD, path.c_str(), true);
  if (!text) return tl::unexpected(fmt::format("{}: {}", path, text.error().message));
  auto baseline = report::parse_baseline(*text);
  if (!baseline) return tl::unexpected(fmt::format("{}: {}", path, baseline.error()));
  return baseline;
}

int run_hazards_command(const HazardsArgs& args) {
  const util::Stopwatch total_time;
  const auto rules = parse_rule_selection(args.rules, args.exclude_rules);
  if (!rules) {
    print_error(rules.error());
    return 2;
  }
  if (args.list_rules) {
    if (args.format == "sarif") {
      print_error("--list-rules prints a table, json or csv (the SARIF output carries the rules it uses)");
      return 2;
    }
    util::Output out(STDOUT_FILENO);
    find_format(k_rules_formats, args.format).render(out, *rules);
    return flush_output(out) ? 0 : 2;
  }
  const model::HazardSort sort = model::hazard_sort_from_name(args.sort).value_or(model::HazardSort::path);
  if (args.format == "sarif" && args.top != 0) {
    print_error("--top does not apply to SARIF: code scanning would close the alerts it leaves out (raise "
                "--min-severity or --min-confidence instead)");
    return 2;
  }

  model::HazardFilter filter;
  filter.rules = *rules;
  filter.min_severity = hazards::severity_from_name(args.min_severity).value_or(hazards::Severity::low);
  filter.min_confidence = hazards::confidence_from_name(args.min_confidence).value_or(hazards::Confidence::medium);
  filter.show_suppressed = args.show_suppressed;
  filter.scope = args.scan.scope();

  auto options = to_scan_options(args.scan);
  if (!options) {
    print_error(options.error());
    return 2;
  }
  options->hazards = true;
  const auto project = load_config(args.scan, *options);
  if (!project) {
    print_error(project.error());
    return 2;
  }
  // Read before the scan, so that a wrong path fails at once.
  std::optional<model::Baseline> baseline;
  if (!args.baseline.empty()) {
    auto read = read_baseline(args.baseline);
    if (!read) {
      print_error(read.error());
      return 2;
    }
    baseline = std::move(*read);
    filter.baseline = &*baseline;
  }

  auto scanned = scan_or_read(*options, args.scan, args.store, "hazards");
  if (!scanned) {
    print_error(scanned.error());
    return 2;
  }
  pipeline::ScanResult& run = *scanned;
  model::Snapshot& result = run.snapshot;

  // A snapshot an older oxidize stored carries its fingerprints: rendered
  // with their version, and never matched against a baseline of ours.
  const int fingerprints = fingerprint_version(result.info);
  if (baseline && fingerprints != hazards::k_fingerprint_version) {
    print_error(fmt::format("the snapshot's fingerprints are version {} (an older oxidize stored it), the baseline's "
                            "are version {}: they cannot match; scan again instead of --snapshot",
                            fingerprints, hazards::k_fingerprint_version));
    return 2;
  }

  const util::Stopwatch render_time;
  model::HazardSelection selection = model::select_hazards(result, filter);
  model::sort_hazard_rows(selection, sort);
  model::cut_hazard_rows(selection, args.top);
  // The Rust unsafe inventory goes with the table and JSON when a Rust rule is selected.
  std::optional<model::RustUnsafeSummary> rust_unsafe;
  bool rust_rules = false;
  for (const auto& rule : hazards::all_rules())
    rust_rules = rust_rules || (rule.language == hazards::RuleLanguage::rust &&
                                filter.rules.test(static_cast<std::size_t>(rule.key)));
  if (rust_rules && (args.format == "table" || args.format == "json"))
    rust_unsafe = model::summarize_rust_unsafe(result, filter.scope);
  const report::HazardsReport report{result,
                                     selection,
                                     filter,
                                     result.info.tree,
                                     project->hazards.rules_doc_uri,
                                     args.baseline,
                                     rust_unsafe ? &*rust_unsafe : nullptr,
                                     fingerprints,
                                     args.sort,
                                     args.top};
  util::Output out(STDOUT_FILENO);
  find_format(k_hazards_formats, args.format).render(out, {report, use_color(stdout)});
  run.perf.push_back({"select+render", render_time.seconds()});
  const int rc = finish_command(out, run, args.scan, options->threads, total_time.seconds());
  keep_until_exit(std::move(*scanned));
  return rc;
}

}  // namespace

std::function<int()> add_hazards_command(CLI::App& app) {
  auto args = std::make_shared<HazardsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "hazards", "Memory-safety hazards: each finding with its rule, CWE, severity, confidence and source line");
  cmd->footer(k_hazards_examples);
  add_scan_flags(*cmd, args->scan);
  add_config_flag(*cmd, args->scan);
  add_store_read_flags(*cmd, args->store);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_hazards_formats)))
      ->capture_default_str();
  cmd->add_option("--min-severity", args->min_severity, "Hide findings less severe than this")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}))
      ->capture_default_str();
  cmd->add_option("--min-confidence", args->min_confidence,
                  "Hide findings less sure than this (low-confidence ones are opt-in: --min-confidence low)")
      ->check(CLI::IsMember({"low", "medium", "high"}))
      ->capture_default_str();
  cmd->add_option("--rules", args->rules,
                  "Only these rules: ids or id prefixes, comma-separated (OXI-C0001,OXI-R selects one C rule and "
                  "every Rust rule)")
      ->type_name("ID,...");
  cmd->add_option("--exclude-rules", args->exclude_rules, "Leave out these rules (ids or id prefixes)")
      ->type_name("ID,...");
  cmd->add_flag("--show-suppressed", args->show_suppressed,
                "Also list findings suppressed with oxidize:ignore[...] (always counted in the summary)");
  cmd->add_option("--baseline", args->baseline,
                  "A previous JSON or SARIF output of oxidize hazards: show only findings not in it (matched by "
                  "path and fingerprint)")
      ->type_name("FILE");
  cmd->add_option("--sort", args->sort,
                  "Order of the findings: path (path, line, column, rule), severity, confidence, rule or function; "
                  "ties in path order")
      ->check(CLI::IsMember({"path", "severity", "confidence", "rule", "function"}))
      ->capture_default_str();
  cmd->add_option("--top", args->top,
                  "List only the first N findings after filtering and sorting (0: all; the summary counts every "
                  "one; not with --format sarif)")
      ->check(CLI::NonNegativeNumber)
      ->type_name("N");
  cmd->add_flag("--list-rules", args->list_rules,
                "Print the rules (after --rules/--exclude-rules) as a table, json or csv (--format) and exit");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_hazards_command(*args);
  };
}

}  // namespace oxidize::cli
