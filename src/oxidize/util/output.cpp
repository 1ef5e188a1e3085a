#include "oxidize/util/output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace oxidize::util {

Output::Output(int fd) : fd_(fd) { buffer_.reserve(k_buffer_bytes); }

void Output::write(std::string_view text) {
  if (stopped_) return;
  if (buffer_.size() + text.size() > k_buffer_bytes) {
    flush();
    // A large text goes out as it is: copying it through the buffer would
    // only cost time.
    if (text.size() >= k_buffer_bytes) {
      send(text);
      return;
    }
  }
  buffer_.append(text);
  if (buffer_.size() >= k_buffer_bytes) flush();
}

void Output::write(char c) {
  if (stopped_) return;
  buffer_.push_back(c);
  if (buffer_.size() >= k_buffer_bytes) flush();
}

void Output::flush() {
  send(buffer_);
  buffer_.clear();
}

void Output::send(std::string_view bytes) {
  if (stopped_ || bytes.empty()) return;
  if (const int err = deliver(bytes); err != 0) {
    stopped_ = true;
    if (err != EPIPE) error_ = err;
  }
}

std::string Output::error_message() const { return error_ == 0 ? std::string() : std::strerror(error_); }

int Output::deliver(std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return 0;
}

const std::string& StringOutput::text() {
  flush();
  return text_;
}

int StringOutput::deliver(std::string_view bytes) {
  text_.append(bytes);
  return 0;
}

}  // namespace oxidize::util
