#pragma once
// Reading one source file into a buffer that is reused from file to file.
// Why not mmap or a fresh std::string per file: on these machines touching new
// memory costs more than reading (see ../shared/peers/README.md), and most
// source files are small, so one warm buffer per worker is the fast path. A
// buffer grown for an unusually large file is released again afterwards, so
// memory never grows with the contents already counted.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace oxidize::util {

enum class ReadError {
  not_found,       // vanished between listing and opening
  permission,      // EACCES / EPERM
  not_regular,     // FIFO, socket, device, directory: never read
  too_large,       // over the size limit
  symlink,         // a symlink where none is followed (O_NOFOLLOW)
  io,              // anything else; the message has errno's text
};

// What stat says of a file: enough to tell, without reading it, that a file
// is the one read before (git's index does the same). Zero for none.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch
  std::uint64_t inode = 0;
  bool operator==(const FileStamp&) const = default;
};

// The stamp of `name` relative to `dir_fd`, without opening it; nullopt when
// it cannot be stat'ed or is no regular file.
std::optional<FileStamp> stamp_at(int dir_fd, const char* name, bool follow_symlinks);

struct ReadFailure {
  ReadError error;
  std::string message;
};

class FileReader {
 public:
  explicit FileReader(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // Reads the regular file `name` relative to directory fd `dir_fd` (or an
  // absolute/cwd-relative path with AT_FDCWD). The view stays valid until the
  // next call. Opens with O_NONBLOCK so that a FIFO swapped in after listing
  // can never block the scan.
  tl::expected<std::string_view, ReadFailure> read(int dir_fd, const char* name,
                                                   bool follow_symlinks);
  // The stamp of the file the last successful read() opened (taken before
  // reading, so a change during the read makes it stale, never fresh).
  const FileStamp& last_stamp() const { return stamp_; }

 private:
  void reserve(std::size_t bytes);

  std::size_t max_bytes_;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  FileStamp stamp_;
};

}  // namespace oxidize::util
