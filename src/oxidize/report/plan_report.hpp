#pragma once
// Rendering of `oxidize plan`: the memory-safety roadmap as Markdown (for
// people: an executive summary, strategies, phases, the policy date, the
// simulation, training, dependencies, transparency, CWE coverage, what the
// plan does not know, sign-off, and every assumption with its source) and
// as JSON (the same content for programs). docs/economics.md explains every
// number.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "oxidize/plan/roadmap.hpp"
#include "oxidize/structure/external_deps.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

struct PlanView {
  const plan::Roadmap& roadmap;
  const model::Snapshot& snapshot;
  const structure::ExternalDeps& deps;
  // Hazard findings at the default confidence by CWE, most first.
  std::vector<std::pair<std::string, std::uint64_t>> cwe_counts;
  std::uint64_t findings = 0;
  std::string tree_name;            // the folder's name, for the title
  std::string assumptions_file;     // empty: defaults and the command line only
};

void plan_markdown(util::Output& out, const PlanView& v);
void plan_json(util::Output& out, const PlanView& v);

}  // namespace oxidize::report
