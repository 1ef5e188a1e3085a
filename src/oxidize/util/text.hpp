#pragma once
// Making untrusted bytes (paths, identifiers, source lines from the scanned
// tree) safe to print in every output format. Nothing from the scanned tree is
// ever written raw: a newline in a file name must not forge a second warning,
// a quote must not end a CSV field, invalid UTF-8 must not break a JSON parser.
#include <string>
#include <string_view>

namespace oxidize::util {

bool is_valid_utf8(std::string_view s);

// Length of the valid UTF-8 sequence that starts at s[i], or 0 when the byte
// there starts none (an invalid or truncated sequence).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// Valid UTF-8 with each invalid byte replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s);

// One printable line for a terminal or a log: control bytes, backslashes and
// invalid UTF-8 bytes become \n, \t, \\, \xNN escapes.
std::string escape_for_terminal(std::string_view s);

// A line of source code for a terminal: as escape_for_terminal, except that
// a backslash stays as written (code is full of them: '\0', "\n") and a tab
// shows as one space. For people only; JSON, CSV and SARIF keep the exact text.
std::string source_line_for_terminal(std::string_view s);

// The inside of a Graphviz DOT quoted string (without the quotes) that shows
// `s` as escape_for_terminal spells it: what is left is printable valid
// UTF-8, then `\` and `"` are escaped for DOT's lexer, and `&` is written
// `&amp;` because Graphviz reads HTML entities in every label (`&lt;` would
// show as `<`, and an unknown `&x;` goes into SVG output as it stands,
// making the file invalid XML). Graphviz 2.42 rejects a quoted string of
// 16,383 bytes or more, and a byte may take five once escaped (`\\xFF`), so
// text longer than `max_bytes` is cut there (at the start of a UTF-8
// sequence) and ends with "…".
std::string dot_escaped(std::string_view s, std::size_t max_bytes = 1024);

// An RFC 4180 CSV field (quoted when needed), valid UTF-8.
std::string csv_field(std::string_view s);

// Standard base64 with padding (the lossless form of a non-UTF-8 path in JSON).
std::string base64(std::string_view bytes);

// 1234567 -> "1,234,567"
std::string with_thousands(unsigned long long n);

}  // namespace oxidize::util
