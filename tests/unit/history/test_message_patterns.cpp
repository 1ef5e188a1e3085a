// Fix and security commits by message: the default patterns on messages of
// the kind real projects write, and patterns as configuration.
#include <gtest/gtest.h>

#include "oxidize/history/message_patterns.hpp"

namespace oxidize::history {
namespace {

MessageMarks mark(std::string_view message) {
  static const auto classifier = MessageClassifier::compile(MessagePatterns::defaults());
  return classifier->classify(message);
}

TEST(MessagePatterns, FixesInTheirUsualForms) {
  EXPECT_TRUE(mark("http2: fix a stall on a closed stream").fix);
  EXPECT_TRUE(mark("Fixed memory leak in parser").fix);
  EXPECT_TRUE(mark("mm: handle NULL\n\nFixes: 1234abcd (\"mm: add thing\")").fix);
  EXPECT_TRUE(mark("Bugfix for the cookie parser").fix);
  EXPECT_TRUE(mark("Revert \"url: add option\"\n\nThis reverts commit 0123456789abcdef.").fix);
  // Words that only contain "fix".
  EXPECT_FALSE(mark("url: strip the prefix of IPv6 zone ids").fix);
  EXPECT_FALSE(mark("docs: explain the suffix rules; add a postfix example").fix);
  EXPECT_FALSE(mark("ftp: add the EPSV fallback").fix);
}

TEST(MessagePatterns, SecurityFixes) {
  EXPECT_TRUE(mark("tftp: reject too long file names (CVE-2019-5482)").security);
  EXPECT_TRUE(mark("parser: fix heap-buffer-overflow in xmlParseQName").security);
  EXPECT_TRUE(mark("avoid integer overflow when computing the size").security);
  EXPECT_TRUE(mark("Fix use-after-free in xmlXIncludeCopyNode").security);
  EXPECT_TRUE(mark("fix double free on error path").security);
  EXPECT_TRUE(mark("Fix out of bounds read\n\nFound by OSS-Fuzz.").security);
  EXPECT_TRUE(mark("net: fix NULL pointer dereference\n\nReported-by: syzbot+123@syzkaller.appspotmail.com").security);
  EXPECT_FALSE(mark("http: fix the retry logic after a 503").security);
  EXPECT_FALSE(mark("overwrite the output file when asked").security);
}

TEST(MessagePatterns, MessagesNeedNotBeUtf8) {
  const std::string latin1 = "corrige le d\xe9passement: fix overflow \xff\xfe";
  const auto marks = mark(latin1);
  EXPECT_TRUE(marks.fix);
  EXPECT_TRUE(marks.security);
  EXPECT_FALSE(mark(std::string("\0\0fix", 5)).security);
  EXPECT_TRUE(mark(std::string("\0\0fix", 5)).fix);
}

TEST(MessagePatterns, ConfiguredPatternsReplaceTheDefaults) {
  MessagePatterns patterns;
  patterns.fix = {R"(\bBUG-\d+\b)"};
  patterns.security = {};
  const auto classifier = MessageClassifier::compile(patterns);
  ASSERT_TRUE(classifier) << classifier.error();
  EXPECT_TRUE(classifier->classify("resolve bug-42 in the loader").fix);
  EXPECT_FALSE(classifier->classify("fix the loader").fix);
  EXPECT_FALSE(classifier->classify("CVE-2020-0001").security);  // no security patterns: nothing matches
}

TEST(MessagePatterns, AnInvalidPatternIsAnErrorNamingIt) {
  MessagePatterns patterns;
  patterns.fix = {"fix", "(unclosed"};
  const auto classifier = MessageClassifier::compile(patterns);
  ASSERT_FALSE(classifier);
  EXPECT_NE(classifier.error().find("(unclosed"), std::string::npos) << classifier.error();
  EXPECT_NE(classifier.error().find("fix pattern"), std::string::npos) << classifier.error();
}

}  // namespace
}  // namespace oxidize::history
