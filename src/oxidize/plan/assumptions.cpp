#include "oxidize/plan/assumptions.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "oxidize/util/date.hpp"

namespace oxidize::plan {

const Assumption& Assumptions::get(std::string_view key) const {
  for (const Assumption& a : values)
    if (a.key == key) return a;
  throw std::out_of_range("no assumption named " + std::string(key));
}

Assumptions default_assumptions() {
  Assumptions a;
  // key, value, low, high, unit, source, min, max
  a.values = {
      {"c_vulns_per_mloc", 1000, 250, 1000, "memory-safety vulnerabilities found over the life of a million new lines of C/C++",
       "Google Security Blog, 'Rust in Android: move fast and fix things' (2025-11-13): ~1,000 per MLOC in Android's C/C++; "
       "the low end is the assumption that a mature open-source library sees a quarter of that",
       0, 100000},
      {"rust_vulns_per_mloc", 0.2, 0.2, 5, "memory-safety vulnerabilities per million lines of Rust",
       "Google Security Blog (2025-11-13): ~0.2 per MLOC over ~5 million lines of Rust in Android; the high end allows "
       "for unsafe-heavy code", 0, 100000},
      {"vulnerability_lifetime_years", 2.5, 2.5, 4.1, "years (mean lifetime of a vulnerability in code)",
       "Google Security Blog, 'Eliminating Memory Safety Vulnerabilities at the Source' (2024-09): 2.5 years in Android "
       "and Chromium; 4.1 years is the lifetime behind the study's 3.4x lower density of 5-year-old code "
       "(Alexopoulos et al., USENIX Security 2022)", 0.1, 50},
      {"breach_cost_usd", 4.88e6, 4.44e6, 4.88e6, "US dollars per data breach",
       "IBM, Cost of a Data Breach Report 2024 (USD 4.88 million) and 2025 (USD 4.44 million)", 0, 1e12},
      {"breach_probability", 0.02, 0.005, 0.05, "share of memory-safety vulnerabilities that lead to a breach",
       "assumption: no public measurement; set it from the organisation's own incident history", 0, 1},
      {"response_person_days", 10, 5, 20, "person-days to fix, release and advise one vulnerability",
       "assumption: triage, fix, backports, advisory and release for one CVE", 0, 10000},
      {"person_day_cost_usd", 800, 600, 1200, "US dollars per engineer-day, loaded",
       "assumption: set it to the organisation's loaded cost", 0, 1e7},
      {"port_lines_per_person_day", 40, 20, 80, "C/C++ lines ported to Rust per engineer-day, tests included",
       "assumption: no public study gives a porting rate; Google reports Rust teams about twice as productive as "
       "C++ teams (L. Bergstrom, Rust Nation UK 2024), the range spans half to double the default", 1, 100000},
      {"ffi_person_days_per_function", 0.5, 0.25, 1, "person-days to keep one interface function callable from C",
       "assumption: an extern \"C\" shim, its types and a test per function", 0, 1000},
      {"complex_code_multiplier", 2, 1.5, 3, "effort multiplier of code in functions above complexity 15",
       "assumption: complex functions are ported with their behaviour pinned by tests first", 1, 100},
      {"no_tests_multiplier", 1.3, 1.1, 1.6, "effort multiplier when the tree has little test code (under 5%)",
       "assumption: a port needs a test suite; without one it is written first", 1, 100},
      {"hardening_person_days", 5, 2, 10, "person-days per component to turn on hardening flags and fix the fallout",
       "assumption: -D_FORTIFY_SOURCE=3, -fstack-protector-strong, -ftrivial-auto-var-init=zero, libstdc++/libc++ "
       "hardening modes in CI and release builds", 0, 10000},
      {"fuzz_target_person_days", 3, 1, 5, "person-days per fuzz target (harness, corpus, CI)",
       "assumption: one libFuzzer harness per input-reading entry point", 0, 10000},
      {"hardening_reduction", 0.3, 0.1, 0.5, "share of memory-safety vulnerabilities hardening and fuzzing remove",
       "assumption: hardening stops some exploits and fuzzing finds some bugs early; neither removes the class", 0, 1},
      {"ramp_up_months", 2, 1, 4, "months before an engineer is productive in Rust",
       "Google Open Source Blog, 'Rust fact vs. fiction' (2023-06): over two thirds of engineers confident "
       "contributing to Rust within two months", 0, 36},
      {"ramp_up_productivity", 0.5, 0.3, 0.7, "share of full productivity during the ramp-up",
       "assumption", 0.05, 1},
      {"migration_capacity", 0.8, 0.5, 1.0, "share of the team's time spent on the migration",
       "assumption: the rest is reviews, support and interruptions", 0.05, 1},
      {"horizon_years", 5, 3, 10, "years over which costs and benefits are counted", "assumption", 1, 50},
      {"unknown_age_years", 5, 2, 10, "age assumed for code whose history is unknown (no git)",
       "assumption: used only without history; the plan says so", 0, 100},
  };
  return a;
}

namespace {

std::string where(const std::string& path, const toml::source_region& r) {
  return fmt::format("{}:{}", path, r.begin.line);
}

}  // namespace

tl::expected<Assumptions, std::string> parse_assumptions(std::string_view text, const std::string& path,
                                                         Assumptions base) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return tl::unexpected(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  for (const auto& [key, node] : root) {
    if (key == "team") {
      // Only an integer node: toml++ converts a float to an integer without a
      // range check (undefined behaviour for 1e300; the fuzzer found it).
      const auto n = node.is_integer() ? node.value<std::int64_t>() : std::nullopt;
      if (!n || *n < 1 || *n > 100000)
        return tl::unexpected(where(path, node.source()) + ": team must be a whole number of engineers, at least 1");
      base.team = static_cast<unsigned>(*n);
    } else if (key == "start") {
      std::optional<std::int64_t> start;
      if (const auto* d = node.as_date()) {
        start = util::parse_date(fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day));
      } else if (const auto s = node.value<std::string>()) {
        start = util::parse_date(*s);
      }
      if (!start) return tl::unexpected(where(path, node.source()) + ": start must be a date, YYYY-MM-DD");
      base.start = start;
    } else if (key == "assumptions") {
      const toml::table* table = node.as_table();
      if (table == nullptr)
        return tl::unexpected(where(path, node.source()) + ": assumptions must be a table ([assumptions])");
      for (const auto& [name, value] : *table) {
        Assumption* target = nullptr;
        for (Assumption& a : base.values)
          if (a.key == name.str()) target = &a;
        if (target == nullptr)
          return tl::unexpected(where(path, value.source()) + ": unknown assumption " + std::string(name.str()) +
                                " (docs/economics.md lists them)");
        const auto number = value.value<double>();
        if (!(value.is_integer() || value.is_floating_point()) || !number || !(*number >= target->min) ||
            !(*number <= target->max))
          return tl::unexpected(fmt::format("{}: assumptions.{} must be a number from {:g} to {:g}",
                                            where(path, value.source()), target->key, target->min, target->max));
        target->value = *number;
        // A value set by the organisation is its own estimate: no range around it.
        target->low = target->high = *number;
        target->overridden = true;
      }
    } else {
      return tl::unexpected(where(path, node.source()) + ": unknown key " + std::string(key.str()) +
                            " (team, start, [assumptions])");
    }
  }
  return base;
}

}  // namespace oxidize::plan
