#include "oxidize/cli/state_folder.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "oxidize/cli/terminal.hpp"
#include "oxidize/pipeline/state_dir.hpp"

namespace oxidize::cli {

StateFolder::StateFolder(const std::vector<std::string>& roots) : dir_(pipeline::state_dir(roots)) {}

bool StateFolder::ready() {
  if (ready_) return *ready_;
  std::string why;
  if (auto prepared = pipeline::prepare_state_dir(dir_); !prepared) why = prepared.error();
  else if (::access(dir_.c_str(), W_OK) != 0) why = dir_ + ": " + std::strerror(errno);
  ready_ = why.empty();
  if (!why.empty())
    print_warning({"", why + "; this run keeps no cache and no snapshot (--no-cache, --no-store, or --store PATH "
                             "elsewhere, say so)"});
  return *ready_;
}

bool can_write_file(const std::string& path) {
  if (::access(path.c_str(), F_OK) == 0) return ::access(path.c_str(), W_OK) == 0;
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  // The nearest folder that exists is the one that must let us create the rest.
  std::error_code ec;
  while (!dir.empty() && !std::filesystem::exists(dir, ec)) dir = dir.parent_path();
  return ::access(dir.empty() ? "." : dir.c_str(), W_OK) == 0;
}

}  // namespace oxidize::cli
