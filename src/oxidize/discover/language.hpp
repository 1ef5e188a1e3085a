#pragma once
// Which files oxidize reads, and as what. A file's language comes from its
// extension; a ".h" header is decided between C and C++ by its content once
// lexed (see analyze/header_dialect.hpp). Other files are ignored unless the
// user maps their extension (--ext inc=c).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace oxidize::discover {

enum class Language : std::uint8_t { c, c_header, cpp, cpp_header, rust };
inline constexpr std::array k_all_languages = {Language::c, Language::c_header, Language::cpp,
                                               Language::cpp_header, Language::rust};

// Display name ("C++ Header") and machine key ("cpp_header") of a language.
std::string_view language_name(Language lang);
std::string_view language_key(Language lang);
std::optional<Language> language_from_key(std::string_view key);

// The lexer family that reads a language.
enum class Family : std::uint8_t { c_family, rust };
Family language_family(Language lang);

// What an extension says about a file before its content is read. An
// ambiguous ".h" reads as c_header until the content says C++.
struct LanguageMap {
  // Extra extensions (without the dot, case-sensitive) mapped by the user.
  std::map<std::string, Language, std::less<>> extra;

  std::optional<Language> for_file_name(std::string_view name) const;
  // True for extensions whose C-or-C++ dialect is decided by content.
  static bool is_ambiguous_header(std::string_view name);
};

}  // namespace oxidize::discover
