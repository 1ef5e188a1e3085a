#pragma once
// Files held in memory (path -> bytes): a real source for tests and fuzzing,
// with the same path rules as a git tree.
#include <map>
#include <string>

#include "oxidize/source/file_source.hpp"

namespace oxidize::source {

class MemorySource final : public FileSource {
 public:
  MemorySource(std::map<std::string, std::string> files, discover::LanguageMap languages = {});
  // Visits on the calling thread, in path order (worker 0).
  void for_each(unsigned threads, const Visit& visit, Problems& problems) override;

 private:
  std::map<std::string, std::string> files_;
  discover::LanguageMap languages_;
};

}  // namespace oxidize::source
