#include "oxidize/util/file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace oxidize::util {

namespace {

constexpr std::size_t k_initial_capacity = std::size_t{1} << 20;
// Buffers above this are given back after use (see the header comment).
constexpr std::size_t k_keep_capacity = std::size_t{64} << 20;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

ReadFailure failure_from_errno(int err) {
  switch (err) {
    case ENOENT: return {ReadError::not_found, "vanished before it could be read"};
    case EACCES:
    case EPERM: return {ReadError::permission, "permission denied"};
    case ELOOP: return {ReadError::symlink, "is a symbolic link"};
    default: return {ReadError::io, std::strerror(err)};
  }
}

FileStamp stamp_of(const struct stat& st) {
  return {static_cast<std::uint64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
          static_cast<std::uint64_t>(st.st_ino)};
}

}  // namespace

std::optional<FileStamp> stamp_at(int dir_fd, const char* name, bool follow_symlinks) {
  struct stat st {};
  if (::fstatat(dir_fd, name, &st, follow_symlinks ? 0 : AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
  if (!S_ISREG(st.st_mode)) return std::nullopt;
  return stamp_of(st);
}

void FileReader::reserve(std::size_t bytes) {
  if (bytes <= capacity_) return;
  std::size_t cap = capacity_ == 0 ? k_initial_capacity : capacity_;
  while (cap < bytes) cap *= 2;
  buffer_.reset(new char[cap]);
  capacity_ = cap;
}

tl::expected<std::string_view, ReadFailure> FileReader::read(int dir_fd, const char* name,
                                                             bool follow_symlinks) {
  if (capacity_ > k_keep_capacity) {
    buffer_.reset();
    capacity_ = 0;
  }
  int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
  if (!follow_symlinks) flags |= O_NOFOLLOW;
  const Fd fd(::openat(dir_fd, name, flags));
  if (fd.get() < 0) return tl::unexpected(failure_from_errno(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return tl::unexpected(failure_from_errno(errno));
  if (!S_ISREG(st.st_mode)) return tl::unexpected(ReadFailure{ReadError::not_regular, "not a regular file"});
  stamp_ = stamp_of(st);
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > max_bytes_)
    return tl::unexpected(ReadFailure{ReadError::too_large, "larger than the size limit"});
  // One byte more than stat says, so that a file growing during the read is
  // noticed (and read on) rather than silently cut.
  reserve(size + 1);
  std::size_t used = 0;
  for (;;) {
    if (used == capacity_) {
      if (used >= max_bytes_)
        return tl::unexpected(ReadFailure{ReadError::too_large, "grew past the size limit while read"});
      std::unique_ptr<char[]> bigger(new char[capacity_ * 2]);
      std::memcpy(bigger.get(), buffer_.get(), used);
      buffer_ = std::move(bigger);
      capacity_ *= 2;
    }
    const ssize_t n = ::read(fd.get(), buffer_.get() + used, capacity_ - used);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::unexpected(failure_from_errno(errno));
    }
    used += static_cast<std::size_t>(n);
  }
  return std::string_view(buffer_.get(), used);
}

}  // namespace oxidize::util
