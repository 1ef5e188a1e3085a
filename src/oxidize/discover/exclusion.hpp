#pragma once
// Vendored and generated code: counted, but kept out of the totals by
// default and reported on its own, because a roadmap for a team's own code
// must not be dominated by a bundled zlib or a 40,000-line generated parser.
// Every rule is listed, with its reason, in docs/counting.md.
#include <cstdint>
#include <string>
#include <string_view>

namespace oxidize::discover {

enum class Exclusion : std::uint8_t { none, vendored, generated };

std::string_view exclusion_key(Exclusion why);

// A directory name that marks vendored code below it (vendor/, third_party/,
// a bundled zlib-1.2.13/ ...). Only directories inside the scanned root count:
// scanning zlib's own tree is not scanning a vendored copy.
bool is_vendored_dir_name(std::string_view name);

// Generated code, judged by the file name (foo.pb.cc, lex.yy.c, parser.tab.c)
// or by a marker such as "DO NOT EDIT" or "@generated" in the first 1 KiB.
// Returns the rule that matched, or an empty view.
std::string_view generated_by_name(std::string_view file_name);
std::string_view generated_by_content(std::string_view head);

inline constexpr std::size_t k_generated_marker_window = 1024;

}  // namespace oxidize::discover
