#include "oxidize/structure/build_file_text.hpp"

#include <algorithm>

namespace oxidize::structure::detail {

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

std::uint32_t LineIndex::line_of(std::size_t offset) const {
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::uint32_t>(it - starts_.begin());
}

namespace {
char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool is_operator_char(char c) { return c == '<' || c == '>' || c == '=' || c == '!'; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_upper(x) == ascii_upper(y); });
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_upper(c);
  return out;
}

bool is_literal_name(std::string_view name) {
  if (name.empty()) return false;
  return std::none_of(name.begin(), name.end(), [](char c) {
    return is_space(c) || c == '$' || c == '@' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '[' ||
           c == ']' || c == '(' || c == ')' || c == '{' || c == '}' || c == '\\' || c == '*' || c == '`';
  });
}

std::vector<Word> split_words(std::string_view list, std::size_t base) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < list.size()) {
    if (is_space(list[i]) || list[i] == ',') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < list.size() && !is_space(list[i]) && list[i] != ',') ++i;
    out.push_back({list.substr(start, i - start), base + start});
  }
  return out;
}

std::vector<Word> pkg_config_modules(const std::vector<Word>& words) {
  std::vector<Word> out;
  bool version_next = false;  // the word after a lone operator is a version
  for (Word w : words) {
    if (std::all_of(w.text.begin(), w.text.end(), is_operator_char)) {
      version_next = true;
      continue;
    }
    if (version_next) {
      version_next = false;
      continue;
    }
    const auto op = std::find_if(w.text.begin(), w.text.end(), is_operator_char);
    if (op == w.text.begin()) continue;  // ">=2.9": a version glued to its operator
    if (op != w.text.end()) {
      const auto rest = std::find_if_not(op, w.text.end(), is_operator_char);
      version_next = rest == w.text.end();  // "libxml-2.0>=" with the version in the next word
      w.text = w.text.substr(0, static_cast<std::size_t>(op - w.text.begin()));
    }
    out.push_back(w);
  }
  return out;
}

void add_mention(BuildFileScan& out, std::string_view path, std::uint32_t line, std::string_view name,
                 MentionKind kind, std::string_view context) {
  if (!is_literal_name(name)) return;
  out.mentions.push_back({std::string(path), line, std::string(name), kind, std::string(context), false});
}

}  // namespace oxidize::structure::detail
