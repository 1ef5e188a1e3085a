// Makefiles (and automake's Makefile.am): -lfoo flags where make links, and
// the modules of pkg-config calls. A flag counts in an assignment to a link
// variable (LIBS, LDLIBS, LDFLAGS, foo_LDADD, foo_la_LIBADD, SSL_LIBS, ...)
// or in a recipe that runs the compiler or linker: `wc -l` in another
// recipe names no library. Lines continued with a backslash are one line;
// '#' starts a comment. Variables are not expanded.
#include <algorithm>

#include "oxidize/structure/build_file_text.hpp"

namespace oxidize::structure::detail {

namespace {

bool is_name_char(char c) { return is_ident_char(c) || c == '+' || c == '.' || c == '-'; }

bool is_link_variable(std::string_view name) {
  const std::string upper = to_upper(name);
  for (const std::string_view part : {"LIBS", "LDFLAGS", "LDADD", "LIBADD"})
    if (upper.find(part) != std::string::npos) return true;
  return false;
}

bool runs_compiler(std::string_view recipe) {
  for (const std::string_view v : {"$(CC)", "${CC}", "$(CXX)", "${CXX}", "$(LD)", "${LD}", "$(CCLD)", "${CCLD}",
                                   "$(CXXLD)", "$(LINK", "${LINK"})
    if (recipe.find(v) != std::string_view::npos) return true;
  // Or a compiler by name as the command: "\t@gcc -o x x.o -lz".
  std::size_t i = 0;
  while (i < recipe.size() && (is_space(recipe[i]) || recipe[i] == '@' || recipe[i] == '-' || recipe[i] == '+')) ++i;
  std::size_t end = i;
  while (end < recipe.size() && !is_space(recipe[end])) ++end;
  const std::string_view command = recipe.substr(i, end - i);
  for (const std::string_view cc : {"cc", "gcc", "g++", "c++", "clang", "clang++", "ld"})
    if (command == cc) return true;
  return false;
}

class MakeReader {
 public:
  MakeReader(std::string_view path, std::string_view text, BuildFileScan& out)
      : path_(path), s_(text), lines_(text), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      const std::size_t end = logical_end(i);
      line(s_.substr(i, end - i), i);
      i = end + 1;
    }
  }

 private:
  // Where the logical line starting at `from` ends: at a newline not escaped
  // by an odd number of backslashes.
  std::size_t logical_end(std::size_t from) const {
    for (;;) {
      const std::size_t eol = s_.find('\n', from);
      if (eol == std::string_view::npos) return s_.size();
      std::size_t k = eol;
      if (k > from && s_[k - 1] == '\r') --k;
      std::size_t backslashes = 0;
      while (k > from && s_[k - 1] == '\\') {
        --k;
        ++backslashes;
      }
      if (backslashes % 2 == 0) return eol;
      from = eol + 1;
    }
  }

  void line(std::string_view text, std::size_t offset) {
    for (std::size_t k = 0; k < text.size(); ++k)
      if (text[k] == '#' && (k == 0 || text[k - 1] != '\\')) {
        text = text.substr(0, k);
        break;
      }
    pkg_config_calls(text, offset);
    if (text.starts_with('\t')) {
      if (runs_compiler(text)) link_flags(text, offset, "recipe");
      return;
    }
    // An assignment: [override|export] NAME op value, op one of = := ::= += ?= !=
    std::size_t k = 0;
    const auto skip_blanks = [&] {
      while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    };
    skip_blanks();
    for (const std::string_view keyword : {"override ", "export "})
      if (text.substr(k).starts_with(keyword)) {
        k += keyword.size();
        skip_blanks();
      }
    const std::size_t name_start = k;
    while (k < text.size() && is_name_char(text[k])) ++k;
    const std::string_view name = text.substr(name_start, k - name_start);
    skip_blanks();
    const std::string_view rest = text.substr(k);
    std::size_t op = 0;
    for (const std::string_view o : {"::=", ":=", "+=", "?=", "!=", "="})
      if (rest.starts_with(o)) {
        op = o.size();
        break;
      }
    if (name.empty() || op == 0 || !is_link_variable(name)) return;
    link_flags(rest.substr(op), offset + k + op, name);
  }

  // The words of `text` ("\\\n" is a blank too).
  template <typename Visit>
  static void words(std::string_view text, Visit visit) {
    std::size_t i = 0;
    const auto blank = [&](std::size_t at) {
      return is_space(text[at]) || (text[at] == '\\' && at + 1 < text.size() && (text[at + 1] == '\n' || text[at + 1] == '\r'));
    };
    while (i < text.size()) {
      if (blank(i)) {
        ++i;
        continue;
      }
      const std::size_t start = i;
      while (i < text.size() && !blank(i)) ++i;
      visit(text.substr(start, i - start), start);
    }
  }

  void link_flags(std::string_view text, std::size_t offset, std::string_view context) {
    words(text, [&](std::string_view word, std::size_t at) {
      if (!word.starts_with("-l") || word.size() < 3) return;
      std::size_t n = 2;
      while (n < word.size() && is_name_char(word[n])) ++n;
      if (n < word.size() && word[n] != ')' && word[n] != '`' && word[n] != ';' && word[n] != '"' && word[n] != '\'')
        return;  // "-l$(X)", "-l:libz.a": not a plain library name
      add_mention(out_, path_, lines_.line_of(offset + at), word.substr(2, n - 2), MentionKind::make_link,
                  context);
    });
  }

  // pkg-config ... or $(PKG_CONFIG) ...: the module names up to the end of
  // the command (a closing parenthesis or backquote, ';', '|', '&').
  void pkg_config_calls(std::string_view text, std::size_t offset) {
    std::size_t from = 0;
    for (;;) {
      std::size_t at = std::string_view::npos, length = 0;
      for (const std::string_view call : {"pkg-config", "PKG_CONFIG)", "PKG_CONFIG}"}) {
        const std::size_t found = text.find(call, from);
        if (found < at) {
          at = found;
          length = call.size();
        }
      }
      if (at == std::string_view::npos) return;
      const std::size_t args = at + length;
      std::size_t end = args;
      while (end < text.size() && std::string_view(")`;|&}").find(text[end]) == std::string_view::npos) ++end;
      std::vector<Word> list;
      words(text.substr(args, end - args), [&](std::string_view word, std::size_t w) {
        // A shell-quoted spec ('libcurl >= 7.0') is the same words without the quotes.
        while (!word.empty() && (word.front() == '\'' || word.front() == '"')) {
          word.remove_prefix(1);
          ++w;
        }
        while (!word.empty() && (word.back() == '\'' || word.back() == '"')) word.remove_suffix(1);
        if (!word.empty() && !word.starts_with('-')) list.push_back({word, offset + args + w});
      });
      for (const auto& m : pkg_config_modules(list))
        add_mention(out_, path_, lines_.line_of(m.offset), m.text, MentionKind::make_pkg_config);
      from = end;
    }
  }

  std::string_view path_;
  std::string_view s_;
  LineIndex lines_;
  BuildFileScan& out_;
};

}  // namespace

void scan_make(std::string_view path, std::string_view text, BuildFileScan& out) {
  MakeReader(path, text, out).run();
}

}  // namespace oxidize::structure::detail
