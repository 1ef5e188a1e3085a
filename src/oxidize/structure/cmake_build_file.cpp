// CMake: the command invocations of CMakeLists.txt and *.cmake, tokenised the
// way CMake does (quoted, bracket and unquoted arguments, line and bracket
// comments, nested parentheses), then the few commands that name libraries.
// Variables are not expanded: find_package(${DEP}) names nothing we can see.
#include <algorithm>

#include <fmt/format.h>

#include "oxidize/structure/build_file_text.hpp"

namespace oxidize::structure::detail {

namespace {

struct Arg {
  std::string_view text;
  std::size_t offset;
};

struct Command {
  std::string_view name;
  std::vector<Arg> args;  // each split on ';' (CMake's list separator)
};

// The length of a bracket opening "[==[" at s[i], or 0; `equals` gets its '=' count.
std::size_t bracket_open(std::string_view s, std::size_t i, std::size_t& equals) {
  if (i >= s.size() || s[i] != '[') return 0;
  std::size_t j = i + 1;
  while (j < s.size() && s[j] == '=') ++j;
  if (j >= s.size() || s[j] != '[') return 0;
  equals = j - i - 1;
  return j - i + 1;
}

// Where the bracket content that started at `from` ends (its "]==]"), or npos.
std::size_t bracket_close(std::string_view s, std::size_t from, std::size_t equals) {
  const std::string close = "]" + std::string(equals, '=') + "]";
  return s.find(close, from);
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, const LineIndex& lines) : s_(text), lines_(lines) {}

  // The next command invocation; false at the end or on damage (error() says which).
  bool next(Command& command) {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '#') {
        if (!skip_comment()) return false;
      } else if (is_ident_start(c) && (i_ == 0 || !is_ident_char(s_[i_ - 1]))) {
        const std::size_t start = i_;
        while (i_ < s_.size() && is_ident_char(s_[i_])) ++i_;
        const std::string_view name = s_.substr(start, i_ - start);
        std::size_t j = i_;
        while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t')) ++j;
        if (j < s_.size() && s_[j] == '(') {
          i_ = j + 1;
          command.name = name;
          command.args.clear();
          return arguments(command, start);
        }
      } else {
        ++i_;
      }
    }
    return false;
  }

  // The line and message of the damage that stopped reading; line 0 when none.
  std::uint32_t error_line() const { return error_line_; }
  const std::string& error() const { return error_; }

 private:
  bool skip_comment() {
    std::size_t equals = 0;
    if (const std::size_t open = bracket_open(s_, i_ + 1, equals); open > 0) {
      const std::size_t close = bracket_close(s_, i_ + 1 + open, equals);
      if (close == std::string_view::npos) return fail(i_, "a bracket comment is never closed");
      i_ = close + equals + 2;
      return true;
    }
    const std::size_t eol = s_.find('\n', i_);
    i_ = eol == std::string_view::npos ? s_.size() : eol + 1;
    return true;
  }

  bool arguments(Command& command, std::size_t start) {
    int depth = 1;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (is_space(c)) {
        ++i_;
      } else if (c == '#') {
        if (!skip_comment()) return false;
      } else if (c == '(') {
        ++depth;
        ++i_;
      } else if (c == ')') {
        ++i_;
        if (--depth == 0) return true;
      } else if (c == '"') {
        const std::size_t begin = ++i_;
        while (i_ < s_.size() && s_[i_] != '"') i_ += s_[i_] == '\\' ? 2 : 1;
        if (i_ >= s_.size()) return fail(begin - 1, "a quoted argument is never closed");
        add(command, s_.substr(begin, i_ - begin), begin);
        ++i_;
      } else if (std::size_t equals = 0, open = bracket_open(s_, i_, equals); open > 0) {
        const std::size_t begin = i_ + open;
        const std::size_t close = bracket_close(s_, begin, equals);
        if (close == std::string_view::npos) return fail(i_, "a bracket argument is never closed");
        add(command, s_.substr(begin, close - begin), begin);
        i_ = close + equals + 2;
      } else {
        const std::size_t begin = i_;
        while (i_ < s_.size() && !is_space(s_[i_]) && s_[i_] != '(' && s_[i_] != ')' && s_[i_] != '"')
          i_ += s_[i_] == '\\' ? 2 : 1;
        i_ = std::min(i_, s_.size());
        add(command, s_.substr(begin, i_ - begin), begin);
      }
    }
    return fail(start, fmt::format("{}( is never closed", command.name));
  }

  static void add(Command& command, std::string_view text, std::size_t offset) {
    std::size_t from = 0;
    for (;;) {
      const std::size_t semicolon = text.find(';', from);
      const std::string_view element = text.substr(from, semicolon - from);
      if (!element.empty()) command.args.push_back({element, offset + from});
      if (semicolon == std::string_view::npos) break;
      from = semicolon + 1;
    }
  }

  bool fail(std::size_t at, std::string message) {
    error_line_ = lines_.line_of(at);
    error_ = std::move(message);
    i_ = s_.size();
    return false;
  }

  std::string_view s_;
  const LineIndex& lines_;
  std::size_t i_ = 0;
  std::uint32_t error_line_ = 0;
  std::string error_;
};

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// target_link_libraries' and link_libraries' items: library names, -l flags
// and imported targets (ZLIB::ZLIB); paths, other flags and keywords are not names.
void link_items(const Command& c, std::size_t first, std::string_view target, std::string_view path,
                const LineIndex& lines, BuildFileScan& out) {
  for (std::size_t k = first; k < c.args.size(); ++k) {
    std::string_view item = c.args[k].text;
    if (is_one_of(item, {"PUBLIC", "PRIVATE", "INTERFACE", "LINK_PUBLIC", "LINK_PRIVATE", "LINK_INTERFACE_LIBRARIES",
                         "debug", "optimized", "general"}))
      continue;
    if (item.starts_with("-l")) {
      item.remove_prefix(2);
    } else if (item.starts_with("-") || item.find_first_of("/\\") != std::string_view::npos) {
      continue;
    }
    add_mention(out, path, lines.line_of(c.args[k].offset), item, MentionKind::cmake_link, target);
  }
}

void handle(const Command& c, std::string_view path, const LineIndex& lines, BuildFileScan& out) {
  const auto& a = c.args;
  const auto mention = [&](const Arg& arg, std::string_view name, MentionKind kind) {
    add_mention(out, path, lines.line_of(arg.offset), name, kind);
  };
  if (a.empty()) return;
  if (iequals(c.name, "find_package")) {
    mention(a[0], a[0].text, MentionKind::cmake_find_package);
  } else if (iequals(c.name, "pkg_check_modules") || iequals(c.name, "pkg_search_module")) {
    std::vector<Word> words;
    for (std::size_t k = 1; k < a.size(); ++k) {
      if (is_one_of(a[k].text, {"REQUIRED", "QUIET", "QUIETLY", "NO_CMAKE_PATH", "NO_CMAKE_ENVIRONMENT_PATH",
                                "IMPORTED_TARGET", "GLOBAL"}))
        continue;
      for (const auto& w : split_words(a[k].text, a[k].offset)) words.push_back(w);
    }
    for (const auto& m : pkg_config_modules(words))
      add_mention(out, path, lines.line_of(m.offset), m.text, MentionKind::cmake_pkg_config);
  } else if (iequals(c.name, "target_link_libraries")) {
    link_items(c, 1, a[0].text, path, lines, out);
  } else if (iequals(c.name, "link_libraries")) {
    link_items(c, 0, {}, path, lines, out);
  } else if (iequals(c.name, "find_library") && a.size() >= 2) {
    if (a[1].text != "NAMES") {
      mention(a[1], a[1].text, MentionKind::cmake_find_library);
      return;
    }
    for (std::size_t k = 2; k < a.size(); ++k) {
      // The first option after the names ends them.
      if (is_one_of(a[k].text, {"NAMES_PER_DIR", "HINTS", "PATHS", "PATH_SUFFIXES", "DOC", "REQUIRED", "NO_CACHE",
                                "NO_DEFAULT_PATH", "NO_PACKAGE_ROOT_PATH", "NO_CMAKE_PATH", "NO_CMAKE_ENVIRONMENT_PATH",
                                "NO_SYSTEM_ENVIRONMENT_PATH", "NO_CMAKE_SYSTEM_PATH", "NO_CMAKE_INSTALL_PREFIX",
                                "CMAKE_FIND_ROOT_PATH_BOTH", "ONLY_CMAKE_FIND_ROOT_PATH", "NO_CMAKE_FIND_ROOT_PATH",
                                "VALIDATOR", "ENV", "REGISTRY_VIEW"}))
        break;
      mention(a[k], a[k].text, MentionKind::cmake_find_library);
    }
  } else if (iequals(c.name, "check_library_exists")) {
    mention(a[0], a[0].text, MentionKind::cmake_check_library);
  }
}

}  // namespace

void scan_cmake(std::string_view path, std::string_view text, BuildFileScan& out) {
  const LineIndex lines(text);
  Tokenizer tokenizer(text, lines);
  Command command;
  while (tokenizer.next(command)) handle(command, path, lines, out);
  if (tokenizer.error_line() != 0)
    out.warnings.push_back(fmt::format("{}:{}: {} (read up to there)", path, tokenizer.error_line(), tokenizer.error()));
}

}  // namespace oxidize::structure::detail
