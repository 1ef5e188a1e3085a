// configure.ac: the autoconf and pkg.m4 macros that name libraries. m4 is
// read as m4 reads it: a macro's name is followed by '(' with no space, its
// arguments are split on commas outside parentheses and [quotes], and one
// level of [quotes] is removed. Macros written in other macros' arguments
// (AS_IF([...], [AC_CHECK_LIB(...)])) are found too. Comments: dnl and '#'.
#include <fmt/format.h>

#include "oxidize/structure/build_file_text.hpp"

namespace oxidize::structure::detail {

namespace {

struct Macro {
  std::string_view name;
  std::size_t wanted;  // arguments to read
  std::size_t list;    // the argument holding the names
  MentionKind kind;
  bool pkg_config;     // names are pkg-config module specs ("a >= 1 b")
};

constexpr Macro k_macros[] = {
    {"PKG_CHECK_MODULES", 2, 1, MentionKind::autoconf_pkg_config, true},
    {"PKG_CHECK_MODULES_STATIC", 2, 1, MentionKind::autoconf_pkg_config, true},
    {"PKG_CHECK_EXISTS", 1, 0, MentionKind::autoconf_pkg_config, true},
    {"AC_CHECK_LIB", 1, 0, MentionKind::autoconf_check_lib, false},
    {"AC_HAVE_LIBRARY", 1, 0, MentionKind::autoconf_check_lib, false},
    {"AC_SEARCH_LIBS", 2, 1, MentionKind::autoconf_check_lib, false},
};

class AutoconfReader {
 public:
  AutoconfReader(std::string_view path, std::string_view text, BuildFileScan& out)
      : path_(path), s_(text), lines_(text), out_(out) {}

  void run() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      const bool word_start = i_ == 0 || !is_ident_char(s_[i_ - 1]);
      if (c == '#' && (i_ == 0 || is_space(s_[i_ - 1]))) {
        skip_line();
      } else if (is_ident_start(c) && word_start) {
        const std::size_t start = i_;
        while (i_ < s_.size() && is_ident_char(s_[i_])) ++i_;
        const std::string_view name = s_.substr(start, i_ - start);
        if (name == "dnl") {
          skip_line();
          continue;
        }
        if (i_ >= s_.size() || s_[i_] != '(') continue;
        for (const Macro& m : k_macros)
          if (m.name == name && !read_macro(m, start)) return;
      } else {
        ++i_;
      }
    }
  }

 private:
  void skip_line() {
    const std::size_t eol = s_.find('\n', i_);
    i_ = eol == std::string_view::npos ? s_.size() : eol + 1;
  }

  // Reads the wanted arguments after the '(' at s_[i_], then leaves i_ just
  // inside the parentheses, so that macros in the arguments are read too.
  bool read_macro(const Macro& m, std::size_t start) {
    const std::size_t inside = i_ + 1;
    std::vector<Word> args;
    std::size_t j = inside, arg_start = inside;
    int parens = 1, quotes = 0;
    while (j < s_.size() && args.size() < m.wanted) {
      const char c = s_[j];
      if (c == '[') {
        ++quotes;
      } else if (c == ']' && quotes > 0) {
        --quotes;
      } else if (quotes == 0 && c == '(') {
        ++parens;
      } else if (quotes == 0 && c == ')' && --parens == 0) {
        args.push_back(argument(arg_start, j));
        break;
      } else if (quotes == 0 && parens == 1 && c == ',') {
        args.push_back(argument(arg_start, j));
        arg_start = j + 1;
      }
      ++j;
    }
    if (args.size() < m.wanted && j >= s_.size()) {
      out_.warnings.push_back(fmt::format("{}:{}: {}( is never closed (read up to there)", path_,
                                          lines_.line_of(start), m.name));
      return false;
    }
    i_ = inside;
    if (args.size() <= m.list) return true;
    const Word list = args[m.list];
    std::vector<Word> names = split_words(list.text, list.offset);
    if (m.pkg_config) names = pkg_config_modules(names);
    for (const auto& n : names) add_mention(out_, path_, lines_.line_of(n.offset), n.text, m.kind);
    return true;
  }

  // The argument s_[from, to): blanks trimmed, one level of [quotes] removed.
  Word argument(std::size_t from, std::size_t to) const {
    while (from < to && is_space(s_[from])) ++from;
    while (to > from && is_space(s_[to - 1])) --to;
    if (to - from >= 2 && s_[from] == '[' && s_[to - 1] == ']') {
      ++from;
      --to;
    }
    return {s_.substr(from, to - from), from};
  }

  std::string_view path_;
  std::string_view s_;
  LineIndex lines_;
  BuildFileScan& out_;
  std::size_t i_ = 0;
};

}  // namespace

void scan_autoconf(std::string_view path, std::string_view text, BuildFileScan& out) {
  AutoconfReader(path, text, out).run();
}

}  // namespace oxidize::structure::detail
