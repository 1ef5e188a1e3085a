#include "oxidize/risk/hotspots.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "oxidize/risk/exposure.hpp"
#include "oxidize/risk/ffi_surface.hpp"
#include "oxidize/risk/path_role.hpp"

namespace oxidize::risk {

namespace {

// The functions of one file's history by name (then line), to find each
// function's own: same name, nearest start line. Sorted once per file, so
// a file of many functions costs n log n, not n^2.
class FunctionHistoryIndex {
 public:
  // `file` may be null (no history for the file): nothing is found.
  explicit FunctionHistoryIndex(const model::FileHistory* file) {
    if (file == nullptr) return;
    sorted_.reserve(file->functions.size());
    for (const auto& h : file->functions) sorted_.push_back(&h);
    std::sort(sorted_.begin(), sorted_.end(), [](const model::FunctionHistory* a, const model::FunctionHistory* b) {
      return a->name != b->name ? a->name < b->name : a->start_line < b->start_line;
    });
  }

  const model::FunctionHistory* find(const parse::FunctionFacts& f) const {
    auto it = std::lower_bound(sorted_.begin(), sorted_.end(), f.name,
                               [](const model::FunctionHistory* h, const std::string& name) { return h->name < name; });
    const model::FunctionHistory* best = nullptr;
    std::uint32_t best_distance = 0;
    for (; it != sorted_.end() && (*it)->name == f.name; ++it) {
      const std::uint32_t s = (*it)->start_line;
      const std::uint32_t d = s > f.start_line ? s - f.start_line : f.start_line - s;
      if (best == nullptr || d < best_distance) {
        best = *it;
        best_distance = d;
      }
    }
    return best;
  }

 private:
  std::vector<const model::FunctionHistory*> sorted_;
};

// The function a finding is in: its name, the line inside its range. The
// functions are in file order; a few candidates back from the last one
// starting at or before the line cover nested definitions (a local class).
// When the parser reported them out of line order (inner definitions
// first), every function is tried.
std::size_t enclosing_function(const std::vector<parse::FunctionFacts>& functions, bool in_line_order,
                               const hazards::Finding& finding) {
  if (!in_line_order) {
    for (std::size_t k = 0; k < functions.size(); ++k)
      if (finding.line >= functions[k].start_line && finding.line <= functions[k].end_line &&
          finding.function == functions[k].name)
        return k;
    return functions.size();
  }
  auto it = std::upper_bound(functions.begin(), functions.end(), finding.line,
                             [](std::uint32_t line, const parse::FunctionFacts& f) { return line < f.start_line; });
  for (int tries = 0; it != functions.begin() && tries < 8; ++tries) {
    --it;
    if (finding.line <= it->end_line && finding.function == it->name)
      return static_cast<std::size_t>(it - functions.begin());
  }
  return functions.size();
}

void add_history(RiskFacts& facts, const model::ChangeFacts& change, const model::AgeFacts& age) {
  facts.history = true;
  facts.fixes = change.fix_commits;
  facts.security_fixes = change.security_fix_commits;
  facts.churn_12m = static_cast<double>(change.churn_12m);
  facts.young_share = age.young_share;
}

bool ranks_before(double a_score, std::string_view a_path, std::uint32_t a_line, double b_score,
                  std::string_view b_path, std::uint32_t b_line) {
  if (a_score != b_score) return a_score > b_score;
  if (a_path != b_path) return a_path < b_path;
  return a_line < b_line;
}

}  // namespace

RiskWeights weights_from_config(const config::RiskConfig& config) {
  RiskWeights w;
  for (const auto& [name, value] : config.weights) {
    if (name == "complexity") w.complexity = value;
    else if (name == "hazards") w.hazards = value;
    else if (name == "exposure") w.exposure = value;
    else if (name == "ffi") w.ffi = value;
    else if (name == "fixes") w.fixes = value;
    else if (name == "security_fixes") w.security_fixes = value;
    else if (name == "churn") w.churn = value;
    else if (name == "young") w.young = value;
    else if (name == "size") w.size = value;
    else if (name == "non_product") w.non_product = value;
  }
  return w;
}

double hazard_points(const hazards::Finding& finding) {
  double severity = 1;
  switch (finding.rule_info().severity) {
    case hazards::Severity::low: severity = 1; break;
    case hazards::Severity::medium: severity = 2; break;
    case hazards::Severity::high: severity = 3; break;
    case hazards::Severity::critical: severity = 4; break;
  }
  double confidence = 1;
  switch (finding.confidence) {
    case hazards::Confidence::low: confidence = 0.25; break;
    case hazards::Confidence::medium: confidence = 0.5; break;
    case hazards::Confidence::high: confidence = 1; break;
  }
  return severity * confidence;
}

Hotspots rank_hotspots(const model::Snapshot& snapshot, const structure::Components& components,
                       const RiskWeights& weights, model::Scope scope) {
  Hotspots out;
  const model::History* history = snapshot.history ? &*snapshot.history : nullptr;
  out.history = history != nullptr;
  const ForeignImports imports(snapshot);

  for (std::uint32_t fi = 0; fi < snapshot.files.size(); ++fi) {
    const model::FileRecord& record = snapshot.files[fi];
    const model::FileFacts& facts = record.facts;
    if (!scope.counts(record) || facts.binary) continue;
    const PathRole role = path_role(record.path);
    const model::FileHistory* file_history = history ? history->file(record.path) : nullptr;
    const FunctionHistoryIndex function_history(file_history);

    // Per function: hazard points and exposure, from the findings and call sites.
    std::vector<double> points(facts.functions.size(), 0.0);
    std::vector<double> exposure(facts.functions.size(), 0.0);
    double file_points = 0;
    if (!record.hazards_excluded) {
      const bool in_line_order = std::is_sorted(
          facts.functions.begin(), facts.functions.end(),
          [](const parse::FunctionFacts& a, const parse::FunctionFacts& b) { return a.start_line < b.start_line; });
      for (const auto& finding : facts.hazards) {
        if (finding.suppressed) continue;
        const double p = hazard_points(finding);
        file_points += p;
        if (const std::size_t k = enclosing_function(facts.functions, in_line_order, finding); k < points.size()) points[k] += p;
      }
    }
    // Each callee name once (the file's names are unique), then each call.
    const bool rust = facts.language == discover::Language::rust;
    const parse::NameList& names = facts.structure.names;
    std::vector<char> exposing(names.size());
    std::vector<char> foreign(names.size());
    for (std::size_t n = 0; n < names.size(); ++n) {
      exposing[n] = reads_input(names[n]) || parser_name(names[n]);
      foreign[n] = rust && imports.imported(names[n]);
    }
    double file_exposure = 0;
    double file_ffi = 0;
    std::vector<double> ffi(facts.functions.size(), 0.0);
    for (const auto& call : facts.structure.calls) {
      if (call.callee >= names.size()) continue;
      if (exposing[call.callee]) {
        file_exposure += 1;
        if (call.function < exposure.size()) exposure[call.function] += 1;
      }
      if (foreign[call.callee]) {
        file_ffi += 1;
        if (call.function < ffi.size()) ffi[call.function] += 1;
      }
    }
    // Safe Rust is no memory-safety hotspot: of a Rust file only the unsafe
    // functions and those with unsafe blocks are scored, and a Rust file
    // without them is left out.
    bool any_scored = !rust;
    double file_complexity = 0;
    for (std::size_t k = 0; k < facts.functions.size(); ++k) {
      const auto& f = facts.functions[k];
      if (rust && !f.is_unsafe && f.unsafe_blocks == 0) continue;
      any_scored = true;
      const double boundary = boundary_points(f, facts.language, imports);
      ffi[k] += boundary;
      file_ffi += boundary;
      // A switch counts once: a 1,000-case register table is one decision
      // of risk, not 1,000 (docs/risk.md measures both).
      file_complexity = std::max<double>(file_complexity, f.ccn_modified);
      if (parser_name(f.name)) {
        exposure[k] += 1;
        file_exposure += 1;
      }
      FunctionRisk fr;
      fr.file = fi;
      fr.function = static_cast<std::uint32_t>(k);
      fr.facts.code_lines = f.nloc;
      fr.facts.complexity = f.ccn_modified;
      fr.facts.hazard_points = points[k];
      fr.facts.exposure = exposure[k];
      fr.facts.ffi = ffi[k];
      fr.facts.role = role;
      if (const auto* h = function_history.find(f)) add_history(fr.facts, h->change, h->age);
      const RiskScore scored = score(fr.facts, weights);
      fr.score = scored.score;
      fr.mass = scored.mass;
      out.functions.push_back(std::move(fr));
    }

    if (!any_scored) continue;
    FileRisk file;
    file.file = fi;
    file.facts.code_lines = static_cast<double>(facts.lines.code);
    file.facts.complexity = file_complexity;
    file.facts.hazard_points = file_points;
    file.facts.exposure = file_exposure;
    file.facts.ffi = file_ffi;
    file.facts.role = role;
    if (file_history) add_history(file.facts, file_history->change, file_history->age);
    file.risk = score(file.facts, weights);
    out.files.push_back(std::move(file));
  }

  // Components: their files' masses summed, divided by the size factor of their lines.
  out.components.resize(components.list.size());
  for (std::uint32_t c = 0; c < components.list.size(); ++c) out.components[c].component = c;
  std::vector<std::vector<std::uint32_t>> members(components.list.size());
  for (std::uint32_t i = 0; i < out.files.size(); ++i) {
    const FileRisk& file = out.files[i];
    const std::uint32_t c = file.file < components.of_file.size() ? components.of_file[file.file] : structure::k_none;
    if (c == structure::k_none || c >= out.components.size()) continue;
    ComponentRisk& cr = out.components[c];
    cr.files += 1;
    cr.mass += file.risk.mass;
    cr.facts.code_lines += file.facts.code_lines;
    cr.facts.complexity = std::max(cr.facts.complexity, file.facts.complexity);
    cr.facts.hazard_points += file.facts.hazard_points;
    cr.facts.exposure += file.facts.exposure;
    cr.facts.ffi += file.facts.ffi;
    cr.facts.history = cr.facts.history || file.facts.history;
    cr.facts.fixes += file.facts.fixes;
    cr.facts.security_fixes += file.facts.security_fixes;
    cr.facts.churn_12m += file.facts.churn_12m;
    // The young share weighted by lines; divided once all files are in.
    cr.facts.young_share += file.facts.young_share * file.facts.code_lines;
    members[c].push_back(i);
  }
  for (std::uint32_t c = 0; c < out.components.size(); ++c) {
    ComponentRisk& cr = out.components[c];
    if (cr.facts.code_lines > 0) cr.facts.young_share /= cr.facts.code_lines;
    cr.score = cr.mass * size_factor(cr.facts.code_lines, weights);
    auto& m = members[c];
    std::stable_sort(m.begin(), m.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return out.files[a].risk.mass > out.files[b].risk.mass; });
    if (m.size() > 3) m.resize(3);
    cr.top_files = std::move(m);
  }
  std::erase_if(out.components, [](const ComponentRisk& c) { return c.files == 0; });

  // Most risky first; the top files of components name positions in the
  // sorted file list, so sort files first and map the indices.
  std::vector<std::uint32_t> order(out.files.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return ranks_before(out.files[a].risk.score, snapshot.files[out.files[a].file].path, 0, out.files[b].risk.score,
                        snapshot.files[out.files[b].file].path, 0);
  });
  std::vector<std::uint32_t> position(order.size());
  std::vector<FileRisk> sorted;
  sorted.reserve(order.size());
  for (std::uint32_t p = 0; p < order.size(); ++p) {
    position[order[p]] = p;
    sorted.push_back(std::move(out.files[order[p]]));
  }
  out.files = std::move(sorted);
  for (ComponentRisk& c : out.components)
    for (std::uint32_t& i : c.top_files) i = position[i];

  std::stable_sort(out.functions.begin(), out.functions.end(), [&](const FunctionRisk& a, const FunctionRisk& b) {
    return ranks_before(a.score, snapshot.files[a.file].path,
                        snapshot.files[a.file].facts.functions[a.function].start_line, b.score,
                        snapshot.files[b.file].path, snapshot.files[b.file].facts.functions[b.function].start_line);
  });
  std::stable_sort(out.components.begin(), out.components.end(), [&](const ComponentRisk& a, const ComponentRisk& b) {
    return ranks_before(a.score, components.list[a.component].name, 0, b.score, components.list[b.component].name, 0);
  });
  return out;
}

}  // namespace oxidize::risk
