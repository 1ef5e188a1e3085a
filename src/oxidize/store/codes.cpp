#include "oxidize/store/codes.hpp"

#include <cstddef>

namespace oxidize::store {

std::string_view unterminated_key(lex::Unterminated what) {
  switch (what) {
    case lex::Unterminated::none: return "none";
    case lex::Unterminated::block_comment: return "block_comment";
    case lex::Unterminated::string: return "string";
    case lex::Unterminated::raw_string: return "raw_string";
    case lex::Unterminated::character: return "character";
  }
  return "?";
}

std::optional<lex::Unterminated> unterminated_from_key(std::string_view key) {
  for (const auto what : {lex::Unterminated::none, lex::Unterminated::block_comment, lex::Unterminated::string,
                          lex::Unterminated::raw_string, lex::Unterminated::character})
    if (unterminated_key(what) == key) return what;
  return std::nullopt;
}

std::optional<discover::Exclusion> exclusion_from_key(std::string_view key) {
  for (const auto why : {discover::Exclusion::none, discover::Exclusion::vendored, discover::Exclusion::generated})
    if (discover::exclusion_key(why) == key) return why;
  return std::nullopt;
}

std::optional<discover::Skip> skip_from_key(std::string_view key) {
  for (std::size_t i = 0; i < static_cast<std::size_t>(discover::Skip::count_); ++i) {
    const auto why = static_cast<discover::Skip>(i);
    if (discover::skip_key(why) == key) return why;
  }
  return std::nullopt;
}

}  // namespace oxidize::store
