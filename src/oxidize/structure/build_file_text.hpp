#pragma once
// Text helpers the build-file readers share (internal to structure/).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/structure/build_files.hpp"

namespace oxidize::structure::detail {

// Offsets to 1-based line numbers, by binary search over the line starts.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  std::uint32_t line_of(std::size_t offset) const;

 private:
  std::vector<std::size_t> starts_;
};

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
inline bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

bool iequals(std::string_view a, std::string_view b);
std::string to_upper(std::string_view s);

// A name that is a literal, not built at configure time: no variable
// references ($VAR, ${VAR}, @VAR@, $<...>) and no quotes or brackets left over.
bool is_literal_name(std::string_view name);

// A word of a list and where it starts in the text being read.
struct Word {
  std::string_view text;
  std::size_t offset;
};

// The words of `list`, split on blanks and commas; `base` is the list's
// offset in the text, so that each word knows its own.
std::vector<Word> split_words(std::string_view list, std::size_t base);

// The module names of pkg-config style words ("libxml-2.0 >= 2.9 zlib",
// "a>=1,b"): each cut at its first comparison operator, with an operator and
// the version after it dropped.
std::vector<Word> pkg_config_modules(const std::vector<Word>& words);
inline std::vector<Word> pkg_config_modules(std::string_view list, std::size_t base) {
  return pkg_config_modules(split_words(list, base));
}

// Adds a mention when `name` is a literal name.
void add_mention(BuildFileScan& out, std::string_view path, std::uint32_t line, std::string_view name,
                 MentionKind kind, std::string_view context = {});

// The readers, one per build system (each in its own file).
void scan_cmake(std::string_view path, std::string_view text, BuildFileScan& out);
void scan_meson(std::string_view path, std::string_view text, BuildFileScan& out);
void scan_autoconf(std::string_view path, std::string_view text, BuildFileScan& out);
void scan_make(std::string_view path, std::string_view text, BuildFileScan& out);
void scan_cargo(std::string_view path, std::string_view text, BuildFileScan& out);

}  // namespace oxidize::structure::detail
