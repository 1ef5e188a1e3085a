#pragma once
// Names and text from the scanned tree made safe to write into Rust source
// (what `oxidize ffi` prints must compile, whatever the tree holds): C names
// as Rust identifiers, and any bytes as comment text.
#include <optional>
#include <string>
#include <string_view>

namespace oxidize::structure {

// A Rust identifier for a C name: `r#type` for a keyword, `self_` for the
// few words a raw identifier cannot spell (self, Self, super, crate, _);
// nullopt when the name is not an ASCII identifier ($, non-ASCII, empty).
std::optional<std::string> rust_identifier(std::string_view c_name);

// Does the identifier need a `#[link_name]` to reach the C symbol (it was
// renamed, not only raw-prefixed)?
bool renamed_identifier(std::string_view c_name, std::string_view rust_name);

// Text for a `//` or `///` comment: printable ASCII as is, every other byte
// or character escaped (\u{..} for valid UTF-8, \xNN otherwise), so nothing
// from the tree can end the comment, break UTF-8 or hide a bidi control.
std::string rust_comment_text(std::string_view s);

}  // namespace oxidize::structure
