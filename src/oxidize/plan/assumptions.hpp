#pragma once
// The assumptions of `oxidize plan`: every number the roadmap uses that is
// not a fact of the tree, with its default, the range it is known to span,
// and where it comes from (docs/economics.md cites each). An assumptions
// file (TOML) overrides any of them; anything it cannot mean is an error
// naming the file and line, never a silent default.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace oxidize::plan {

// One assumption: a value, its low and high ends, its source.
struct Assumption {
  std::string_view key;      // its name in the assumptions file
  double value = 0;
  double low = 0;            // the range reports carry with the value
  double high = 0;
  std::string_view unit;     // "vulnerabilities per million lines", "years"...
  std::string_view source;   // who measured it, or "assumption: ..." when nobody did
  double min = 0;            // what the file may set (inclusive)
  double max = 0;
  bool overridden = false;   // set by the assumptions file
};

struct Assumptions {
  // The roadmap's own inputs (command line or file).
  unsigned team = 0;                  // engineers on the migration
  std::optional<std::int64_t> start;  // the plan's first day, seconds since the epoch (00:00 UTC)
  std::vector<Assumption> values;     // the table below, in docs/economics.md's order

  const Assumption& get(std::string_view key) const;
  double operator[](std::string_view key) const { return get(key).value; }
  // The low/high ends of an estimate made with the value at each end.
  double low(std::string_view key) const { return get(key).low; }
  double high(std::string_view key) const { return get(key).high; }
};

// The defaults, sourced (docs/economics.md).
Assumptions default_assumptions();

// Reads an assumptions file over `base` (the defaults and the command line):
//   team = 4                 # engineers
//   start = 2027-01-04       # a TOML date
//   [assumptions]
//   c_vulns_per_mloc = 500   # any key of the table; an unknown one is an error
// `path` names the file in messages ("FILE:LINE: ...").
tl::expected<Assumptions, std::string> parse_assumptions(std::string_view text, const std::string& path,
                                                         Assumptions base);

}  // namespace oxidize::plan
