#pragma once
// The `.oxidize` folder of a run (pipeline/state_dir.hpp), prepared at most
// once and shared by the analysis cache and the snapshot store: when it
// cannot be written (a read-only checkout, someone else's tree) the run still
// gives its results, with one warning for both.
#include <optional>
#include <string>
#include <vector>

namespace oxidize::cli {

class StateFolder {
 public:
  explicit StateFolder(const std::vector<std::string>& roots);
  const std::string& dir() const { return dir_; }
  // Creates the folder when needed; false (after one warning for the whole
  // run) when it cannot be created or written.
  bool ready();

 private:
  std::string dir_;
  std::optional<bool> ready_;
};

// False when `path` (a file that may not exist yet) cannot be created or
// written by this process: its folder, or the file itself, refuses writes.
bool can_write_file(const std::string& path);

}  // namespace oxidize::cli
