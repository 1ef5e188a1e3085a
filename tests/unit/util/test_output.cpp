#include "oxidize/util/output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace oxidize::util {
namespace {

// A temporary file to write to and read back.
class TempFile {
 public:
  TempFile() {
    char name[] = "/tmp/oxidize-output-XXXXXX";
    fd_ = ::mkstemp(name);
    path_ = name;
  }
  ~TempFile() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  int fd() const { return fd_; }
  std::string contents() const {
    std::string text;
    char buf[4096];
    for (off_t at = 0;;) {
      const ssize_t n = ::pread(fd_, buf, sizeof buf, at);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
      at += n;
    }
    return text;
  }

 private:
  int fd_ = -1;
  std::string path_;
};

// Every kind of write, some larger than the buffer, in order.
std::string write_mixed(Output& out) {
  std::string expected;
  for (int i = 0; i < 5000; ++i) {
    out.print("row {} {:>5}\n", i, i * 7);
    expected += fmt::format("row {} {:>5}\n", i, i * 7);
    out.write('#');
    expected += '#';
    if (i % 1000 == 0) {
      const std::string big(Output::k_buffer_bytes + 123, static_cast<char>('a' + i / 1000));
      out.write(big);
      expected += big;
    }
  }
  return expected;
}

TEST(Output, StringOutputKeepsEveryByteInOrder) {
  StringOutput out;
  const std::string expected = write_mixed(out);
  EXPECT_EQ(out.text(), expected);
  EXPECT_TRUE(out.ok());
  EXPECT_FALSE(out.stopped());
}

TEST(Output, BuffersUntilFullOrFlushed) {
  TempFile file;
  Output out(file.fd());
  out.write("small");
  EXPECT_EQ(file.contents(), "");  // still in the buffer
  out.flush();
  EXPECT_EQ(file.contents(), "small");
  const std::string fill(Output::k_buffer_bytes, 'x');
  out.write(fill.substr(0, 100));
  out.write(fill.substr(100));  // reaches 64 KiB: goes out without a flush
  EXPECT_EQ(file.contents().size(), 5 + Output::k_buffer_bytes);
}

TEST(Output, FileGetsEveryByteInOrder) {
  TempFile file;
  Output out(file.fd());
  const std::string expected = write_mixed(out);
  out.flush();
  EXPECT_TRUE(out.ok());
  EXPECT_EQ(file.contents(), expected);
}

TEST(Output, ClosedPipeStopsWritingWithoutAnError) {
  // As in main(): a closed pipe is EPIPE, not a signal.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::close(fds[0]);
  Output out(fds[1]);
  out.write("nobody reads this");
  out.flush();
  EXPECT_TRUE(out.ok());
  EXPECT_TRUE(out.stopped());
  out.print("{}", 42);  // dropped quietly
  out.flush();
  EXPECT_TRUE(out.ok());
  ::close(fds[1]);
  std::signal(SIGPIPE, previous);
}

TEST(Output, WriteErrorIsRememberedAndStopsWriting) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  Output out(fd);
  out.write(std::string(Output::k_buffer_bytes * 2, 'x'));
  EXPECT_FALSE(out.ok());
  EXPECT_TRUE(out.stopped());
  EXPECT_EQ(out.error_message(), std::strerror(ENOSPC));
  out.write("more");
  out.flush();
  EXPECT_EQ(out.error_message(), std::strerror(ENOSPC));
  ::close(fd);
}

}  // namespace
}  // namespace oxidize::util
