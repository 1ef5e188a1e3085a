#pragma once
// How the store spells the model's enums: stable text keys, never the enum's
// number, so that reordering an enum cannot change what an old database
// means, and so that SQL over the store reads naturally. A key this build
// does not know (written by a newer oxidize) reads as nullopt.
#include <optional>
#include <string_view>

#include "oxidize/discover/exclusion.hpp"
#include "oxidize/discover/skip.hpp"
#include "oxidize/lex/token.hpp"

namespace oxidize::store {

// none, block_comment, string, raw_string, character (lex's display names
// have spaces and are for people).
std::string_view unterminated_key(lex::Unterminated what);
std::optional<lex::Unterminated> unterminated_from_key(std::string_view key);

// The inverse of discover::exclusion_key and discover::skip_key, which the
// JSON output already uses as stable names.
std::optional<discover::Exclusion> exclusion_from_key(std::string_view key);
std::optional<discover::Skip> skip_from_key(std::string_view key);

}  // namespace oxidize::store
