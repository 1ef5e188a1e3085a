#include "oxidize/discover/language.hpp"

namespace oxidize::discover {

std::string_view language_name(Language lang) {
  switch (lang) {
    case Language::c: return "C";
    case Language::c_header: return "C Header";
    case Language::cpp: return "C++";
    case Language::cpp_header: return "C++ Header";
    case Language::rust: return "Rust";
  }
  return "?";
}

std::string_view language_key(Language lang) {
  switch (lang) {
    case Language::c: return "c";
    case Language::c_header: return "c_header";
    case Language::cpp: return "cpp";
    case Language::cpp_header: return "cpp_header";
    case Language::rust: return "rust";
  }
  return "?";
}

std::optional<Language> language_from_key(std::string_view key) {
  for (const Language lang : k_all_languages)
    if (language_key(lang) == key) return lang;
  if (key == "c++") return Language::cpp;
  if (key == "h") return Language::c_header;
  if (key == "rs") return Language::rust;
  return std::nullopt;
}

Family language_family(Language lang) {
  return lang == Language::rust ? Family::rust : Family::c_family;
}

namespace {

struct ExtensionRow {
  std::string_view extension;
  Language language;
};

// The extensions cloc, tokei and scc agree on for these languages. ".C" and
// ".H" (capitals) are C++ by the GCC convention.
constexpr ExtensionRow k_extensions[] = {
    {"c", Language::c},          {"h", Language::c_header},    {"cc", Language::cpp},
    {"cpp", Language::cpp},      {"cxx", Language::cpp},       {"c++", Language::cpp},
    {"C", Language::cpp},        {"cp", Language::cpp},        {"hh", Language::cpp_header},
    {"hpp", Language::cpp_header}, {"hxx", Language::cpp_header}, {"h++", Language::cpp_header},
    {"H", Language::cpp_header}, {"inl", Language::cpp_header}, {"ipp", Language::cpp_header},
    {"tcc", Language::cpp_header}, {"rs", Language::rust},
};

}  // namespace

std::optional<Language> LanguageMap::for_file_name(std::string_view name) const {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return std::nullopt;
  const std::string_view ext = name.substr(dot + 1);
  if (!extra.empty()) {
    if (auto it = extra.find(ext); it != extra.end()) return it->second;
  }
  for (const auto& row : k_extensions)
    if (row.extension == ext) return row.language;
  return std::nullopt;
}

bool LanguageMap::is_ambiguous_header(std::string_view name) {
  return name.size() > 2 && name.substr(name.size() - 2) == ".h";
}

}  // namespace oxidize::discover
