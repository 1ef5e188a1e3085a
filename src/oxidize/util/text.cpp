#include "oxidize/util/text.hpp"

#include <fmt/format.h>

namespace oxidize::util {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if the byte there starts none.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xbf;  // allowed range of the second byte
  if (b0 >= 0xc2 && b0 <= 0xdf) n = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3;
    if (b0 == 0xe0) lo = 0xa0;
    if (b0 == 0xed) hi = 0x9f;  // no UTF-16 surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4;
    if (b0 == 0xf0) lo = 0x90;
    if (b0 == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    const unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xbf;
    if (b < l || b > h) return 0;
  }
  return n;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) { return utf8_sequence(s, i); }

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

namespace {

// Code points that change what a terminal shows without being visible: C1
// controls (U+0080-U+009F; some terminals take U+009B as CSI) and the
// bidirectional formatting characters of "Trojan Source" (CVE-2021-42574).
bool hidden_control(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

char32_t decode(std::string_view seq) {
  const auto b0 = static_cast<unsigned char>(seq[0]);
  char32_t cp = b0 & (0x7f >> seq.size());
  for (std::size_t k = 1; k < seq.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(seq[k]) & 0x3f);
  return cp;
}

std::string escape(std::string_view s, bool source_code) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(s, i);
      if (n == 0) {
        out += fmt::format("\\x{:02X}", c);
        ++i;
      } else {
        const std::string_view seq = s.substr(i, n);
        const char32_t cp = decode(seq);
        if (hidden_control(cp)) out += fmt::format("\\u{{{:04X}}}", static_cast<std::uint32_t>(cp));
        else out.append(seq);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += source_code ? " " : "\\t"; break;
      case '\\': out += source_code ? "\\" : "\\\\"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02X}", c);
        else out += static_cast<char>(c);
    }
    ++i;
  }
  return out;
}

}  // namespace

std::string escape_for_terminal(std::string_view s) { return escape(s, false); }

std::string source_line_for_terminal(std::string_view s) { return escape(s, true); }

std::string dot_escaped(std::string_view s, std::size_t max_bytes) {
  bool cut = false;
  if (s.size() > max_bytes) {
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xc0) == 0x80) --end;
    s = s.substr(0, end);
    cut = true;
  }
  std::string shown = escape(s, false);
  if (cut) shown += "\u2026";
  std::string out;
  out.reserve(shown.size());
  for (const char c : shown) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

std::string csv_field(std::string_view s) {
  std::string v = to_valid_utf8(s);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (const char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += k_alphabet[(v >> 6) & 63];
    out += k_alphabet[v & 63];
  }
  if (const std::size_t rest = bytes.size() - i) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += rest == 2 ? k_alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string with_thousands(unsigned long long n) {
  std::string digits = std::to_string(n);
  std::string out;
  const std::size_t lead = digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && i >= lead && (i - lead) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace oxidize::util
