#pragma once
// File paths as URIs (RFC 3986), for SARIF's artifact locations and base ids.
// Paths from the scanned tree may hold any bytes: spaces, '%', '#', control
// characters, non-ASCII and invalid UTF-8. Each byte that is not unreserved
// (ALPHA, DIGIT, '-', '.', '_', '~') or the segment separator '/' becomes
// %XX, so the URI is always valid and decodes back to the exact bytes.
#include <optional>
#include <string>
#include <string_view>

namespace oxidize::util {

// A relative reference for a relative path ("src/a b.c" -> "src/a%20b.c").
// ':' is encoded too, so a first segment such as "c:x.c" never reads as a scheme.
std::string percent_encode_path(std::string_view path);

// The inverse: "%41" -> "A". nullopt on a malformed escape ("%4", "%zz").
std::optional<std::string> percent_decode(std::string_view uri);

// "file://" + the encoded absolute path; `directory` adds the trailing '/'
// that makes the URI usable as a base for relative references.
std::string file_uri(std::string_view absolute_path, bool directory);

}  // namespace oxidize::util
