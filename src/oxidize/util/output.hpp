#pragma once
// Where a report goes: a buffered sink that renderers write to as they go,
// so that an output of any size is never held in memory whole. Bytes collect
// in a 64 KiB buffer and leave in large writes. A reader that went away
// (EPIPE: `oxidize scan --format json | head`) is not an error: writing
// stops quietly. A real write error (a full disk, EIO) stops writing too and
// is remembered, so that the command reports it once, at the end.
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace oxidize::util {

class Output {
 public:
  static constexpr std::size_t k_buffer_bytes = std::size_t{64} * 1024;

  // Writes to `fd`, which stays open (stdout, usually).
  explicit Output(int fd);
  // Does not flush: an error found in a destructor could not be reported.
  // Call flush() and check ok().
  virtual ~Output() = default;
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view text);
  void write(char c);
  // fmt::format straight into the buffer, with no string in between.
  template <typename... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) {
    if (stopped_) return;  // nobody will read it: do not even format it
    fmt::format_to(std::back_inserter(buffer_), format, std::forward<Args>(args)...);
    if (buffer_.size() >= k_buffer_bytes) flush();
  }

  // Delivers what is buffered.
  void flush();
  // False after a real write error; a closed pipe is not one.
  bool ok() const { return error_ == 0; }
  // True once nothing more will be written (the reader went away, or a write
  // failed); renderers may stop early, since their output is dropped anyway.
  bool stopped() const { return stopped_; }
  // strerror of the write error, when !ok().
  std::string error_message() const;

 protected:
  Output() = default;  // for sinks that are no file descriptor
  // Hands `bytes` to the destination. Returns 0, or the errno value of the
  // failure; EPIPE means the reader is gone.
  virtual int deliver(std::string_view bytes);

 private:
  void send(std::string_view bytes);  // delivers, and stops on a failure

  int fd_ = -1;
  std::string buffer_;
  bool stopped_ = false;
  int error_ = 0;
};

// An Output that collects everything into a string: for tests, and for
// callers that want a small report as text.
class StringOutput final : public Output {
 public:
  // Everything written so far (flushes first).
  const std::string& text();

 private:
  int deliver(std::string_view bytes) override;
  std::string text_;
};

}  // namespace oxidize::util
