#pragma once
// `oxidize hazards --list-rules`: the rule table (hazards/rules.hpp) for
// people (table) and programs (JSON, CSV; docs/output.md), the selected
// rules only, in id order.
#include <string_view>

#include "oxidize/model/hazard_selection.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

// "c_family" (C and C++), "cpp" (C++ only), "rust".
std::string_view rule_language_key(hazards::RuleLanguage language);

void rules_table(util::Output& out, const model::RuleSet& selected);
void rules_json(util::Output& out, const model::RuleSet& selected);
void rules_csv(util::Output& out, const model::RuleSet& selected);

}  // namespace oxidize::report
