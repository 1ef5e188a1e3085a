#include "oxidize/config/glob.hpp"

#include "oxidize/util/text.hpp"

namespace oxidize::config {

namespace {

// Invalid bytes map above the last code point, so they equal only themselves.
constexpr char32_t k_invalid_byte_base = 0x110000;

// The character at s[i] and its length in bytes.
std::pair<char32_t, std::size_t> char_at(std::string_view s, std::size_t i) {
  const std::size_t n = util::utf8_sequence_length(s, i);
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (n == 0) return {k_invalid_byte_base + b0, 1};
  if (n == 1) return {b0, 1};
  char32_t c = b0 & (0x7f >> n);
  for (std::size_t k = 1; k < n; ++k) c = c << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  return {c, n};
}

}  // namespace

tl::expected<Glob, std::string> Glob::compile(std::string_view pattern) {
  Glob glob;
  glob.pattern_ = std::string(pattern);
  std::string_view p = pattern;
  for (;;) {
    if (p.starts_with("./")) p.remove_prefix(2);
    else if (p.starts_with('/')) p.remove_prefix(1);
    else break;
  }
  while (p.ends_with('/')) {
    p.remove_suffix(1);
    glob.directories_only_ = true;
  }
  if (p.empty()) return tl::unexpected("empty pattern '" + glob.pattern_ + "'");

  for (std::size_t i = 0; i < p.size();) {
    Token t;
    if (p[i] == '*') {
      if (i + 1 < p.size() && p[i + 1] == '*') {
        if (i + 2 < p.size() && p[i + 2] == '/') {
          t.kind = Kind::globstar_dirs;
          i += 3;
        } else {
          t.kind = Kind::globstar;
          i += 2;
        }
      } else {
        t.kind = Kind::star;
        ++i;
      }
    } else if (p[i] == '?') {
      t.kind = Kind::any_char;
      ++i;
    } else if (p[i] == '[') {
      t.kind = Kind::set;
      std::size_t j = i + 1;
      if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
        t.negated = true;
        ++j;
      }
      bool first = true;
      while (j < p.size() && (first || p[j] != ']')) {
        first = false;
        auto [lo, n] = char_at(p, j);
        j += n;
        char32_t hi = lo;
        if (j + 1 < p.size() && p[j] == '-' && p[j + 1] != ']') {
          const auto [h, m] = char_at(p, j + 1);
          hi = h;
          j += 1 + m;
        }
        t.ranges.push_back({lo, hi});
      }
      if (j >= p.size()) return tl::unexpected("unclosed '[' in pattern '" + glob.pattern_ + "'");
      i = j + 1;
    } else {
      if (p[i] == '\\') {
        if (++i == p.size()) return tl::unexpected("trailing '\\' in pattern '" + glob.pattern_ + "'");
      }
      const auto [c, n] = char_at(p, i);
      t.ch = c;
      i += n;
    }
    glob.tokens_.push_back(std::move(t));
  }
  return glob;
}

bool Glob::accepts(const Token& t, char32_t c) {
  switch (t.kind) {
    case Kind::literal: return c == t.ch;
    case Kind::any_char:
    case Kind::star: return c != '/';
    case Kind::globstar:
    case Kind::globstar_dirs: return true;
    case Kind::set: {
      if (c == '/') return false;
      bool in = false;
      for (const auto& r : t.ranges) in = in || (c >= r.lo && c <= r.hi);
      return in != t.negated;
    }
  }
  return false;
}

bool Glob::matches(std::string_view path) const {
  if (base_.empty()) return matches_from_anchor(path);
  std::string full = base_;
  full += path;
  return matches_from_anchor(full);
}

bool Glob::matches_from_anchor(std::string_view path) const {
  // States 0..n: about to match token i (n: matched all). States n+1+i: inside
  // the directories of a "**/" token i, which may only be left on a '/' (its
  // "no directory" option is taken when the token is entered, not later).
  const std::size_t n = tokens_.size();
  std::vector<char> current(2 * n + 1, 0), next(2 * n + 1, 0);
  const auto add = [&](std::vector<char>& set, std::size_t state) {
    // Zero-width steps: '*', '**' and "**/" may match nothing.
    while (!set[state]) {
      set[state] = 1;
      if (state >= n) return;
      const Kind k = tokens_[state].kind;
      if (k != Kind::star && k != Kind::globstar && k != Kind::globstar_dirs) return;
      ++state;
    }
  };
  add(current, 0);
  for (std::size_t i = 0; i < path.size();) {
    const auto [c, len] = char_at(path, i);
    if (c == '/' && i > 0 && current[n]) return true;  // a directory of the path matched
    std::fill(next.begin(), next.end(), 0);
    bool alive = false;
    for (std::size_t s = 0; s < n; ++s) {
      if (!current[s] || !accepts(tokens_[s], c)) continue;
      alive = true;
      switch (tokens_[s].kind) {
        case Kind::star:
        case Kind::globstar: add(next, s); break;
        case Kind::globstar_dirs:
          next[n + 1 + s] = 1;
          if (c == '/') add(next, s + 1);
          break;
        default: add(next, s + 1);
      }
    }
    for (std::size_t s = 0; s < n; ++s) {
      if (!current[n + 1 + s]) continue;
      alive = true;
      next[n + 1 + s] = 1;
      if (c == '/') add(next, s + 1);
    }
    if (!alive) return false;
    current.swap(next);
    i += len;
  }
  return current[n] && !directories_only_;
}

bool matches_any(const std::vector<Glob>& globs, std::string_view path) {
  for (const auto& g : globs)
    if (g.matches(path)) return true;
  return false;
}

}  // namespace oxidize::config
