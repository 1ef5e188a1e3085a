#include "oxidize/pipeline/state_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "oxidize/source/git_repository.hpp"

namespace oxidize::pipeline {

std::string state_dir(const std::vector<std::string>& roots) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string first = roots.size() == 1 ? roots.front() : std::string(".");
  if (const auto work_tree = source::find_work_tree(first)) return work_tree->workdir + "/" + k_state_dir_name;
  fs::path base = fs::absolute(first, ec).lexically_normal();
  if (!fs::is_directory(base, ec)) base = base.parent_path();
  std::string text = base.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return (text == "/" ? text : text + "/") + k_state_dir_name;
}

tl::expected<void, std::string> prepare_state_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return tl::unexpected(dir + ": cannot create oxidize's folder: " + ec.message());
  const std::string ignore = dir + "/.gitignore";
  struct stat st {};
  if (::stat(ignore.c_str(), &st) == 0) return {};
  const int fd = ::open(ignore.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return {};
    return tl::unexpected(ignore + ": cannot create: " + std::strerror(errno));
  }
  constexpr std::string_view text = "# oxidize's snapshot store and analysis cache: never committed\n*\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok) return tl::unexpected(ignore + ": cannot write");
  return {};
}

}  // namespace oxidize::pipeline
