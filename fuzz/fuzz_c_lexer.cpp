// libFuzzer target for the C/C++ lexer and the header dialect decision.
#include <cstddef>
#include <cstdint>

#include "lexer_invariants.hpp"
#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/lex/c_lexer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view src(reinterpret_cast<const char*>(data), size);
  oxidize::fuzz::CheckingSink sink{size};
  const auto result = oxidize::lex::lex_c(src, sink);
  oxidize::fuzz::check_line_counts(src, result.lines);
  // The same bytes through the whole per-file analysis, as an ambiguous header.
  const auto facts = oxidize::analyze::analyze_file("fuzz.h", src, oxidize::discover::Language::c_header);
  if (!facts.binary && !(facts.lines == result.lines)) oxidize::fuzz::fail("analysis disagrees with the lexer");
  return 0;
}
