#pragma once
// The risk score of one item (a function, a file, a component): a product of
// factors, one per fact, each explainable on its own line ("complexity 87:
// x88"). Pure functions over numbers; what the numbers are, and how the
// defaults were chosen, is in docs/risk.md.
//
//   score = role x (1 + complexity)^w_c x (1 + hazard points)^w_h
//         x (1 + exposure)^w_e x (1 + FFI surface)^w_ffi x (1 + fix commits)^w_f
//         x (1 + security-fix commits)^w_s x (1 + churn, 12 months)^w_ch
//         x (1 + share of lines younger than a year)^w_y
//         / (10 + code lines)^w_size
//
// Everything above the line is the item's risk *mass* (how much trouble it
// is likely to hold); dividing by a power of its size turns it into a
// ranking for a reviewer whose time goes by the line. A factor with a zero
// weight, or whose fact is unknown (no history), multiplies by 1.
#include <array>
#include <cstddef>
#include <string_view>

namespace oxidize::risk {

// What kind of code a path holds: code that ships, or code that does not
// (tests, examples, documentation, fuzzers, benchmarks). path_role.hpp.
enum class PathRole : unsigned char { product, test, example, docs, fuzz, bench };
std::string_view path_role_name(PathRole role);

struct RiskWeights {
  // The defaults, and the backtest figures behind each, are in docs/risk.md.
  double complexity = 1.5;      // highest McCabe complexity of the item's functions, a switch counting once
  double hazards = 0.1;         // hazard points (severity x confidence of each finding)
  double exposure = 0.0;        // calls that read input, parser and decoder functions
  double ffi = 0.5;             // a language boundary crossed: functions called from another language, calls into one
  double fixes = 0.5;           // commits whose message says fix
  double security_fixes = 0.0;  // commits whose message names a CVE or a vulnerability
  double churn = 0.25;          // lines added + deleted in the last 12 months
  double young = 0.0;           // share of lines younger than 365 days
  double size = 0.5;            // the power of code lines the mass is divided by
  double non_product = 0.05;    // multiplier of code that does not ship (PathRole other than product)

  auto operator<=>(const RiskWeights&) const = default;
};

// The facts an item is scored on.
struct RiskFacts {
  double code_lines = 0;
  double complexity = 0;      // McCabe with a switch counting once (ccn_modified): the max of the item's functions, or its own
  double hazard_points = 0;
  double exposure = 0;
  double ffi = 0;             // FFI surface (risk/ffi_surface.hpp)
  bool history = false;       // false: the next four are unknown, their factors are 1
  double fixes = 0;
  double security_fixes = 0;
  double churn_12m = 0;
  double young_share = 0;     // 0..1
  PathRole role = PathRole::product;
};

enum class FactorId : unsigned char {
  complexity, hazards, exposure, ffi, fixes, security_fixes, churn, young, role, size, count_
};
inline constexpr std::size_t k_factor_count = static_cast<std::size_t>(FactorId::count_);
std::string_view factor_name(FactorId id);

struct Factor {
  FactorId id = FactorId::complexity;
  double fact = 0;        // the fact as counted (lines for size, 0/1 for role: 1 = not product)
  double multiplier = 1;  // what it multiplies the score by
  bool known = true;      // history factors without history: not known, multiplier 1
};

struct RiskScore {
  double mass = 0;   // product of every factor but size
  double score = 0;  // mass x size factor: the ranking
  std::array<Factor, k_factor_count> factors{};
};

// The factor of a count-like fact: (1 + fact)^weight (1 for a negative fact).
double count_factor(double fact, double weight);

RiskScore score(const RiskFacts& facts, const RiskWeights& weights);

// The size factor on its own: a component's score is its summed mass times
// the size factor of its code lines.
double size_factor(double code_lines, const RiskWeights& weights);

}  // namespace oxidize::risk
