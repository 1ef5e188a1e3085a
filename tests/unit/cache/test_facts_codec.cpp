#include "oxidize/cache/facts_codec.hpp"

#include <gtest/gtest.h>

#include "oxidize/analyze/analyze_file.hpp"

namespace oxidize::cache {
namespace {

using discover::Language;

// A file with functions, findings (one suppressed, with a reason), a parse
// issue, an unterminated comment and non-UTF-8 bytes in names and messages.
constexpr std::string_view k_source =
    "#include <string.h>\n"
    "void copy(char *src) {\n"
    "  char buf[8];\n"
    "  strcpy(buf, src);\n"
    "  gets(buf); // oxidize:ignore[OXI-C0004] test fixture \xff\n"
    "}\n"
    "int caf\xe9(int a, int b) { if (a) { while (b) b--; } return a ? b : 0; }\n"
    "}\n"
    "/* unterminated";

model::FileFacts sample() {
  return analyze::analyze_file("s.c", k_source, Language::c, {.functions = true, .hazards = true});
}

void expect_same(const model::FileFacts& a, const model::FileFacts& b) {
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.bytes, b.bytes);
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_EQ(a.binary, b.binary);
  EXPECT_EQ(a.unterminated, b.unterminated);
  EXPECT_EQ(a.unterminated_line, b.unterminated_line);
  EXPECT_EQ(a.generated_why, b.generated_why);
  ASSERT_EQ(a.functions.size(), b.functions.size());
  for (std::size_t i = 0; i < a.functions.size(); ++i) {
    const auto& x = a.functions[i];
    const auto& y = b.functions[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(std::tie(x.start_line, x.end_line, x.body_begin, x.body_end, x.nloc, x.ccn, x.ccn_modified, x.params,
                       x.max_nesting, x.tokens, x.is_unsafe, x.unsafe_blocks),
              std::tie(y.start_line, y.end_line, y.body_begin, y.body_end, y.nloc, y.ccn, y.ccn_modified, y.params,
                       y.max_nesting, y.tokens, y.is_unsafe, y.unsafe_blocks));
  }
  ASSERT_EQ(a.parse_issues.size(), b.parse_issues.size());
  for (std::size_t i = 0; i < a.parse_issues.size(); ++i) {
    EXPECT_EQ(a.parse_issues[i].line, b.parse_issues[i].line);
    EXPECT_EQ(a.parse_issues[i].message, b.parse_issues[i].message);
  }
  ASSERT_EQ(a.hazards.size(), b.hazards.size());
  for (std::size_t i = 0; i < a.hazards.size(); ++i) {
    const auto& x = a.hazards[i];
    const auto& y = b.hazards[i];
    EXPECT_EQ(std::tie(x.rule, x.confidence, x.line, x.column, x.function, x.message, x.snippet, x.fingerprint,
                       x.suppressed, x.suppression_reason),
              std::tie(y.rule, y.confidence, y.line, y.column, y.function, y.message, y.snippet, y.fingerprint,
                       y.suppressed, y.suppression_reason));
  }
}

TEST(FactsCodec, RoundTripsEveryField) {
  const model::FileFacts facts = sample();
  // The sample exercises what it claims to, or the round trip proves little.
  ASSERT_GE(facts.functions.size(), 2u);
  ASSERT_GE(facts.hazards.size(), 2u);
  ASSERT_FALSE(facts.parse_issues.empty());
  ASSERT_NE(facts.unterminated, lex::Unterminated::none);
  bool suppressed = false;
  for (const auto& h : facts.hazards) suppressed = suppressed || (h.suppressed && !h.suppression_reason.empty());
  ASSERT_TRUE(suppressed);

  std::string bytes;
  encode_facts(facts, bytes);
  const auto back = decode_facts(bytes);
  ASSERT_TRUE(back.has_value());
  expect_same(facts, *back);
}

TEST(FactsCodec, RoundTripsRustAndGeneratedFacts) {
  const auto rust = analyze::analyze_file("r.rs", "unsafe fn f(p: *const u8) -> u8 { unsafe { *p } }\n", Language::rust,
                                          {.functions = true, .hazards = true});
  const auto generated = analyze::analyze_file("g.c", "/* DO NOT EDIT */\nint x;\n", Language::c);
  for (const auto& facts : {rust, generated}) {
    std::string bytes;
    encode_facts(facts, bytes);
    const auto back = decode_facts(bytes);
    ASSERT_TRUE(back.has_value());
    expect_same(facts, *back);
  }
}

TEST(FactsCodec, EveryTruncationIsRejectedNotTrusted) {
  std::string bytes;
  encode_facts(sample(), bytes);
  for (std::size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(decode_facts(bytes.substr(0, n)).has_value()) << n;
  EXPECT_FALSE(decode_facts(bytes + "x").has_value());
}

TEST(FactsCodec, DamagedBytesNeverCrash) {
  std::string bytes;
  encode_facts(sample(), bytes);
  // Flip each byte in turn: the decoder may accept a value that is still in
  // range, but must never read out of bounds or allocate without limit
  // (ASan and the count bounds check that in the sanitizer build).
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0xff);
    (void)decode_facts(damaged);
  }
  // A huge count in the first list is refused, not reserved.
  std::string huge;
  for (int i = 0; i < 9; ++i) huge.push_back('\0');
  huge += std::string(8, '\0');  // the hash
  huge += std::string(4, '\0');
  huge += std::string("\xff\xff\xff\xff\x0f", 5);  // 4 billion functions
  EXPECT_FALSE(decode_facts(huge).has_value());
}

}  // namespace
}  // namespace oxidize::cache
