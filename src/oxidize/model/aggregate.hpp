#pragma once
// Grouping file records into the rows a report shows: by language (the
// default), by directory (optionally cut to a depth), or one row per file.
// Excluded (vendored, generated) files never enter the counted rows; they are
// summed separately so that reports can show them apart.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "oxidize/model/scope.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::model {

enum class GroupBy { language, directory, file };

// Hazard findings counted as `oxidize hazards` shows them by default: at
// medium or high confidence, outside the files oxidize.toml excludes.
struct HazardTotals {
  std::uint64_t findings = 0;  // not suppressed
  std::array<std::uint64_t, 4> by_severity{};  // indexed by hazards::Severity
  std::uint64_t suppressed = 0;
  // Inventory constructs (hazards::is_inventory: raw new/delete, casts,
  // alloca, VLAs) by rule, at any confidence, suppressed ones included.
  std::array<std::uint64_t, static_cast<std::size_t>(hazards::RuleId::count_)> inventory{};

  void add(const FileRecord& f) {
    if (f.hazards_excluded) return;
    for (const auto& h : f.facts.hazards) {
      if (hazards::is_inventory(h.rule)) ++inventory[static_cast<std::size_t>(h.rule)];
      if (h.confidence < hazards::Confidence::medium) continue;
      if (h.suppressed) {
        ++suppressed;
      } else {
        ++findings;
        ++by_severity[static_cast<std::size_t>(h.rule_info().severity)];
      }
    }
  }
};

struct Totals {
  std::uint64_t files = 0;
  lex::LineCounts lines;
  std::uint64_t bytes = 0;
  // Functions: how many, their complexity, and how much of their code sits
  // in functions above the complexity threshold.
  std::uint64_t functions = 0;
  std::uint64_t ccn_sum = 0;
  std::uint32_t ccn_max = 0;
  std::uint64_t function_nloc = 0;
  std::uint64_t complex_nloc = 0;
  HazardTotals hazards;

  void add(const FileRecord& f, std::uint32_t ccn_threshold) {
    ++files;
    lines += f.facts.lines;
    bytes += f.facts.bytes;
    for (const auto& fn : f.facts.functions) {
      ++functions;
      ccn_sum += fn.ccn;
      ccn_max = std::max(ccn_max, fn.ccn);
      function_nloc += fn.nloc;
      if (fn.ccn > ccn_threshold) complex_nloc += fn.nloc;
    }
    hazards.add(f);
  }
  double mean_ccn() const { return functions == 0 ? 0.0 : static_cast<double>(ccn_sum) / static_cast<double>(functions); }
  double complex_nloc_share() const {
    return function_nloc == 0 ? 0.0 : static_cast<double>(complex_nloc) / static_cast<double>(function_nloc);
  }
};

struct Row {
  std::string key;  // language key ("cpp_header"), directory ("." for the root), or file path
  const FileRecord* file = nullptr;  // set when grouping by file
  Totals totals;
};

struct Summary {
  GroupBy group_by = GroupBy::language;
  unsigned depth = 0;  // 0: full directory paths
  std::uint32_t ccn_threshold = 15;
  bool hazards = false;  // the hazard pass ran (off with --no-hazards): reports show its counts
  std::vector<Row> rows;
  Totals counted;
  // Vendored and generated files, whether the scope counts them (then they
  // are in `counted` too) or leaves them out.
  Totals vendored;
  Totals generated;
  Scope scope;  // which of them `counted` includes
};

// depth applies to GroupBy::directory only. Files the scope leaves out are
// totalled apart (vendored, generated); included, they count like any other.
Summary summarize(const Snapshot& scan, GroupBy by, unsigned depth, Scope scope, std::uint32_t ccn_threshold = 15);

// The directory key of a path at a depth: ("a/b/c.c", 1) -> "a", (.., 0) -> "a/b";
// a file at the root -> ".".
std::string directory_key(std::string_view path, unsigned depth);

}  // namespace oxidize::model
