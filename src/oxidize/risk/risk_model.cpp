#include "oxidize/risk/risk_model.hpp"

#include <algorithm>
#include <cmath>

namespace oxidize::risk {

std::string_view path_role_name(PathRole role) {
  switch (role) {
    case PathRole::product: return "product";
    case PathRole::test: return "test";
    case PathRole::example: return "example";
    case PathRole::docs: return "docs";
    case PathRole::fuzz: return "fuzz";
    case PathRole::bench: return "bench";
  }
  return "product";
}

std::string_view factor_name(FactorId id) {
  switch (id) {
    case FactorId::complexity: return "complexity";
    case FactorId::hazards: return "hazards";
    case FactorId::exposure: return "exposure";
    case FactorId::ffi: return "ffi";
    case FactorId::fixes: return "fixes";
    case FactorId::security_fixes: return "security_fixes";
    case FactorId::churn: return "churn";
    case FactorId::young: return "young";
    case FactorId::role: return "role";
    case FactorId::size: return "size";
    case FactorId::count_: break;
  }
  return "?";
}

double count_factor(double fact, double weight) {
  if (weight == 0 || !(fact > 0)) return 1.0;
  return std::pow(1.0 + fact, weight);
}

double size_factor(double code_lines, const RiskWeights& weights) {
  // 10 lines of slack: a three-line file is not 3x "denser" than a ten-line one.
  return std::pow(10.0 + std::max(0.0, code_lines), -weights.size);
}

RiskScore score(const RiskFacts& facts, const RiskWeights& weights) {
  RiskScore out;
  auto set = [&](FactorId id, double fact, double multiplier, bool known = true) {
    out.factors[static_cast<std::size_t>(id)] = {id, fact, multiplier, known};
  };
  set(FactorId::complexity, facts.complexity, count_factor(facts.complexity, weights.complexity));
  set(FactorId::hazards, facts.hazard_points, count_factor(facts.hazard_points, weights.hazards));
  set(FactorId::exposure, facts.exposure, count_factor(facts.exposure, weights.exposure));
  set(FactorId::ffi, facts.ffi, count_factor(facts.ffi, weights.ffi));
  const bool h = facts.history;
  set(FactorId::fixes, facts.fixes, h ? count_factor(facts.fixes, weights.fixes) : 1.0, h);
  set(FactorId::security_fixes, facts.security_fixes,
      h ? count_factor(facts.security_fixes, weights.security_fixes) : 1.0, h);
  set(FactorId::churn, facts.churn_12m, h ? count_factor(facts.churn_12m, weights.churn) : 1.0, h);
  set(FactorId::young, facts.young_share, h ? count_factor(std::clamp(facts.young_share, 0.0, 1.0), weights.young) : 1.0, h);
  const bool shipped = facts.role == PathRole::product;
  set(FactorId::role, shipped ? 0.0 : 1.0, shipped ? 1.0 : weights.non_product);
  out.mass = 1.0;
  for (const Factor& f : out.factors) out.mass *= f.multiplier;  // size is still 1 here
  const double size = size_factor(facts.code_lines, weights);
  set(FactorId::size, facts.code_lines, size);
  out.score = out.mass * size;
  return out;
}

}  // namespace oxidize::risk
