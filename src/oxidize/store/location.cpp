#include "oxidize/store/location.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace oxidize::store {

namespace fs = std::filesystem;

std::string default_store_path(std::string_view root) {
  return (fs::path(root) / k_store_dir / k_store_file).string();
}

tl::expected<void, std::string> prepare_store_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return tl::unexpected(fmt::format("{}: cannot create the store's folder: {}", dir, ec.message()));
  const fs::path ignore = fs::path(dir) / ".gitignore";
  if (fs::exists(fs::symlink_status(ignore, ec))) return {};
  // Everything in the folder, .gitignore included: git then never lists it.
  std::ofstream out(ignore, std::ios::binary);
  out << "# Written by oxidize: the snapshot store is local data, never committed.\n*\n";
  out.close();
  if (!out) return tl::unexpected(fmt::format("{}: cannot write: {}", ignore.string(), std::strerror(errno)));
  return {};
}

}  // namespace oxidize::store
