#include "oxidize/history/message_patterns.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <fmt/format.h>

namespace oxidize::history {

MessagePatterns MessagePatterns::defaults() {
  return {
      // A fix: the word in any form ("fix", "fixes", "fixed", "fixing", the
      // Linux-style "Fixes:" trailer, "bugfix", "hotfix"; not "prefix"), and reverts.
      {
          R"(\b(bug|hot)?fix(e[sd]|ing)?\b)",
          R"(^revert\b)",
          R"(this reverts commit [0-9a-f]{7,})",
      },
      // A security fix: a CVE id, the word security, the memory-safety bug
      // classes by name, and the fuzzers and bots that report them.
      {
          R"(\bCVE-\d{4}-\d{4,}\b)",
          R"(\bsecurity\b)",
          R"(\b(over|under)flow(s|ed|ing)?\b)",
          R"(\bover-?reads?\b|\boverruns?\b)",
          R"(\bout[- ]of[- ]bounds?\b|\bOOB\b)",
          R"(\buse[- ]after[- ]free\b|\bUAF\b)",
          R"(\bdouble[- ]free\b)",
          R"(\bnull[- ](pointer )?deref(erence)?s?\b)",
          R"(\b(oss-?fuzz|clusterfuzz|syzbot|syzkaller)\b)",
      },
  };
}

struct MessageClassifier::Compiled {
  pcre2_code* code = nullptr;
  ~Compiled() { pcre2_code_free(code); }
};

namespace {

// One pattern made of every pattern of a list: (?:a)|(?:b)|...
tl::expected<std::unique_ptr<MessageClassifier::Compiled>, std::string> compile_list(
    const std::vector<std::string>& patterns, std::string_view kind) {
  auto compiled = std::make_unique<MessageClassifier::Compiled>();
  if (patterns.empty()) return compiled;  // matches nothing
  // Each pattern is checked alone first, so that an error names it.
  for (const auto& p : patterns) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(p.data()), p.size(),
                                     PCRE2_CASELESS | PCRE2_MULTILINE, &error, &offset, nullptr);
    if (!code) {
      PCRE2_UCHAR text[256];
      pcre2_get_error_message(error, text, sizeof text);
      return tl::unexpected(fmt::format("{} pattern '{}': {} at offset {}", kind, p,
                                        reinterpret_cast<const char*>(text), offset));
    }
    pcre2_code_free(code);
  }
  std::string all;
  for (const auto& p : patterns) {
    if (!all.empty()) all += '|';
    all += "(?:" + p + ")";
  }
  int error = 0;
  PCRE2_SIZE offset = 0;
  compiled->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(all.data()), all.size(),
                                 PCRE2_CASELESS | PCRE2_MULTILINE, &error, &offset, nullptr);
  if (!compiled->code) return tl::unexpected(fmt::format("{} patterns cannot be combined", kind));
  // The JIT is an optimisation: without it (an unsupported CPU) matching still works.
  (void)pcre2_jit_compile(compiled->code, PCRE2_JIT_COMPLETE);
  return compiled;
}

bool matches(const MessageClassifier::Compiled& c, std::string_view text) {
  if (!c.code) return false;
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(c.code, nullptr);
  if (!data) return false;
  // Messages need not be UTF-8: the patterns are compiled without PCRE2_UTF,
  // so bytes are matched as bytes and nothing is validated.
  const int rc = pcre2_match(c.code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, data, nullptr);
  pcre2_match_data_free(data);
  return rc >= 0;
}

}  // namespace

tl::expected<MessageClassifier, std::string> MessageClassifier::compile(const MessagePatterns& patterns) {
  MessageClassifier classifier;
  auto fix = compile_list(patterns.fix, "fix");
  if (!fix) return tl::unexpected(fix.error());
  auto security = compile_list(patterns.security, "security");
  if (!security) return tl::unexpected(security.error());
  classifier.fix_ = std::move(*fix);
  classifier.security_ = std::move(*security);
  return classifier;
}

MessageMarks MessageClassifier::classify(std::string_view message) const {
  return {matches(*fix_, message), matches(*security_, message)};
}

MessageClassifier::MessageClassifier(MessageClassifier&&) noexcept = default;
MessageClassifier& MessageClassifier::operator=(MessageClassifier&&) noexcept = default;
MessageClassifier::~MessageClassifier() = default;

}  // namespace oxidize::history
