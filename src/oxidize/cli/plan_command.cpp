// `oxidize plan [PATH] --team N --start DATE [--assumptions FILE]`: the
// memory-safety roadmap (plan/), from the structure scan with history, the
// risk ranking (risk/), the components' interfaces and the external
// dependencies, as Markdown or JSON.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/output_formats.hpp"
#include "oxidize/cli/structure_scan.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/model/hazard_selection.hpp"
#include "oxidize/plan/roadmap.hpp"
#include "oxidize/report/plan_report.hpp"
#include "oxidize/risk/hotspots.hpp"
#include "oxidize/structure/external_deps.hpp"
#include "oxidize/util/date.hpp"
#include "oxidize/util/file_reader.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

constexpr std::size_t k_max_assumptions_bytes = std::size_t{1} << 20;

struct PlanArgs {
  StructureFlags structure;
  std::string format = "markdown";
  int team = 0;  // 0: not given
  std::string start;
  std::string assumptions;
  bool no_history = false;
};

constexpr std::array<OutputFormat<report::PlanView>, 2> k_plan_formats = {{
    {"markdown", [](util::Output& out, const report::PlanView& v) { report::plan_markdown(out, v); }},
    {"json", [](util::Output& out, const report::PlanView& v) { report::plan_json(out, v); }},
}};

constexpr const char* k_plan_examples = R"(
Examples:
  oxidize plan ~/src/curl --team 4 --start 2027-01-04 > roadmap.md
  oxidize plan . --team 6 --start 2027-02-01 --assumptions ours.toml
  oxidize plan . --team 4 --start 2027-01-04 --format json > roadmap.json

An assumptions file sets the team, the start and any assumption:
  team = 4
  start = 2027-01-04
  [assumptions]
  port_lines_per_person_day = 30
  breach_probability = 0.01
Every assumption, its default, its range and its source: docs/economics.md.)";

// The assumptions: the defaults, the file, then the command line.
tl::expected<plan::Assumptions, std::string> read_assumptions(const PlanArgs& args) {
  plan::Assumptions a = plan::default_assumptions();
  if (!args.assumptions.empty()) {
    util::FileReader reader(k_max_assumptions_bytes);
    const auto text = reader.read(AT_FDCWD, args.assumptions.c_str(), true);
    if (!text) return tl::unexpected(fmt::format("{}: {}", args.assumptions, text.error().message));
    auto parsed = plan::parse_assumptions(*text, args.assumptions, std::move(a));
    if (!parsed) return tl::unexpected(parsed.error());
    a = std::move(*parsed);
  }
  if (args.team != 0) {
    if (args.team < 1) return tl::unexpected(fmt::format("--team must be at least 1 engineer, not {}", args.team));
    a.team = static_cast<unsigned>(args.team);
  }
  if (!args.start.empty()) {
    const auto start = util::parse_date(args.start);
    if (!start) return tl::unexpected("--start must be a date, YYYY-MM-DD: '" + args.start + "'");
    a.start = start;
  }
  if (a.team == 0) return tl::unexpected(std::string("the team size is needed: --team N (or team = N in the assumptions file)"));
  if (!a.start) return tl::unexpected(std::string("the start date is needed: --start YYYY-MM-DD (or start = ... in the assumptions file)"));
  return a;
}

// The findings `oxidize hazards` shows by default (model/hazard_selection),
// by CWE, most first.
std::vector<std::pair<std::string, std::uint64_t>> cwe_counts(const model::Snapshot& s, model::Scope scope,
                                                              std::uint64_t& findings) {
  model::HazardFilter filter;
  filter.scope = scope;
  const model::HazardCounts counts = model::select_hazards(s, filter).counts;
  findings = counts.findings;
  std::map<std::string, std::uint64_t> by;
  for (std::size_t r = 0; r < model::k_rule_count; ++r) {
    if (counts.by_rule[r] == 0) continue;
    const std::string_view cwe = hazards::rule(static_cast<hazards::RuleId>(r)).cwe;
    by[cwe.empty() ? std::string("(Rust unsafe inventory)") : std::string(cwe)] += counts.by_rule[r];
  }
  std::vector<std::pair<std::string, std::uint64_t>> out(by.begin(), by.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

int run_plan_command(PlanArgs args) {
  const util::Stopwatch total_time;
  auto assumptions = read_assumptions(args);
  if (!assumptions) {
    print_error(assumptions.error());
    return 2;
  }
  args.structure.history = !args.no_history;
  auto run = run_structure(args.structure);
  if (!run) {
    print_error(run.error());
    return 2;
  }
  StructureRun& r = **run;
  const model::Snapshot& snapshot = r.scan.snapshot;
  if (snapshot.history && *assumptions->start < snapshot.history->info.now - model::k_seconds_per_day) {
    print_error(fmt::format("--start {} is before the end of the history ({}): a plan starts after the code it plans for",
                            util::format_date(*assumptions->start), util::format_date(snapshot.history->info.now)));
    return 2;
  }

  const util::Stopwatch plan_time;
  const auto scope = args.structure.scan.scope();
  const risk::Hotspots hotspots = risk::rank_hotspots(snapshot, r.components, risk::weights_from_config(r.project.risk), scope);
  auto summaries = structure::summarize_components(snapshot, r.components, r.includes, r.calls);
  structure::add_interfaces(summaries, structure::describe_interfaces(snapshot, r.components, r.includes, r.calls));
  std::vector<structure::BuildMention> mentions;
  for (const auto& file : r.build_files) {
    auto scanned = structure::scan_build_file(file.path, file.text);
    mentions.insert(mentions.end(), std::make_move_iterator(scanned.mentions.begin()),
                    std::make_move_iterator(scanned.mentions.end()));
  }
  const structure::ExternalDeps deps =
      structure::find_external_deps(structure::unresolved_includes(snapshot, r.includes), mentions);
  double test_share = 0;
  auto facts = plan::component_facts(snapshot, r.components, hotspots, summaries, *assumptions, &test_share);
  const plan::Roadmap roadmap =
      plan::build_roadmap(std::move(facts), *assumptions, snapshot.history.has_value(), test_share);
  r.scan.perf.push_back({"plan", plan_time.seconds()});
  if (roadmap.c_lines == 0)
    print_warning({"", "no C or C++ code in the scope: the plan has nothing to port or harden"});

  std::uint64_t findings = 0;
  std::error_code ec;
  const std::string root = args.structure.scan.paths.empty() ? "." : args.structure.scan.paths.front();
  std::string name = std::filesystem::weakly_canonical(std::filesystem::absolute(root, ec), ec).filename().string();
  if (name.empty()) name = root;
  report::PlanView view{roadmap, snapshot, deps, cwe_counts(snapshot, scope, findings), 0, name, args.assumptions};
  view.findings = findings;
  util::Output out(STDOUT_FILENO);
  find_format(k_plan_formats, args.format).render(out, view);
  const int rc = finish_command(out, r.scan, args.structure.scan, r.threads, total_time.seconds());
  keep_until_exit(std::move(*run));
  return rc;
}

}  // namespace

std::function<int()> add_plan_command(CLI::App& app) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "The memory-safety roadmap: strategy per component, phases with dates, costs and savings, the date "
              "new code becomes Rust");
  cmd->footer(k_plan_examples);
  add_structure_flags(*cmd, args->structure);
  cmd->add_option("--team", args->team, "Engineers on the migration (or team = N in the assumptions file)")
      ->type_name("N");
  cmd->add_option("--start", args->start, "The plan's first day, YYYY-MM-DD (or start = ... in the assumptions file)")
      ->type_name("DATE");
  cmd->add_option("--assumptions", args->assumptions, "A TOML file of team, start and [assumptions] (docs/economics.md)")
      ->type_name("FILE");
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(format_names(k_plan_formats)))
      ->capture_default_str();
  cmd->add_flag("--no-history", args->no_history, "Do not read the git history (code ages are then assumed)");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_plan_command(*args);
  };
}

}  // namespace oxidize::cli
