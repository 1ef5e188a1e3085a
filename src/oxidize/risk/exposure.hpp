#pragma once
// Exposure: how directly a function handles what comes from outside the
// program. Counted from what the function calls and what it is called
// (docs/risk.md):
//   - each call of a function that reads input: files and sockets (read,
//     recv, fread, fgets...), the environment (getenv), formatted input
//     (scanf family), network byte order (ntohs...), the kernel's copies from
//     user space (copy_from_user, get_user...), TLS records (SSL_read...);
//   - each call of a function whose name says it parses or decodes (parse,
//     decode, unpack, deserialize, inflate, unescape, tokenize);
//   - 1 more when the function's own name says so.
// Callees are matched as written: a project's own wrappers (Curl_read) are
// not followed to the call they make.
#include <string_view>

namespace oxidize::risk {

// A call of this callee reads input from outside the program.
bool reads_input(std::string_view callee);

// The name says it parses or decodes: one of the words parse, decode,
// unpack, deserialize/deserialise, inflate, unescape, tokenize/tokenise, as a
// word or at a word boundary of an identifier (parse_header, xmlParseChar,
// Curl_base64_decode), compared without case.
bool parser_name(std::string_view name);

}  // namespace oxidize::risk
