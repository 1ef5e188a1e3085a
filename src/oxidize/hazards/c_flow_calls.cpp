// Library calls in a C/C++ function body (c_library.cpp says what each does):
// unbounded copies and formats, scanf widths, non-literal formats, bounded
// calls whose size is not the destination's, allocation sizes, frees, and
// what an unknown call (maybe a macro) may do to its arguments.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "oxidize/hazards/c_argument_reads.hpp"
#include "oxidize/hazards/c_flow_model.hpp"

namespace oxidize::hazards::flow {

namespace {

// The text between a literal's quotes (prefixes like L or u8 dropped).
std::string_view literal_body(std::string_view t) {
  const std::size_t open = t.find('"');
  if (open == std::string_view::npos || t.size() < open + 2) return t;
  return t.substr(open + 1, t.size() - open - 2);
}

// The characters a string literal token spells (escapes count as one).
std::optional<std::int64_t> literal_text_length(std::string_view t) {
  std::int64_t length = 0;
  {
    const std::size_t open = t.find('"');
    if (open == std::string_view::npos || t.size() < open + 2 || t.find('R') < open) return std::nullopt;
    t = t.substr(open + 1, t.size() - open - 2);
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (t[k] == '\\' && k + 1 < t.size()) {
        ++k;
        if (t[k] == 'x') while (k + 1 < t.size() && std::isxdigit(static_cast<unsigned char>(t[k + 1]))) ++k;
        else if (t[k] >= '0' && t[k] <= '7')
          for (int d = 0; d < 2 && k + 1 < t.size() && t[k + 1] >= '0' && t[k + 1] <= '7'; ++d) ++k;
      }
      ++length;
    }
  }
  return length;
}

std::optional<std::int64_t> literal_length(const TokenView& v, Range r, const FileContext* file = nullptr) {
  if (r.empty()) return std::nullopt;
  std::int64_t length = 0;
  for (std::size_t i = r.begin; i < r.end; ++i) {
    std::string_view text = v.text(i);
    if (!v.is_string(i)) {
      // A macro of this file whose body is one string (`#define UNLIMITED "unlimited"`).
      const std::string_view* literal = file != nullptr && v.is_identifier(i) ? file->string_macro(text) : nullptr;
      if (literal == nullptr) return std::nullopt;
      text = *literal;
    }
    const auto n = literal_text_length(text);
    if (!n) return std::nullopt;
    length += *n;
  }
  return length;
}

// Digits of an integer conversion for an argument of a known small type;
// nothing when the type is unknown or as wide as int. A signed char printed
// with %x is promoted to a negative int: all eight digits.
std::optional<std::int64_t> small_type_digits(char conversion, ArgumentType a) {
  if (a.bytes != 1 && a.bytes != 2) return std::nullopt;
  const bool one = a.bytes == 1;
  switch (conversion) {
    case 'd': case 'i': return a.is_unsigned ? (one ? 3 : 5) : (one ? 4 : 6);
    case 'u': if (!a.is_unsigned) return std::nullopt; return one ? 3 : 5;
    case 'x': case 'X': if (!a.is_unsigned) return std::nullopt; return one ? 2 : 4;
    case 'o': if (!a.is_unsigned) return std::nullopt; return one ? 3 : 6;
    default: return std::nullopt;
  }
}

// The text of adjacent string literals as the compiler joins them (`"a %s"
// "b"`), escapes kept; nothing when a token is not a string.
std::optional<std::string> joined_literals(const TokenView& v, Range r) {
  std::string text;
  for (std::size_t i = r.begin; i < r.end; ++i) {
    if (!v.is_string(i)) return std::nullopt;
    text += literal_body(v.text(i));
  }
  return text;
}

// The longest text of a kernel `%p` extension whose length is fixed: an
// IPv4 address (`I4`, 15), IPv6 (`I6`, 39; `i6` without colons, 32), a
// socket address (`IS`, an IPv6 address and, with its flags, `[...]:port`
// 8 more, `/flowinfo` and `%scope` 11 each), a MAC address (`M`, 17; `m`,
// 12), a UUID (`U`, 36), a hex dump of `width` bytes (`h`, two digits and a
// separator each); -1 for the others (symbols, paths, device names,
// escaped strings).
std::int64_t pointer_extension_length(std::string_view e, std::int64_t width) {
  if (e.starts_with("IS") || e.starts_with("iS")) {
    std::int64_t n = 39;
    for (const char flag : e.substr(2)) n += flag == 'p' ? 8 : (flag == 'f' || flag == 's') ? 11 : 0;
    return n;
  }
  if (e == "h" || e == "hC" || e == "hD" || e == "hN") {
    const std::int64_t bytes = width > 0 ? std::min<std::int64_t>(width, 64) : 1;
    return e == "hN" ? 2 * bytes : 3 * bytes - 1;
  }
  if (e.starts_with("I4") || e.starts_with("i4")) return 15;
  if (e.starts_with("I6")) return 39;
  if (e.starts_with("i6")) return 32;
  if (e == "M" || e == "MR" || e == "MF") return 17;
  if (e == "m" || e == "mR") return 12;
  if (e.starts_with("U")) return 36;
  return -1;
}

// The longest output a printf format can produce, or nothing when a
// conversion is unbounded (%s without precision, floating point).
// `types[k]` is what is known of the k-th argument after the format.
// `inexact` is set when a conversion's longest output is not known but
// is short (a kernel `%p` extension not listed above): the result then
// counts it as a pointer and proves nothing.
std::optional<std::int64_t> format_max_length(std::string_view f, std::span<const ArgumentType> types = {},
                                              bool* inexact = nullptr) {
  std::int64_t total = 0;
  std::size_t argument = 0;
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (f[k] == '\\') {
      ++k;
      ++total;
      continue;
    }
    if (f[k] != '%') {
      ++total;
      continue;
    }
    if (k + 1 < f.size() && f[k + 1] == '%') {
      ++k;
      ++total;
      continue;
    }
    ++k;
    while (k < f.size() && std::strchr("-+ #0", f[k]) != nullptr) ++k;
    std::int64_t width = 0;
    while (k < f.size() && std::isdigit(static_cast<unsigned char>(f[k]))) width = width * 10 + (f[k++] - '0');
    if (k < f.size() && f[k] == '*') return std::nullopt;
    std::int64_t precision = -1;
    if (k < f.size() && f[k] == '.') {
      ++k;
      precision = 0;
      if (k < f.size() && f[k] == '*') return std::nullopt;
      while (k < f.size() && std::isdigit(static_cast<unsigned char>(f[k]))) precision = precision * 10 + (f[k++] - '0');
    }
    bool wide = false;
    while (k < f.size() && std::strchr("hlLqjzt", f[k]) != nullptr) {
      if (f[k] != 'h') wide = true;
      ++k;
    }
    if (k >= f.size()) return std::nullopt;
    const ArgumentType type = argument < types.size() && !wide ? types[argument] : ArgumentType{};
    ++argument;
    std::int64_t n;
    if (const auto small = small_type_digits(f[k], type)) {
      total += std::max(*small, width);
      continue;
    }
    switch (f[k]) {
      case 'd': case 'i': n = wide ? 20 : 11; break;
      case 'u': n = wide ? 20 : 10; break;
      case 'x': case 'X': n = wide ? 16 : 8; break;
      case 'o': n = wide ? 22 : 11; break;
      case 'c': n = 1; break;
      case 'p': {
        // The kernel's printf reads every letter and digit after %p as an
        // extension (`%pI4`, `%pM`, `%pISpc`, `%pOF`).
        std::size_t e = k + 1;
        while (e < f.size() && std::isalnum(static_cast<unsigned char>(f[e]))) ++e;
        n = 18;
        if (e > k + 1) {
          n = pointer_extension_length(f.substr(k + 1, e - k - 1), width);
          width = 0;  // a hex dump's width counts bytes, not characters
          if (n < 0) {
            n = 18;
            if (inexact != nullptr) *inexact = true;
          }
          k = e - 1;
        }
        break;
      }
      case 's':
        // Unbounded, unless a precision or the array holding the string
        // (`char name[16]`: at most 15 characters) says otherwise.
        if (precision >= 0 && type.string_capacity >= 0) n = std::min(precision, type.string_capacity);
        else if (precision >= 0) n = precision;
        else if (type.string_capacity >= 0) n = type.string_capacity;
        else return std::nullopt;
        break;
      default: return std::nullopt;
    }
    total += std::max(n, width);
  }
  return total;
}

// scanf: a %s or %[ without a width.
bool scanf_unbounded(std::string_view f) {
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (f[k] != '%') continue;
    ++k;
    if (k < f.size() && f[k] == '%') continue;
    if (k < f.size() && f[k] == '*') continue;  // assigned nowhere
    bool width = false;
    while (k < f.size() && std::isdigit(static_cast<unsigned char>(f[k]))) {
      width = true;
      ++k;
    }
    bool allocates = false;
    while (k < f.size() && std::strchr("hlLqjztm", f[k]) != nullptr) {
      if (f[k] == 'm') allocates = true;
      ++k;
    }
    if (k < f.size() && (f[k] == 's' || f[k] == '[') && !width && !allocates) return true;
  }
  return false;
}

bool has_string(const TokenView& v, Range r) {
  for (std::size_t i = r.begin; i < r.end; ++i)
    if (v.is_string(i)) return true;
  return false;
}

}  // namespace

// The argument's source text for a message (`ca->ai_canonname`, `*path`), cut short.
std::string FunctionFlow::arg_text(Range r) const {
  if (r.empty()) return {};
  const std::uint32_t begin = v_.begin(r.begin);
  const std::uint32_t end = v_.end(r.end - 1);
  std::string text(v_.source().substr(begin, std::min<std::uint32_t>(end - begin, 60)));
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return text;
}

// The variable an argument starts with, past casts, `(` and `&` (and `*`
// with `through_deref`): `buf`, `&buf[1]`, `buf + 2`, `(char *)buf`.
std::string_view FunctionFlow::leading_name(Range arg, bool through_deref) const {
  const Range a = strip_casts(arg);
  std::size_t k = a.begin;
  while (k < a.end && (v_.is(k, "&") || v_.is(k, "(") || (through_deref && v_.is(k, "*")))) ++k;
  return k < a.end && v_.is_identifier(k) ? v_.text(k) : std::string_view();
}

// `strlen(src)` (or sizeof/strnlen of it) earlier in the body: the usual sign
// of a length check before the copy.
// The body is read once, on the first question: where each name first
// stands inside the parentheses of a strlen-like call (to the end of the
// body when they do not close); a name's length was taken before `at` when
// that place is before `at`.
bool FunctionFlow::length_taken_before(Range arg, std::size_t at) const {
  const std::string_view name = leading_name(arg, true);
  if (name.empty()) return false;
  if (!length_taken_at_) {
    length_taken_at_.emplace();
    // The calls' argument ranges begin in ascending order and nest or
    // follow each other: one sweep with the furthest end reached so far.
    std::vector<Range> inside;
    for (std::size_t t = body_.begin; t + 1 < body_.end; ++t) {
      if (!(v_.is(t, "strlen") || v_.is(t, "strnlen") || v_.is(t, "wcslen")) || !v_.is(t + 1, "(")) continue;
      const std::size_t close = v_.match(t + 1);
      inside.push_back({t + 2, close == npos ? body_.end : std::min(close, body_.end)});
    }
    std::size_t next = 0;
    std::size_t covered_to = 0;
    for (std::size_t u = body_.begin; u < body_.end; ++u) {
      for (; next < inside.size() && inside[next].begin <= u; ++next)
        covered_to = std::max(covered_to, inside[next].end);
      if (u < covered_to && v_.is_identifier(u)) length_taken_at_->emplace(v_.text(u), u);
    }
  }
  const auto found = length_taken_at_->find(name);
  return found != length_taken_at_->end() && found->second < at;
}

namespace {

// A format literal with a conversion that copies text into the output
// (`%s`, `%c`, `%ls`, `%S`): what it inserts can hold `%`.
bool inserts_text(std::string_view literal) {
  for (std::size_t k = 0; k < literal.size(); ++k) {
    if (literal[k] != '%') continue;
    std::size_t c = k + 1;
    while (c < literal.size() && std::string_view("-+ #0123456789.*'hlLqjzt").find(literal[c]) != std::string_view::npos)
      ++c;
    if (c >= literal.size()) return false;
    if (literal[c] == 's' || literal[c] == 'c' || literal[c] == 'S' || literal[c] == 'C' || literal[c] == '[')
      return true;
    k = c;  // `%%` and the numeric conversions
  }
  return false;
}

// The arguments (0 = the first after the format) that a format's `%s`
// conversions insert; `*` widths and precisions take an argument each.
std::vector<std::size_t> string_conversions(std::string_view literal) {
  std::vector<std::size_t> out;
  std::size_t arg = 0;
  for (std::size_t k = 0; k < literal.size(); ++k) {
    if (literal[k] != '%') continue;
    std::size_t c = k + 1;
    for (; c < literal.size() && std::string_view("-+ #0123456789.*'hlLqjzt").find(literal[c]) != std::string_view::npos;
         ++c)
      if (literal[c] == '*') ++arg;
    if (c >= literal.size()) break;
    k = c;
    if (literal[c] == '%') continue;
    if (literal[c] == 's' || literal[c] == 'S') out.push_back(arg);
    ++arg;
  }
  return out;
}

// The key of an assignment's target, token by token (`*ip_port`, `p->name`).
std::string target_key(const TokenView& v, std::size_t begin, std::size_t end) {
  std::string key;
  for (std::size_t k = begin; k < end; ++k) {
    key += v.text(k);
    key += '\x1f';  // no token holds it
  }
  return key;
}

bool is_strlen_like(const TokenView& v, std::size_t t) {
  return v.is(t, "strlen") || v.is(t, "strnlen") || v.is(t, "wcslen");
}

}  // namespace

const CopyEvidence& FunctionFlow::copy_evidence() const {
  if (copy_evidence_) return *copy_evidence_;
  CopyEvidence& e = copy_evidence_.emplace();
  constexpr std::size_t k_target_tokens = 8;
  // The variables that hold a string length: assigned (`=`, `+=`) from an
  // expression with strlen or with another of them (`space = strlen(name);
  // space += strlen(*list) + 2; space++;`), a few rounds for the chains.
  std::unordered_set<std::string_view, NameHash> lengths;
  for (int round = 0; round < 3; ++round) {
    const std::size_t before = lengths.size();
    for (std::size_t t = body_.begin + 1; t + 1 < body_.end; ++t) {
      if (!(v_.is(t, "=") || v_.is(t, "+=")) || !v_.is_identifier(t - 1) || lengths.count(v_.text(t - 1)) != 0)
        continue;
      for (std::size_t r = t + 1; r < body_.end && !v_.is(r, ";") && !v_.is(r, "=") && !v_.is(r, "{"); ++r)
        if (is_strlen_like(v_, r) || (v_.is_identifier(r) && lengths.count(v_.text(r)) != 0)) {
          lengths.insert(v_.text(t - 1));
          break;
        }
    }
    if (lengths.size() == before) break;
  }
  for (std::size_t t = body_.begin; t + 1 < body_.end; ++t) {
    if ((v_.is(t, "if") || v_.is(t, "while")) && v_.is(t + 1, "(")) {
      const std::size_t close = v_.match(t + 1);
      if (close == npos || close >= body_.end) continue;
      bool length = false;
      bool relational = false;
      for (std::size_t u = t + 2; u < close; ++u) {
        const std::string_view w = v_.text(u);
        if (w == "sizeof") {
          if (v_.is(u + 1, "(") && v_.is(u + 3, ")")) e.sizeof_in_condition.try_emplace(v_.text(u + 2), close);
          else if (v_.is_identifier(u + 1)) e.sizeof_in_condition.try_emplace(v_.text(u + 1), close);
        }
        relational = relational || w == "<" || w == ">" || w == "<=" || w == ">=";
        if (w == "strlen" || w == "strnlen") length = true;
        if (v_.is_identifier(u)) e.in_condition.try_emplace(w, close);
      }
      if (relational) {
        // A pointer difference compared with something (`if ((size_t)(tp
        // - tmp) > size) return NULL;`): the string from `tmp` was measured.
        for (std::size_t u = t + 3; u < close; ++u)
          if (v_.is(u, "-") && v_.is_identifier(u + 1) && (v_.is_identifier(u - 1) || v_.is(u - 1, ")")))
            e.measured_in_condition.try_emplace(v_.text(u + 1), close);
      }
      if (v_.is(t, "if") && relational) {
        if (length) e.strlen_comparison = std::min(e.strlen_comparison, close);
        for (std::size_t u = t + 2; u < close; ++u)
          if (v_.is_identifier(u)) e.compared_names.emplace_back(close, v_.text(u));
      }
      // The conditions nest in none but their own body: go on inside it.
      continue;
    }
    if (!v_.is(t, "=")) continue;
    // An assignment: is there a string length before its `;`, or a
    // variable that holds one?
    std::size_t length_at = npos;
    for (std::size_t r = t + 1; r < body_.end && !v_.is(r, ";") && !v_.is(r, "=") && !v_.is(r, "{"); ++r)
      if (is_strlen_like(v_, r) || (v_.is_identifier(r) && lengths.count(v_.text(r)) != 0)) {
        length_at = r;
        break;
      }
    if (length_at == npos) {
      // A copy of a pointer to such a block (`ciphers[i].ptr =
      // ciphers[i].buf;` after `ciphers[i].buf = malloc(l)`).
      std::size_t end = t + 1;
      while (end < body_.end && end <= t + k_target_tokens + 1 && !v_.is(end, ";")) ++end;
      if (end > t + 1 && end <= t + k_target_tokens + 1 && v_.is(end, ";")) {
        const auto copied = e.assigned_length.find(target_key(v_, t + 1, end));
        if (copied != e.assigned_length.end()) length_at = copied->second;
      }
    }
    if (length_at == npos) continue;
    for (std::size_t size = 1; size <= k_target_tokens && size <= t - body_.begin; ++size) {
      const std::size_t k = t - size;
      if (k > body_.begin && (v_.is(k - 1, ".") || v_.is(k - 1, "->") || v_.is_identifier(k - 1))) continue;
      e.assigned_length.try_emplace(target_key(v_, k, t), length_at);
    }
  }
  std::stable_sort(e.compared_names.begin(), e.compared_names.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return e;
}

// A condition earlier in the body that compares with the destination's size
// (`if (len >= sizeof(keyval)) return ...;`) or tests the source's length
// by its name (`if (size <= backends_len)` before copying `backends`): the
// copy is checked, the way the function's author meant.
bool FunctionFlow::bound_checked_before(Range dest, Range source, std::size_t at) const {
  const CopyEvidence& e = copy_evidence();
  const auto before = [&](const auto& map, std::string_view name) {
    const auto found = map.find(name);
    return found != map.end() && found->second < at;
  };
  const std::string_view to = leading_name(dest, false);
  if (!to.empty() && before(e.sizeof_in_condition, to)) return true;
  const std::string_view from = leading_name(source, true);
  if (!from.empty() && before(e.measured_in_condition, from)) return true;
  if (from.size() < 2) return false;
  std::string name(from);
  for (const std::string_view suffix : {"len", "_len", "length", "_length", "_size", "size", "Len", "Length"}) {
    name.resize(from.size());
    name += suffix;
    if (before(e.in_condition, name)) return true;
  }
  return false;
}

// The destination, spelled the same (`*ip_port`, `p->name`), was assigned
// earlier in the function from a size that counts string lengths
// (`*ip_port = OPENSSL_zalloc(strlen(host) + strlen(port) + 2)`): the block
// was made for what is copied into it.
bool FunctionFlow::allocated_from_lengths(Range dest, std::size_t at) const {
  const Range d = strip_casts(dest);
  if (d.empty() || d.size() > 8) return false;
  const CopyEvidence& e = copy_evidence();
  const auto found = e.assigned_length.find(target_key(v_, d.begin, d.end));
  return found != e.assigned_length.end() && found->second < at;
}

// The length of a string array that never changes (`static const char
// context[] = "TLS 1.3, server CertificateVerify"`, in the function or at
// file scope): copying it copies a known, short text.
std::optional<std::int64_t> FunctionFlow::constant_string_length(Range arg) const {
  const std::string_view name = single_name(strip_casts(arg));
  const Var* var = name.empty() ? nullptr : find(name);
  if (var == nullptr || var->kind != Kind::array || var->elem_size != 1 || var->dims[0] <= 0 || var->dims[1] != -1 ||
      var->parameter)
    return std::nullopt;
  const bool unchanged = var->local || !file_.literal_global(name) ? only_literals_assigned(name) : true;
  if (!unchanged) return std::nullopt;
  return var->dims[0] - 1;
}

// An `if` earlier in the body that compares a string length (`strlen(...)`,
// or a variable assigned one) with something: the usual room check before
// a copy and the appends that follow it (`if (len + 1 + strlen(RFILE) + 1 >=
// size) return NULL; strcpy(buf, s); strcat(buf, "/");`). The variables'
// conditions are asked in order as the walk goes on (copies come in
// ascending order), each once, against what the walk knows then.
bool FunctionFlow::length_compared_before(std::size_t at) const {
  const CopyEvidence& e = copy_evidence();
  if (e.strlen_comparison < at) return true;
  auto& mutable_e = *copy_evidence_;
  for (; mutable_e.compared_seen < e.compared_names.size() && e.compared_names[e.compared_seen].first < at;
       ++mutable_e.compared_seen) {
    const auto& [close, name] = e.compared_names[e.compared_seen];
    const Var* var = find(name);
    if (var != nullptr && var->from_strlen) mutable_e.variable_comparison = std::min(e.variable_comparison, close);
  }
  return e.variable_comparison < at;
}

// A format call whose every `%s` argument is a literal or a string whose
// length the function took before `at`.
bool FunctionFlow::strings_measured_before(std::string_view format, const TokenView::RangeList& args,
                                           std::size_t at) const {
  const std::vector<std::size_t> strings = string_conversions(format);
  if (strings.empty()) return false;
  for (const std::size_t s : strings) {
    if (s + 2 >= args.size()) return false;
    const Range arg = args[s + 2];
    if (arg.size() == 1 && v_.is_string(arg.begin)) continue;
    if (!length_taken_before(arg, at)) return false;
  }
  return true;
}

// `char ret[25]; strcpy(out, ret);`: a local array read as a string before
// anything wrote it (CWE-457). Only where nothing could have: no
// initialiser and not static (written.contents is false), its name nowhere
// between its declaration and the call (no alias, no macro, no `sizeof`),
// no enclosing loop (a later pass may read what an earlier one wrote) and
// no goto in the body.
void FunctionFlow::unwritten_string_reads(std::string_view callee, const LibraryCall* lib,
                                          const TokenView::RangeList& args, std::size_t at) {
  std::vector<std::size_t> read;
  const unsigned reads = argument_reads(callee).strings;
  for (std::size_t n = 0; n < args.size() && n < 2; ++n)
    if ((reads >> n) & 1U) read.push_back(n);
  const bool formats = lib != nullptr && (lib->kind == CallKind::format || lib->kind == CallKind::format_unbounded);
  if (formats && lib->format_arg >= 0 && static_cast<std::size_t>(lib->format_arg) < args.size() && !lib->va_list) {
    const Range format = args[static_cast<std::size_t>(lib->format_arg)];
    if (format.size() == 1 && v_.is_string(format.begin))
      for (const std::size_t s : string_conversions(literal_body(v_.text(format.begin))))
        read.push_back(static_cast<std::size_t>(lib->format_arg) + 1 + s);
  }
  if (read.empty()) return;
  for (const std::size_t n : read) {
    if (n >= args.size()) continue;
    const std::string_view name = single_name(args[n]);
    const Var* var = name.empty() ? nullptr : find(name);
    if (var == nullptr || var->kind != Kind::array || !var->local || var->written.contents || var->dims[1] != -1)
      continue;
    const bool in_loop = std::any_of(entries_.begin(), entries_.end(), [](const Entry& e) {
      return e.body == Body::loop || e.body == Body::do_block;
    });
    if (in_loop || named_in("goto", body_)) return;
    // Its declaration is the only place the name stands before the call.
    if (places_before(name, at) != 1) continue;
    report(RuleId::uninitialized_read, Confidence::medium, at,
           fmt::format("{} reads the string in '{}', which nothing has written", callee, name));
    change(name).written.contents = true;
  }
}

// A character array as declared: a variable of the function or the file
// (`char current[PATH_MAX]`), or a member of one of the file's structs
// (`dp->best`, `config.user`) by its name.
std::optional<DeclaredArray> FunctionFlow::declared_array(Range r) const {
  r = strip_casts(r);
  if (const auto stride = slot_stride(r)) {
    const auto bytes = evaluate(v_, *stride, *this);
    return DeclaredArray{{}, *stride, bytes && bytes->is_point() && bytes->lo > 0 ? bytes->lo : -1};
  }
  if (r.size() >= 3 && v_.is_identifier(r.end - 1) && (v_.is(r.end - 2, "->") || v_.is(r.end - 2, "."))) {
    const FileContext::MemberArray* m = file_.member_array(v_.text(r.end - 1));
    if (m == nullptr) return std::nullopt;
    return DeclaredArray{m->type, m->size_tokens, m->bytes};
  }
  const std::string_view name = single_name(r);
  const Var* var = name.empty() ? nullptr : find(name);
  // A pointer parameter every caller gives the same array (ArgumentFact),
  // never moved or reassigned here.
  if (var != nullptr && var->kind != Kind::array && var->parameter && !var->size_tokens.empty() &&
      !assigned_anywhere(name))
    return DeclaredArray{var->type, var->size_tokens, -1};
  // ... or arrays of one known length (not the smallest of several: as a
  // source it may hold more).
  if (var != nullptr && var->parameter && var->points.target == Target::array && !var->extent.smallest_caller &&
      !assigned_anywhere(name))
    if (const auto bytes = destination_bytes(r)) return DeclaredArray{var->type, {}, *bytes};
  if (var == nullptr || var->kind != Kind::array || var->dims[1] != -1) return std::nullopt;
  const std::int64_t bytes = var->dims[0] >= 0 && var->elem_size > 0 ? var->dims[0] * var->elem_size : -1;
  if (bytes < 0 && var->size_tokens.empty()) return std::nullopt;
  return DeclaredArray{var->type, var->size_tokens, bytes};
}

// `table + i * MAX_PATH`, or `table + ii` where the body gives `ii` only
// `0`, `j * MAX_PATH` and `+= MAX_PATH`: a slot of a table of fixed-size
// strings (VisualPng's `malloc(count * MAX_PATH)` file list). The slot's
// size is the stride as written; copies between slots, or between a slot
// and an array of that size, fit. A copy of something longer into a slot
// is still reported.
std::optional<TokenView::Range> FunctionFlow::slot_stride(Range r) const {
  const auto sides = v_.split_top_level(r, "+");
  if (sides.size() != 2 || sides[0].empty() || sides[1].empty()) return std::nullopt;
  Range offset = sides[1];
  while (offset.size() >= 3 && v_.is(offset.begin, "(") && v_.match(offset.begin) == offset.end - 1)
    offset = {offset.begin + 1, offset.end - 1};
  if (const auto k = stride_of_product(offset)) return k;
  const std::string_view name = single_name(offset);
  const Var* var = name.empty() ? nullptr : find(name);
  if (var == nullptr || !var->local || var->kind != Kind::scalar) return std::nullopt;
  const auto [cached, fresh] = slot_strides_.try_emplace(name);
  if (fresh) cached->second = stride_of_assignments(name);
  return cached->second;
}

// The stride every assignment of a local gives it (`ii = 0`, `ii = j *
// MAX_PATH`, `ii += MAX_PATH`), the same one each time; asked once per name.
std::optional<TokenView::Range> FunctionFlow::stride_of_assignments(std::string_view name) const {
  std::optional<Range> stride;
  const auto agree = [&](Range k) {
    if (stride && !same_tokens(*stride, k)) return false;
    stride = k;
    return true;
  };
  for (std::size_t k = body_.begin; k < body_.end; ++k) {
    if (!v_.is_identifier(k) || v_.text(k) != name || v_.is(k - 1, ".") || v_.is(k - 1, "->")) continue;
    if (v_.is(k - 1, "&") || v_.is(k - 1, "++") || v_.is(k - 1, "--") || v_.is(k + 1, "++") || v_.is(k + 1, "--"))
      return std::nullopt;
    if (!is_assignment_operator(v_.text(k + 1))) continue;
    const Range rhs{k + 2, expression_end(k + 2, body_.end)};
    if (v_.is(k + 1, "=") && rhs.size() == 1 && v_.is(rhs.begin, "0")) continue;
    const auto product = v_.is(k + 1, "=") ? stride_of_product(rhs) : std::nullopt;
    const bool step = v_.is(k + 1, "+=") && rhs.size() == 1 && stride_word(rhs.begin);
    if (!(product ? agree(*product) : step && agree(rhs))) return std::nullopt;
  }
  return stride;
}

// A constant the walk cannot see (`MAX_PATH`, an upper-case macro) or a number.
bool FunctionFlow::stride_word(std::size_t t) const {
  return v_.is_number(t) || (v_.is_identifier(t) && upper_case_name(v_.text(t)) && find(v_.text(t)) == nullptr);
}

// `i * MAX_PATH` or `MAX_PATH * i`: the stride's token.
std::optional<TokenView::Range> FunctionFlow::stride_of_product(Range r) const {
  if (r.size() < 3) return std::nullopt;
  // Only a chain of factors: `x - y * K` is no multiple of K.
  for (std::size_t t = r.begin; t < r.end; ++t) {
    if (v_.is(t, "(") || v_.is(t, "[")) {
      const std::size_t m = v_.match(t);
      if (m == npos || m >= r.end) return std::nullopt;
      t = m;
    } else if (!(v_.is_identifier(t) || v_.is_number(t) || v_.is(t, "*") || v_.is(t, "->") || v_.is(t, "."))) {
      return std::nullopt;
    }
  }
  if (v_.is(r.end - 2, "*") && stride_word(r.end - 1) && !is_unary_at(r.end - 2)) return Range{r.end - 1, r.end};
  if (v_.is(r.begin + 1, "*") && stride_word(r.begin)) return Range{r.begin, r.begin + 1};
  return std::nullopt;
}

bool FunctionFlow::same_tokens(Range a, Range b) const {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (v_.text(a.begin + k) != v_.text(b.begin + k)) return false;
  return true;
}

// What a copy's source lies in: the array itself, or for a suffix of a
// string found in it (`strrchr(path, '/') + 1`, `strchr(s, ':')`), that
// array, which the suffix cannot outgrow.
std::optional<DeclaredArray> FunctionFlow::source_array(Range r) const {
  r = strip_casts(r);
  if (r.size() >= 6 && (v_.is(r.begin, "strrchr") || v_.is(r.begin, "strchr")) && v_.is(r.begin + 1, "(")) {
    const std::size_t close = v_.match(r.begin + 1);
    const bool plus_constant = close + 3 == r.end && v_.is(close + 1, "+") && v_.is_number(close + 2);
    if (close != npos && (close + 1 == r.end || plus_constant)) {
      const auto args = v_.split_top_level({r.begin + 2, close}, ",");
      if (args.size() == 2) return declared_array(args[0]);
    }
  }
  return declared_array(r);
}

// The source is an array no larger than the destination: sizes known and
// in order (`char value[32]` into `config.user[256]`), or the same size as
// written (`char a[MAX_PATH]` and `TCHAR b[MAX_PATH]`, a header's macro;
// pngcp's `curr[32*SL]` and `best[32*SL]`). The element types need not be
// spelled alike: a string copy compiles only when both are the copy's
// character type (strcpy's char, wcscpy's wchar_t), whatever the typedef.
// A string held in the source fits. Members are known by name only, so
// this only ever lowers a finding, never makes one.
bool FunctionFlow::source_fits(Range dest, Range source) const {
  const auto d = declared_array(dest);
  const auto s = d ? source_array(source) : std::nullopt;
  if (!d || !s) return false;
  if (d->bytes >= 0 && s->bytes >= 0) return s->bytes <= d->bytes;
  return !d->size_tokens.empty() && same_tokens(d->size_tokens, s->size_tokens);
}

bool FunctionFlow::sized_by_strlen(Range arg) const {
  const std::string_view name = leading_name(arg, true);
  const Var* var = name.empty() ? nullptr : find(name);
  return var != nullptr && var->sized_by_strlen;
}

// A local pointer given nothing but literals, or elements of a constant
// table of literals (`expire = preload_hosts[i].exp`): what it points to is
// one of those short, known strings. Asked once per name.
bool FunctionFlow::holds_only_literals(Range arg) const {
  const std::string_view name = single_name(strip_casts(arg));
  const Var* var = name.empty() ? nullptr : find(name);
  // A pointer, or a name of a type this file does not define
  // (`png_const_charp`): only a pointer can be given a string literal.
  if (var == nullptr || !var->local || (var->kind != Kind::pointer && var->kind != Kind::other)) return false;
  return literal_assignments_cached(name).holds_only_literals();
}

const LiteralAssignments& FunctionFlow::literal_assignments_cached(std::string_view name) const {
  const auto [it, fresh] = literal_only_.try_emplace(name);
  if (fresh) it->second = literal_assignments(name);
  return it->second;
}

// Every assignment of a variable of this function, its initialiser
// included, read once: literals (`const char *fmt = wide ? "%08x" :
// "%04x";`) or not; its address taken or its contents written is not.
LiteralAssignments FunctionFlow::literal_assignments(std::string_view name) const {
  LiteralAssignments found;
  const auto other = [&found] {
    found.only_literals = false;
    return found;
  };
  for (std::size_t k = body_.begin; k < body_.end; ++k) {
    if (!v_.is_identifier(k) || v_.text(k) != name) continue;
    if (k > 0 && (v_.is(k - 1, ".") || v_.is(k - 1, "->"))) continue;
    if ((k > 0 && v_.is(k - 1, "&")) || written_as_buffer(v_, k)) return other();
    std::size_t at = k + 1;
    while (v_.is(at, "[") && v_.match(at) != npos) at = v_.match(at) + 1;  // `fmt[] = "..."` declares
    if (at != k + 1 && !(k > 0 && (v_.is_identifier(k - 1) || v_.is(k - 1, "*")))) {
      if (is_write_after(at)) return other();  // an element written
      continue;
    }
    if (v_.is(at, "++") || v_.is(at, "--") || (k > 0 && (v_.is(k - 1, "++") || v_.is(k - 1, "--")))) return other();
    if (!is_assignment_operator(v_.text(at))) continue;
    if (!v_.is(at, "=")) return other();
    const std::size_t end = expression_end(at + 1, body_.end);
    // NULL points to no string; printf's %s prints glibc's "(null)".
    const bool null = end == at + 2 && is_null_literal(v_.text(at + 1));
    if (!null && !literal_expression(v_, {at + 1, end}, file_)) return other();
    found.any = true;
    const std::int64_t length = null ? 6 : longest_literal({at + 1, end});
    found.longest = length < 0 || found.longest < 0 ? -1 : std::max(found.longest, length);
  }
  return found;
}

// The longest string a literal expression (literal_expression()) gives:
// the longest branch of a `?:`, adjacent literals joined, the longest entry
// of a constant table; -1 when a catalogue call or an initialiser list
// leaves it untold.
std::int64_t FunctionFlow::longest_literal(Range r) const {
  if (r.size() >= 4 && v_.is_identifier(r.begin) && v_.is(r.begin + 1, "["))
    return file_.literal_table(v_.text(r.begin));
  const std::size_t k = after_condition(v_, r);
  std::int64_t longest = 0;
  std::int64_t branch = 0;
  for (std::size_t t = k; t < r.end; ++t) {
    if (v_.is(t, ":")) {
      branch = 0;
    } else if (v_.is(t, "(") || v_.is(t, ")") || v_.is(t, "?")) {
      continue;
    } else {
      const auto length = literal_length(v_, {t, t + 1}, &file_);
      if (!length) return -1;
      branch += *length;
    }
    longest = std::max(longest, branch);
  }
  return longest;
}

// The type of an argument when it is a cast to a basic type or a scalar
// variable of a known type.
ArgumentType FunctionFlow::argument_type(Range arg) const {
  if (arg.size() >= 4 && v_.is(arg.begin, "(")) {
    const std::size_t close = v_.match(arg.begin);
    if (close != npos && close + 1 < arg.end) {
      const Range type{arg.begin + 1, close};
      if (const auto bytes = basic_type_size(v_, type)) {
        bool is_unsigned = false;
        for (std::size_t k = type.begin; k < type.end; ++k) is_unsigned = is_unsigned || unsigned_type_word(v_.text(k));
        return {*bytes, is_unsigned};
      }
    }
  }
  // `names[format]`: an element of a constant table of literals.
  if (arg.size() >= 4 && v_.is_identifier(arg.begin) && v_.is(arg.begin + 1, "[") &&
      v_.match(arg.begin + 1) == arg.end - 1) {
    const Var* table = find(v_.text(arg.begin));
    if (table != nullptr && !table->local && !table->parameter)
      if (const std::int64_t longest = file_.literal_table(v_.text(arg.begin)); longest >= 0)
        return {.string_capacity = longest};
  }
  const std::string_view name = single_name(arg);
  const Var* var = name.empty() ? nullptr : find(name);
  if (var == nullptr) return {};
  if (var->kind == Kind::array && var->elem_size == 1 && var->dims[0] > 0 && var->dims[1] == -1)
    return {.string_capacity = var->dims[0] - 1};
  // A local given only literals (`via = " (via linear)"`), or a parameter
  // the body never assigns that every caller of the file gives a literal.
  if ((var->kind == Kind::pointer || var->kind == Kind::other) &&
      (var->local || (var->parameter && var->caller_literal >= 0))) {
    const LiteralAssignments& a = literal_assignments_cached(name);
    if (var->local && a.holds_only_literals() && a.longest >= 0) return {.string_capacity = a.longest};
    if (var->parameter && !a.any && a.only_literals) return {.string_capacity = var->caller_literal};
    return {};
  }
  if (var->kind != Kind::scalar || var->elem_size <= 0) return {};
  return {var->elem_size, var->unsigned_type};
}

void FunctionFlow::bounded_format_size(std::string_view callee, const LibraryCall& lib,
                                       const TokenView::RangeList& args, std::size_t at) {
  if (lib.size_arg < 0 || static_cast<std::size_t>(lib.size_arg) >= args.size()) return;
  const auto bytes = destination_bytes(args[0]);
  const auto n = evaluate(v_, args[static_cast<std::size_t>(lib.size_arg)], *this);
  if (!bytes || !n) return;
  const std::int64_t unit = lib.wide ? 4 : 1;
  const std::int64_t capacity = *bytes / unit;
  if (n->lo > capacity)
    report(RuleId::out_of_bounds_write, Confidence::high, at,
           fmt::format("{} is told '{}' holds {} {}, but it holds {}", callee, arg_text(args[0]), n->lo,
                       lib.wide ? "wide characters" : "bytes", capacity));
}

FunctionFlow::FormatOrigin FunctionFlow::format_origin(Range arg) const {
  if (has_string(v_, arg)) return FormatOrigin::literal;
  const std::string_view name = single_name(strip_casts(arg));
  if (name.empty()) return FormatOrigin::other;
  if (file_.string_macro(name) != nullptr) return FormatOrigin::literal;
  const Var* var = find(name);
  if ((var == nullptr || (!var->local && !var->parameter)) && file_.literal_global(name)) return FormatOrigin::literal;
  if (var == nullptr || var->kind == Kind::other) {
    // An upper-case name that is no variable here: a macro from a header
    // (PNG_STRING_NEWLINE), nearly always a string.
    return upper_case_name(name) && var == nullptr ? FormatOrigin::macro_like : FormatOrigin::other;
  }
  if (!var->parameter && only_literals_assigned(name)) return FormatOrigin::literal;
  // A buffer the function formats from a literal that inserts no text
  // (`snprintf(format, sizeof format, "%%-%ds", width)`): built by the
  // program, not taken from input. One with `%s` (`"> %s", user_text`)
  // carries its argument's `%` into the format.
  if (var->kind == Kind::array && var->local) {
    if (!formatted_from_literal_) {
      formatted_from_literal_.emplace();
      for (std::size_t k = body_.begin; k + 3 < body_.end; ++k) {
        if (!v_.is_identifier(k) || !v_.text(k).ends_with("printf") || !v_.is(k + 1, "(") ||
            !v_.is_identifier(k + 2))
          continue;
        const auto built = v_.arguments(k + 1);
        bool numbers_only = false;
        for (std::size_t n = 1; n < built.size() && n < 3 && !numbers_only; ++n)
          numbers_only = built[n].size() == 1 && v_.is_string(built[n].begin) &&
                         !inserts_text(v_.text(built[n].begin));
        auto [it, fresh] = formatted_from_literal_->try_emplace(v_.text(k + 2), numbers_only);
        if (!fresh) it->second = it->second && numbers_only;
      }
    }
    const auto found = formatted_from_literal_->find(name);
    if (found != formatted_from_literal_->end() && found->second) return FormatOrigin::macro_like;
  }
  return FormatOrigin::other;
}

// The arguments of the call named at `callee`; a wrapper's are put in the
// library function's order.
TokenView::RangeList FunctionFlow::call_arguments(std::size_t callee) const {
  TokenView::RangeList given = v_.arguments(callee + 1);
  const ProjectFunction* wrapper = file_.project_function(v_.text(callee));
  if (wrapper == nullptr || wrapper->mapped == 0) return given;
  TokenView::RangeList ordered;
  for (std::size_t k = 0; k < wrapper->mapped; ++k) {
    const auto from = static_cast<std::size_t>(wrapper->args[k]);
    if (from >= given.size()) break;  // fewer arguments than declared: the rest are missing
    ordered.add(given[from]);
  }
  return ordered;
}

std::size_t FunctionFlow::call(std::size_t i) {
  const std::string_view callee = v_.text(i);
  const ProjectFunction* wrapper = file_.project_function(callee);
  const LibraryCall* lib = file_.library(callee);
  // Any function but the C library's may change a file-scope variable: the
  // values known of globals end here.
  if ((lib == nullptr || wrapper != nullptr) && globals_with_values_ > 0) forget_global_values();
  const auto args = call_arguments(i);
  if (!file_.defines(callee)) unwritten_string_reads(callee, lib, args, i);
  const auto arg_name = [&](std::size_t n) -> std::string_view {
    return n < args.size() ? single_name(strip_casts(args[n])) : std::string_view();
  };
  const auto mark_written = [&](std::size_t n) {
    // The buffer an argument names (not `*p`, a value read through p).
    if (n >= args.size()) return;
    const std::string_view name = leading_name(args[n], false);
    if (name.empty()) return;
    Var* var = find(name);
    if (var != nullptr && !var->written.contents) change(name).written.contents = true;
    // A pointer to a variable (`pp = &p`) handed on: the callee may write p.
    var = find(name);
    if (var != nullptr && var->points.target == Target::address && !var->extent.base.empty() && find(var->extent.base) != nullptr)
      change(var->extent.base).written_elsewhere();
  };
  // `&p` among the arguments: the call copies the pointer itself
  // (`memcpy(&p, blob, sizeof p)`), on purpose.
  const auto address_passed = [&](std::string_view name) {
    for (std::size_t n = 0; n < args.size(); ++n) {
      const Range a = strip_casts(args[n]);
      if (a.size() == 2 && v_.is(a.begin, "&") && v_.text(a.begin + 1) == name) return true;
    }
    return false;
  };
  // sizeof(pointer) where a size is expected: the size of the pointer, not the buffer.
  const auto check_sizeof = [&](Range r) {
    for (std::size_t k = r.begin; k + 1 < r.end; ++k) {
      if (!v_.is(k, "sizeof")) continue;
      std::string_view name;
      std::size_t after = k + 2;
      if (v_.is(k + 1, "(") && v_.match(k + 1) == k + 3) {
        name = v_.is_identifier(k + 2) ? v_.text(k + 2) : "";
        after = k + 4;
      } else if (v_.is_identifier(k + 1) && !v_.is(k + 2, "[") && !v_.is(k + 2, "->") && !v_.is(k + 2, ".")) {
        name = v_.text(k + 1);
      }
      // `n * sizeof(p)`: an array of pointers, sized by one of them.
      if ((k > r.begin && v_.is(k - 1, "*")) || (after < r.end && v_.is(after, "*"))) continue;
      const Var* var = name.empty() ? nullptr : find(name);
      if (var != nullptr && var->kind == Kind::pointer && !address_passed(name))
        report(RuleId::sizeof_pointer, Confidence::medium, k,
               fmt::format("sizeof '{}' is the size of a pointer, not of what it points to", name));
    }
  };
  // A freed pointer handed to a library function that reads through it.
  if (wrapper == nullptr && !file_.defines(callee)) {
    const unsigned reached = argument_reads(callee).pointees;
    for (std::size_t n = 0; n < args.size() && n < 4; ++n) {
      if ((reached >> n & 1U) == 0) continue;
      const std::string_view name = single_name(strip_casts(args[n]));
      const Var* var = name.empty() ? nullptr : find(name);
      if (var == nullptr || var->kind != Kind::pointer || var->points.target != Target::freed) continue;
      report(RuleId::use_after_free,
             var->points.freed_some_paths() ? maybe(*var) : across(var->points.line, v_.line(i), Confidence::high), i,
             fmt::format("'{}' was freed on line {} and {} reads it", name, var->points.line, callee));
      change(name).points.target = Target::unknown;
    }
  }
  // assert(p), BUG_ON(!p): the program stops (or warns) unless p is set.
  if ((callee == "assert" || callee == "ASSERT" || callee == "BUG_ON" || callee == "WARN_ON" ||
       callee == "WARN_ON_ONCE" || callee == "WARN" || callee == "VM_BUG_ON") &&
      !args.empty()) {
    const bool negated = callee != "assert" && callee != "ASSERT";
    Entry probe;
    condition(args[0], probe);
    std::vector<std::string_view> set = negated ? probe.else_nonnull_more : std::vector<std::string_view>{};
    set.push_back(negated ? probe.else_nonnull_var : probe.nonnull_var);
    for (auto name : set) {
      if (Var* var = name.empty() ? nullptr : find(name); var != nullptr && var->points.target == Target::null) {
        change(name).points.forget();
      }
    }
  }
  std::vector<std::string_view> freed_by_callee;  // applied once the arguments are read
  if (lib == nullptr && file_.defines(callee)) {
    // What the callee surely does with what it is given (its summary): a
    // NULL or freed pointer it dereferences is a flaw at this call; one it
    // frees is freed here; the globals it frees too.
    const FileContext::FunctionSummary* summary = file_.summary(callee);
    for (std::size_t n = 0; summary != nullptr && n < args.size() && n < 64; ++n) {
      const std::string_view name = single_name(strip_casts(args[n]));
      const Var* var = name.empty() ? nullptr : find(name);
      if (var == nullptr || var->kind != Kind::pointer) continue;
      if (summary->dereferences >> n & 1) {
        if (var->points.target == Target::null && !guarded_condition_) {
          report(RuleId::null_dereference,
                 var->points.null_some_paths() ? maybe(*var) : across(var->points.line, v_.line(i), Confidence::medium), i,
                 fmt::format("'{}' is NULL (line {}) and {} dereferences it", name, var->points.line, callee));
          change(name).points.target = Target::unknown;
        } else if (var->points.target == Target::freed) {
          report(RuleId::use_after_free,
                 var->points.freed_some_paths() ? maybe(*var) : across(var->points.line, v_.line(i), Confidence::high), i,
                 fmt::format("'{}' was freed on line {} and {} uses it", name, var->points.line, callee));
          change(name).points.target = Target::unknown;
        }
      }
      if (summary->frees >> n & 1) freed_by_callee.push_back(name);
    }
    if (summary != nullptr)
      for (const std::string_view name : summary->freed_globals)
        if (const Var* var = find(name); var != nullptr && !var->local && !var->parameter && var->kind == Kind::pointer)
          freed_by_callee.push_back(name);
    for (std::size_t n = 0; n < args.size(); ++n) {
      const std::string_view name = single_name(strip_casts(args[n]));
      const Var* var = name.empty() ? nullptr : find(name);
      // C++: a reference parameter (`int &n`) is written by the call, not read.
      if (var != nullptr && file_.writes_argument(callee, n)) {
        change(name).written_elsewhere();
        var = find(name);
      }
      // A function of this file (not a macro) given an uninitialised pointer.
      if (var != nullptr && var->kind == Kind::pointer && var->local && !var->written.itself)
        report(RuleId::uninitialized_read, uninitialized_confidence(name, *var, i), i,
               fmt::format("uninitialised pointer '{}' is passed to {}", name, callee));
      if (record_ == nullptr) continue;
      ArgumentFact fact;
      fact.line = v_.line(i);
      fact.known = false;
      if (var != nullptr && var->kind == Kind::array && var->dims[0] >= 0 && var->dims[1] == -1) {
        fact = {true, var->dims[0], var->elem_size, v_.line(i), false, true, true, std::nullopt};
      } else if (var != nullptr && var->kind == Kind::pointer &&
                 (var->points.target == Target::array || var->points.target == Target::heap) && var->extent.offset_known &&
                 var->extent.length >= 0) {
        fact = {true, var->extent.length - var->extent.offset, var->elem_size, v_.line(i), var->points.target == Target::heap, true, true,
                std::nullopt};
      }
      auto& facts = (*record_)[callee];
      if (facts.size() <= n) facts.resize(n + 1, ArgumentFact{true, -1, 0, 0, false, true, true, std::nullopt});
      ArgumentFact& merged = facts[n];
      // NULL is no array: the size the other callers' arrays have as written
      // still holds (VisualPng's SearchPngList(..., NULL, path)).
      const bool null = args[n].size() == 1 && (v_.is(args[n].begin, "NULL") || v_.is(args[n].begin, "nullptr"));
      // The same size as written at every call site: `[MAX_PATH]` each time.
      if (merged.size_tokens_known && !null) {
        const bool symbolic = var != nullptr && var->kind == Kind::array && var->dims[0] < 0 &&
                              var->dims[1] == -1 && !var->size_tokens.empty();
        if (!symbolic || (!merged.size_tokens.empty() && !same_tokens(merged.size_tokens, var->size_tokens)))
          merged.size_tokens_known = false;
        else
          merged.size_tokens = var->size_tokens;
      }
      // A literal (or a local holding only literals) at every call site.
      if (merged.literal_known) {
        std::int64_t length = -1;
        if (const auto literal = literal_length(v_, args[n], &file_)) {
          length = *literal;
        } else if (null) {
          length = 6;  // printf's %s prints "(null)"
        } else if (holds_only_literals(args[n])) {
          length = literal_assignments_cached(single_name(strip_casts(args[n]))).longest;
        }
        if (length < 0) merged.literal_known = false;
        else merged.longest_literal = std::max(merged.longest_literal, length);
      }
      // An integer value every caller passes alike (`set_entry(5)`). Callers
      // that differ turn it off: a hull of their values would pair one
      // caller's count with another's buffer.
      if (merged.value_known) {
        const bool pointer_like = var != nullptr && (var->kind == Kind::pointer || var->kind == Kind::array);
        const auto value = pointer_like ? std::nullopt : evaluate(v_, args[n], *this);
        if (!value || !value->is_point() || (merged.value && merged.value->lo != value->lo)) {
          merged.value_known = false;
          merged.value.reset();
        } else {
          merged.value = value;
        }
      }
      merged.heap = merged.heap || fact.heap;
      if (!fact.known || (merged.length >= 0 && merged.elem_size != fact.elem_size)) {
        merged.known = false;
      } else if (merged.known && merged.length < 0) {
        merged.length = fact.length;
        merged.elem_size = fact.elem_size;
        merged.line = fact.line;
      } else if (merged.known && merged.length != fact.length) {
        // Callers disagree (camellia's setup_tail gets 26 and 34 words):
        // the smallest holds only where every call goes (see access()).
        merged.agree = false;
        merged.length = std::min(merged.length, fact.length);
      }
    }
  }
  // A macro of this file may assign any local its body names.
  if (const auto* names = lib == nullptr ? file_.macro_body(callee) : nullptr) {
    for (auto name : *names) {
      Var* var = find(name);
      if (var == nullptr || var->kind == Kind::array) continue;
      Var& c = change(name);
      c.written.itself = true;
      c.value.reset();
      if (c.points.target == Target::null || c.points.target == Target::freed) c.points.target = Target::unknown;
    }
  }
  if (lib == nullptr) {
    // An unknown function may write through any pointer it is given, and
    // may be a macro that assigns its arguments (va_start, FD_ZERO).
    const bool macro_like = !file_.defines(callee);
    if (macro_like && v_.match(i + 1) != npos) unknown_call_until_ = std::max(unknown_call_until_, v_.match(i + 1));
    // An iterator macro (`list_for_each_entry(pos, head, member) {`) assigns its cursor.
    const std::size_t close = v_.match(i + 1);
    const bool loop_macro = macro_like && ((close != npos && v_.is(close + 1, "{")) ||
                                           callee.find("for_each") != std::string_view::npos);
    for (std::size_t n = 0; n < args.size(); ++n) {
      mark_written(n);
      // A macro may assign any name in its arguments (read_poll_timeout's
      // `val`, list_for_each_entry's cursor), in any order.
      // Only a bare name (or its address) can be assigned that way; deeper
      // expressions are read, and the scan of the arguments reads them.
      const Range a = args[n];
      const std::size_t k = a.size() == 1 ? a.begin : (a.size() == 2 && v_.is(a.begin, "&")) ? a.begin + 1 : npos;
      if (macro_like && k != npos && v_.is_identifier(k)) {
        Var* var = find(v_.text(k));
        if (var == nullptr) continue;
        if (!var->written.itself) change(v_.text(k)).written.itself = true;
        // A bare name given to a macro may come back assigned (swap(a, b), get_user(x, p)).
        const bool bare = a.size() == 1;
        if ((loop_macro && var->points.target == Target::freed) || ((loop_macro || bare) && var->points.target == Target::null)) {
          Var& c = change(v_.text(k));
          c.points.target = Target::unknown;
          c.value.reset();
        }
      }
    }
    // The arguments are read before the callee frees anything
    // (`delete_device(dev, dev->udev)`).
    if (!freed_by_callee.empty() && close != npos) {
      scan(i + 2, close, 1);
      for (const std::string_view name : freed_by_callee) release(name, i, Allocator::none);
      return close + 1;
    }
    return i + 1;
  }
  switch (lib->kind) {
    case CallKind::release:
      // free(&x), free(buf + 1): not the start of a heap block.
      if (static_cast<std::size_t>(lib->pointer_arg) < args.size()) {
        const Range a = strip_casts(args[static_cast<std::size_t>(lib->pointer_arg)]);
        if (a.size() == 2 && v_.is(a.begin, "&") && v_.is_identifier(a.begin + 1)) {
          if (const Var* x = find(v_.text(a.begin + 1)); x != nullptr && !x->parameter)
            report(RuleId::free_not_heap, Confidence::high, i,
                   fmt::format("{} of '&{}', the address of a variable, not heap memory", callee, v_.text(a.begin + 1)));
        } else if (a.size() == 3 && v_.is_identifier(a.begin) && v_.is(a.begin + 1, "+") && v_.is_number(a.begin + 2)) {
          const Var* p = find(v_.text(a.begin));
          if (p != nullptr && p->kind == Kind::array && !p->parameter)
            report(RuleId::free_not_heap, Confidence::high, i,
                   fmt::format("{} of an address inside array '{}', not heap memory", callee, v_.text(a.begin)));
          else if (p != nullptr && p->kind == Kind::pointer && p->points.target == Target::heap)
            report(RuleId::free_offset_pointer, Confidence::high, i,
                   fmt::format("{} of '{} + {}', not the start of its block", callee, v_.text(a.begin),
                               v_.text(a.begin + 2)));
        }
      }
      // The arguments are evaluated before the block is freed:
      // devm_kfree(p->dev, p) reads p->dev first.
      if (const auto name = arg_name(static_cast<std::size_t>(lib->pointer_arg)); !name.empty()) {
        const std::size_t close = v_.match(i + 1);
        if (close != npos) scan(i + 2, close, 1);
        release(name, i, Allocator::malloc);
        return close == npos ? i + 1 : close + 1;
      }
      return i + 1;
    case CallKind::no_return:
      terminate(true);
      return i + 1;
    case CallKind::read_line_unbounded:
      report(RuleId::gets_call, Confidence::high, i, fmt::format("{} cannot limit the line to the buffer's size", callee));
      mark_written(0);
      return i + 1;
    case CallKind::stack_allocate:
      report(RuleId::alloca_call, Confidence::low, i, fmt::format("{} allocates a run-time size on the stack", callee));
      return i + 1;
    case CallKind::copy_unbounded: {
      if (args.size() < 2) return i + 1;
      const auto bytes = destination_bytes(args[0]);
      const auto length = literal_length(v_, args[1], &file_) ? literal_length(v_, args[1], &file_)
                                                              : constant_string_length(args[1]);
      const auto source = destination_bytes(args[1]);  // an array of known size
      if (bytes && length) {
        if (*length + 1 > *bytes)
          report(RuleId::out_of_bounds_write, Confidence::high, i,
                 fmt::format("{} copies {} bytes into '{}', which holds {}", callee, *length + 1,
                             arg_text(args[0]), *bytes));
      } else if ((bytes && source && *source <= *bytes) || source_fits(args[0], args[1])) {
        // The source array, NUL included, fits the destination: proven.
      } else {
        // Evidence of a bound: the source's length taken earlier in the
        // function (a check), or a destination sized from a strlen.
        const bool bounded = length || length_taken_before(args[1], i) ||
                             length_taken_before(args[0], i) || sized_by_strlen(args[0]) ||
                             bound_checked_before(args[0], args[1], i) || allocated_from_lengths(args[0], i);
        const bool literal_source = !bounded && holds_only_literals(args[1]);
        report(RuleId::strcpy_unbounded, bounded || literal_source ? Confidence::low : Confidence::medium, i,
               fmt::format("{} into '{}' is not bounded by its size{}", callee, arg_text(args[0]),
                           bounded          ? " (a length is checked or allocated for nearby)"
                           : literal_source ? " (the source only ever holds string literals)"
                                            : ""));
      }
      mark_written(0);
      return i + 1;
    }
    case CallKind::append_unbounded:
      if (!args.empty()) {
        const bool bounded = (args.size() > 1 && (length_taken_before(args[1], i) ||
                                                  bound_checked_before(args[0], args[1], i))) ||
                             length_taken_before(args[0], i) || sized_by_strlen(args[0]) ||
                             allocated_from_lengths(args[0], i) ||
                             (args.size() > 1 && (literal_length(v_, args[1], &file_) || constant_string_length(args[1])) &&
                              length_compared_before(i));
        report(RuleId::strcat_unbounded, bounded ? Confidence::low : Confidence::medium, i,
               fmt::format("{} appends to '{}' without knowing the room left", callee, arg_text(args[0])));
      }
      return i + 1;
    case CallKind::format_unbounded: {
      if (args.size() < 2) return i + 1;
      const auto bytes = destination_bytes(args[0]);
      const auto fmt_length = literal_length(v_, args[1]);
      std::optional<std::int64_t> max;
      bool inexact = false;
      const auto format = fmt_length ? joined_literals(v_, args[1]) : std::nullopt;
      if (format) {
        std::vector<ArgumentType> types;
        for (std::size_t n = 2; n < args.size(); ++n) types.push_back(argument_type(args[n]));
        max = format_max_length(*format, types, &inexact);
      }
      if (bytes && max && *max + 1 <= *bytes && !inexact) {
        // The longest output fits: proven.
      } else if (bytes && max && !inexact) {
        report(RuleId::sprintf_unbounded, Confidence::medium, i,
               fmt::format("{} can write {} bytes into '{}', which holds {}", callee, *max + 1, arg_text(args[0]),
                           *bytes));
      } else if (bytes && max) {
        report(RuleId::sprintf_unbounded, Confidence::medium, i,
               fmt::format("{} into '{}' can write more than the buffer holds (the length of a %p extension is "
                           "not known)",
                           callee, arg_text(args[0])));
      } else if (max) {
        // No unbounded conversion: at most `max` bytes, a small known amount
        // (a short one of unlisted length with a %p extension).
        report(RuleId::sprintf_unbounded, Confidence::low, i,
               inexact ? fmt::format("{} into '{}' writes a short text (a %p extension); the buffer's size is not "
                                     "known here",
                                     callee, arg_text(args[0]))
                       : fmt::format("{} into '{}' writes up to {} bytes; the buffer's size is not known here", callee,
                                     arg_text(args[0]), *max + 1));
      } else if (format && strings_measured_before(*format, args, i)) {
        // Every string it inserts had its length taken earlier in the
        // function (`alen = strlen(appname); ... if (alen + flen + 3 > 1023)`):
        // the author measured what goes in.
        report(RuleId::sprintf_unbounded, Confidence::low, i,
               fmt::format("{} into '{}' can write more than the buffer holds (the strings' lengths are taken "
                           "before)",
                           callee, arg_text(args[0])));
      } else {
        report(RuleId::sprintf_unbounded, Confidence::medium, i,
               fmt::format("{} into '{}' can write more than the buffer holds", callee, arg_text(args[0])));
      }
      if (const auto origin = format_origin(args[1]); origin != FormatOrigin::literal && !lib->va_list)
        report(RuleId::format_not_literal, origin == FormatOrigin::macro_like ? Confidence::low : Confidence::medium, i,
               fmt::format("the format of {} is not a literal", callee));
      mark_written(0);
      return i + 1;
    }
    case CallKind::bounded_string: {
      if (args.size() < 3) return i + 1;
      const auto bytes = destination_bytes(args[0]);
      const auto n = evaluate(v_, args[2], *this);
      if (bytes && n && n->hi > *bytes)
        report(RuleId::out_of_bounds_write, Confidence::high, i,
               fmt::format("{} may write {} bytes into '{}', which holds {}", callee, n->hi, v_.text(args[0].begin), *bytes));
      else
        report(RuleId::strn_error_prone, Confidence::low, i,
               fmt::format("{} may leave '{}' without a terminating NUL", callee, v_.text(args[0].begin)));
      check_sizeof(args[2]);
      mark_written(0);
      return i + 1;
    }
    case CallKind::memory: {
      if (args.size() < 3) return i + 1;
      const std::size_t dest = static_cast<std::size_t>(lib->pointer_arg);
      const auto bytes = destination_bytes(args[dest]);
      const auto n = evaluate(v_, args[2], *this);
      // `sizeof dst` / `sizeof(dst)` is the destination's own size: fine.
      const std::string_view dest_name = arg_name(dest);
      bool sized_by_dest = false;
      for (std::size_t k = args[2].begin; k < args[2].end; ++k)
        if (v_.is(k, "sizeof") && !dest_name.empty() &&
            (v_.text(k + 1) == dest_name || (v_.is(k + 1, "(") && v_.text(k + 2) == dest_name)))
          sized_by_dest = true;
      if (bytes && n && n->hi > *bytes) {
        report(RuleId::out_of_bounds_write, Confidence::high, i,
               fmt::format("{} of {} bytes into '{}', which holds {}", callee, n->hi, v_.text(args[dest].begin), *bytes));
      } else if (callee != "memset" && args.size() >= 2 && n) {
        const std::size_t src = dest == 0 ? 1 : 0;
        if (const auto src_bytes = destination_bytes(args[src]); src_bytes && n->hi > *src_bytes)
          report(RuleId::out_of_bounds_read, Confidence::high, i,
                 fmt::format("{} reads {} bytes from '{}', which holds {}", callee, n->hi, v_.text(args[src].begin),
                             *src_bytes));
      } else if (!n && !sized_by_dest) {
        report(RuleId::mem_size_unproven, Confidence::low, i,
               fmt::format("the size given to {} is not tied to the size of '{}'", callee, v_.text(args[dest].begin)));
      }
      check_sizeof(args[2]);
      mark_written(dest);
      return i + 1;
    }
    case CallKind::format: {
      const std::size_t f = static_cast<std::size_t>(lib->format_arg);
      for (std::size_t n = 0; n < f && n < args.size(); ++n) mark_written(n);  // snprintf's buffer
      if (f >= args.size()) return i + 1;
      // A string before the format: not the library's function but one of
      // the project's of that name (`err(L"bad %d", n)`).
      for (std::size_t n = 0; n < f; ++n)
        if (has_string(v_, args[n])) return i + 1;
      bounded_format_size(callee, *lib, args, i);
      const FormatOrigin origin = format_origin(args[f]);
      if (origin == FormatOrigin::literal) return i + 1;
      const std::string_view name = single_name(args[f]);
      const Var* var = name.empty() ? nullptr : find(name);
      if (var != nullptr && var->parameter && lib->va_list) return i + 1;  // a printf-like wrapper passing its format on
      Confidence c = args.size() == f + 1 ? Confidence::high : Confidence::medium;
      if ((var != nullptr && var->parameter) || origin == FormatOrigin::macro_like) c = Confidence::low;
      report(RuleId::format_not_literal, c, i, fmt::format("the format of {} is not a string literal", callee));
      return i + 1;
    }
    case CallKind::scan: {
      const std::size_t f = static_cast<std::size_t>(lib->format_arg);
      for (std::size_t n = f + 1; n < args.size(); ++n) {
        const Range a = args[n];
        if (a.size() == 2 && v_.is(a.begin, "&") && find(v_.text(a.begin + 1)) != nullptr)
          change(v_.text(a.begin + 1)).written.itself = true;
        mark_written(n);
      }
      if (f < args.size() && args[f].size() == 1 && v_.is_string(args[f].begin) &&
          scanf_unbounded(v_.text(args[f].begin)))
        report(RuleId::scanf_unbounded, Confidence::high, i,
               fmt::format("{} reads a string with %s or %[ but no field width", callee));
      return i + 1;
    }
    case CallKind::allocate:
    case CallKind::reallocate:
    case CallKind::duplicate: {
      if (lib->size_arg < 0 || static_cast<std::size_t>(lib->size_arg) >= args.size()) return i + 1;
      const Range size = args[lib->size_arg];
      if (v_.is(size.begin, "strlen") && v_.is(size.begin + 1, "(") && v_.match(size.begin + 1) == size.end - 1)
        report(RuleId::strlen_alloc_no_nul, Confidence::high, i,
               fmt::format("{} of strlen(...) bytes leaves no room for the terminating NUL", callee));
      check_sizeof(size);
      if (lib->count_arg < 0) {
        // n * size with n not a constant: the product can wrap around.
        bool product = false;
        for (std::size_t k = size.begin; k < size.end; ++k) {
          const std::size_t m = v_.match(k);
          if (m != npos && m > k) {
            k = m;
            continue;
          }
          if (v_.is(k, "*") && !is_unary_at(k)) product = true;  // `sizeof *p` is no product
        }
        if (product && !evaluate(v_, size, *this))
          report(RuleId::alloc_size_overflow, Confidence::low, i,
                 fmt::format("the size given to {} is a product that can overflow", callee));
      }
      return i + 1;
    }
  }
  return i + 1;
}

}  // namespace oxidize::hazards::flow
