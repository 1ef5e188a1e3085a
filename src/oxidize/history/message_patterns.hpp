#pragma once
// Which commits were fixes, read from their messages. The patterns are data:
// the defaults below are documented in docs/history.md and replaced by
// `[history] fix_patterns` / `security_patterns` in oxidize.toml. They are
// Perl-compatible regular expressions matched case-insensitively anywhere in
// the message (subject and body, trailers included), compiled once with
// PCRE2's JIT: a history of 40,000 commits is classified in milliseconds,
// where std::regex took seconds.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace oxidize::history {

struct MessagePatterns {
  std::vector<std::string> fix;       // "this commit fixes a bug"
  std::vector<std::string> security;  // "... and the bug was a security or memory-safety one"
  static MessagePatterns defaults();
};

struct MessageMarks {
  bool fix = false;
  bool security = false;
};

// The compiled patterns; classify() may be called from several threads.
class MessageClassifier {
 public:
  // An error names the pattern and PCRE2's complaint with its offset.
  static tl::expected<MessageClassifier, std::string> compile(const MessagePatterns& patterns);
  MessageMarks classify(std::string_view message) const;

  MessageClassifier(MessageClassifier&&) noexcept;
  MessageClassifier& operator=(MessageClassifier&&) noexcept;
  ~MessageClassifier();

  struct Compiled;  // one PCRE2 pattern (defined in the .cpp)

 private:
  MessageClassifier() = default;
  std::unique_ptr<Compiled> fix_;       // one alternation of every fix pattern
  std::unique_ptr<Compiled> security_;  // one of every security pattern
};

}  // namespace oxidize::history
