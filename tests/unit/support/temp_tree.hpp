#pragma once
// A temporary directory tree for tests that need real files (and real git
// repositories), removed when the test ends.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace oxidize::testing {

class TempTree {
 public:
  TempTree() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "oxidize-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = tmpl;
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::string path(const std::string& rel = "") const { return rel.empty() ? root_.string() : (root_ / rel).string(); }

  void write(const std::string& rel, const std::string& bytes) const {
    const auto p = root_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  // Sets a file's modification time (seconds and nanoseconds since the epoch).
  void set_mtime(const std::string& rel, std::int64_t sec, long nsec = 0) const {
    const struct timespec times[2] = {{sec, nsec}, {sec, nsec}};
    ASSERT_EQ(::utimensat(AT_FDCWD, path(rel).c_str(), times, 0), 0);
  }
  // Runs a git command in the tree (git is a build dependency), quietly.
  void git(const std::string& args) const {
    const std::string cmd = "git -C '" + root_.string() +
                            "' -c user.name=oxidize -c user.email=test@oxidize.invalid -c init.defaultBranch=main " +
                            args + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace oxidize::testing
