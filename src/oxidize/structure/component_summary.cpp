#include "oxidize/structure/component_summary.hpp"

#include <algorithm>
#include <map>

namespace oxidize::structure {

std::vector<ComponentSummary> summarize_components(const model::Snapshot& snapshot, const Components& components,
                                                   const IncludeGraph& includes, const CallGraph& calls,
                                                   std::uint32_t ccn_threshold) {
  std::vector<ComponentSummary> out(components.list.size());
  std::vector<std::map<discover::Language, std::uint64_t>> languages(components.list.size());
  for (std::uint32_t c = 0; c < out.size(); ++c) out[c].component = c;
  for (std::uint32_t i = 0; i < snapshot.files.size(); ++i) {
    const std::uint32_t c = components.of_file[i];
    if (c == k_none) continue;
    const auto& file = snapshot.files[i];
    ComponentSummary& s = out[c];
    s.totals.add(file, ccn_threshold);
    languages[c][file.facts.language] += file.facts.lines.code;
    if (file.facts.language == discover::Language::rust) {
      for (const auto& fn : file.facts.functions) {
        ++s.rust_functions;
        if (fn.is_unsafe || fn.unsafe_blocks > 0) ++s.rust_unsafe_functions;
      }
    }
    for (const IncludeEdge& e : includes.of(i)) {
      if (e.to == k_no_file) continue;
      const std::uint32_t to = components.of_file[e.to];
      if (to != k_none && to != c) ++out[to].includes_in;
    }
    for (std::uint32_t k = calls.call_base[i]; k < calls.call_base[i + 1]; ++k) {
      if (calls.target[k] == k_no_target) continue;
      const std::uint32_t to = components.of_file[calls.function(calls.target[k]).file];
      if (to == k_none || to == c) continue;
      ++s.calls_out;
      ++out[to].calls_in;
    }
  }
  for (std::uint32_t c = 0; c < out.size(); ++c) {
    out[c].code_by_language.assign(languages[c].begin(), languages[c].end());
    std::stable_sort(out[c].code_by_language.begin(), out[c].code_by_language.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  return out;
}

void add_interfaces(std::vector<ComponentSummary>& rows, const std::vector<ComponentInterface>& interfaces) {
  for (ComponentSummary& row : rows) {
    const ComponentInterface& ci = interfaces.at(row.component);
    row.interface_functions = ci.functions.size();
    row.exported_headers = ci.headers.size();
    row.crossing_records = ci.records.size();
    row.interface = ci.surface;
    row.ffi = ci.difficulty;
  }
}

}  // namespace oxidize::structure
