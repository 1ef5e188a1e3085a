// libFuzzer target for the Rust lexer.
#include <cstddef>
#include <cstdint>

#include "lexer_invariants.hpp"
#include "oxidize/lex/rust_lexer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view src(reinterpret_cast<const char*>(data), size);
  oxidize::fuzz::CheckingSink sink{size};
  const auto result = oxidize::lex::lex_rust(src, sink);
  oxidize::fuzz::check_line_counts(src, result.lines);
  return 0;
}
