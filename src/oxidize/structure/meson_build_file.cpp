// meson.build: dependency('name', ...) calls (their positional string
// arguments: meson takes several names as fallbacks of one another) and the
// compiler method find_library('m'). Strings and comments are skipped whole,
// so a call written inside either is not one. Names built at configure time
// (variables, f-strings, '+') are not literal and are left out.
#include <fmt/format.h>

#include "oxidize/structure/build_file_text.hpp"

namespace oxidize::structure::detail {

namespace {

class MesonReader {
 public:
  MesonReader(std::string_view path, std::string_view text, BuildFileScan& out)
      : path_(path), s_(text), lines_(text), out_(out) {}

  void run() {
    while (i_ < s_.size() && ok_) {
      const char c = s_[i_];
      if (c == '#') {
        skip_comment();
      } else if (c == '\'') {
        std::string_view ignored;
        string(ignored);
      } else if (is_ident_start(c)) {
        const std::size_t start = i_;
        while (i_ < s_.size() && is_ident_char(s_[i_])) ++i_;
        const std::string_view word = s_.substr(start, i_ - start);
        if ((word == "f" || word == "r") && i_ < s_.size() && s_[i_] == '\'') continue;  // the string is read next
        const bool method = previous_non_space(start) == '.';
        std::size_t j = i_;
        while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t')) ++j;
        if (j >= s_.size() || s_[j] != '(') continue;
        // A method named dependency() (a CMake subproject's target) is no
        // system dependency; find_library is only ever a compiler method.
        if (word == "dependency" && !method) {
          i_ = j + 1;
          names(MentionKind::meson_dependency, false);
        } else if (word == "find_library" && method) {
          i_ = j + 1;
          names(MentionKind::meson_find_library, true);
        }
      } else {
        ++i_;
      }
    }
  }

 private:
  char previous_non_space(std::size_t at) const {
    while (at > 0) {
      const char c = s_[--at];
      if (!is_space(c)) return c;
    }
    return '\0';
  }

  void skip_comment() {
    const std::size_t eol = s_.find('\n', i_);
    i_ = eol == std::string_view::npos ? s_.size() : eol + 1;
  }

  void skip_blanks() {
    while (i_ < s_.size()) {
      if (is_space(s_[i_])) {
        ++i_;
      } else if (s_[i_] == '#') {
        skip_comment();
      } else {
        break;
      }
    }
  }

  // A string at s_[i_] == '\''; `content` is its text, escapes untranslated.
  bool string(std::string_view& content) {
    const std::size_t start = i_;
    if (s_.substr(i_, 3) == "'''") {
      const std::size_t end = s_.find("'''", i_ + 3);
      if (end == std::string_view::npos) return fail(start, "a ''' string is never closed");
      content = s_.substr(i_ + 3, end - i_ - 3);
      i_ = end + 3;
      return true;
    }
    ++i_;
    while (i_ < s_.size() && s_[i_] != '\'' && s_[i_] != '\n') i_ += s_[i_] == '\\' ? 2 : 1;
    if (i_ >= s_.size() || s_[i_] != '\'') return fail(start, "a string is never closed on its line");
    content = s_.substr(start + 1, i_ - start - 1);
    ++i_;
    return true;
  }

  // The positional string arguments after '(' (inside a [...] list too); the
  // first keyword argument or non-literal ends them.
  void names(MentionKind kind, bool first_only) {
    int list_depth = 0;
    for (;;) {
      skip_blanks();
      if (i_ >= s_.size()) return;
      const char c = s_[i_];
      if (c == '\'') {
        const std::size_t offset = i_;
        std::string_view name;
        if (!string(name)) return;
        skip_blanks();
        if (i_ < s_.size() && s_[i_] == '+') return;  // 'lib' + suffix: built, not literal
        add_mention(out_, path_, lines_.line_of(offset), name, kind);
        if (first_only) return;
      } else if (c == ',') {
        ++i_;
      } else if (c == '[') {
        ++list_depth;
        ++i_;
      } else if (c == ']' && list_depth > 0) {
        --list_depth;
        ++i_;
      } else {
        return;  // ')', a keyword argument, a variable: no more literal names
      }
    }
  }

  bool fail(std::size_t at, std::string_view message) {
    out_.warnings.push_back(fmt::format("{}:{}: {} (read up to there)", path_, lines_.line_of(at), message));
    ok_ = false;
    i_ = s_.size();
    return false;
  }

  std::string_view path_;
  std::string_view s_;
  LineIndex lines_;
  BuildFileScan& out_;
  std::size_t i_ = 0;
  bool ok_ = true;
};

}  // namespace

void scan_meson(std::string_view path, std::string_view text, BuildFileScan& out) {
  MesonReader(path, text, out).run();
}

}  // namespace oxidize::structure::detail
