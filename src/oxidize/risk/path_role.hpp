#pragma once
// Whether a path holds code that ships or code that does not: tests,
// examples, documentation, fuzzers and benchmarks are not where a product's
// users get hurt, and they are rarely where its CVEs are fixed. Decided by
// folder names anywhere in the path and a few file-name forms; the lists are
// in docs/risk.md.
#include <string_view>

#include "oxidize/risk/risk_model.hpp"

namespace oxidize::risk {

PathRole path_role(std::string_view path);

}  // namespace oxidize::risk
