#pragma once
// `oxidize hotspots`: every function, file and component of a snapshot with
// its risk score and the factors behind it (risk_model.hpp), most risky
// first. Pure: built from the snapshot (functions, hazards, structure, and
// the history facts when the snapshot has them) and its components.
#include <cstdint>
#include <string>
#include <vector>

#include "oxidize/config/project_config.hpp"
#include "oxidize/model/scope.hpp"
#include "oxidize/model/snapshot.hpp"
#include "oxidize/risk/risk_model.hpp"
#include "oxidize/structure/components.hpp"

namespace oxidize::risk {

// The kernel has 630,000 functions: a row keeps its facts and score, and
// the factors are computed again (score(facts, weights)) for the rows shown.
struct FunctionRisk {
  std::uint32_t file = 0;      // index into Snapshot::files
  std::uint32_t function = 0;  // index into the file's functions
  RiskFacts facts;
  double score = 0;
  double mass = 0;
};

struct FileRisk {
  std::uint32_t file = 0;  // index into Snapshot::files
  RiskFacts facts;
  RiskScore risk;
};

struct ComponentRisk {
  std::uint32_t component = 0;  // index into Components::list
  RiskFacts facts;              // summed (lines, hazard points, exposure, history counts); complexity is the max
  double mass = 0;              // the sum of its files' masses
  double score = 0;             // mass x the size factor of its code lines
  std::uint32_t files = 0;
  std::vector<std::uint32_t> top_files;  // indices into Hotspots::files, largest mass first (at most 3)
};

struct Hotspots {
  bool history = false;  // the snapshot had history facts
  std::vector<FunctionRisk> functions;  // by score, highest first (ties: path, line)
  std::vector<FileRisk> files;          // by score, highest first (ties: path)
  std::vector<ComponentRisk> components;  // by score, highest first (ties: name)
};

// The weights: the defaults of RiskWeights, then oxidize.toml's [risk].
RiskWeights weights_from_config(const config::RiskConfig& config);

// Severity x confidence of one finding: low 1, medium 2, high 3, critical 4,
// times 1 (high confidence), 0.5 (medium) or 0.25 (low).
double hazard_points(const hazards::Finding& finding);

// Every file `scope` counts (and its functions) with C, C++ or Rust code;
// components from `components` (of the same snapshot and scope).
Hotspots rank_hotspots(const model::Snapshot& snapshot, const structure::Components& components,
                       const RiskWeights& weights, model::Scope scope);

}  // namespace oxidize::risk
