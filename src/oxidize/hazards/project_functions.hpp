#pragma once
// A project's own functions and macros that behave as C library ones,
// declared in oxidize.toml (`[hazards.functions] ngx_cpymem = "memcpy"`):
// the detectors then treat a call to ngx_cpymem as a call to memcpy, so a
// tree whose every copy goes through wrappers (nginx) is read like one that
// calls the library directly. Built once per run, read by every worker.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "oxidize/hazards/c_library.hpp"

namespace oxidize::hazards {

// How many arguments a wrapper's mapping can name.
inline constexpr std::size_t k_max_mapped_arguments = 8;

struct ProjectFunction {
  LibraryCall call;  // what the library function does, in its own argument order
  // For argument k of the library function, the wrapper's argument that
  // holds it (`ngx_pfree(pool, p)` is free with args = [1]); `mapped` = 0:
  // the same order.
  std::array<std::int8_t, k_max_mapped_arguments> args{};
  std::uint8_t mapped = 0;
};

class ProjectFunctions {
 public:
  // `like` names a function of the C library table (c_library.cpp);
  // `args[k]` is the wrapper's argument holding the library's argument k;
  // `returns_null` overrides whether an allocator may return NULL (false for
  // wrappers that abort). The error is one line without the file name.
  tl::expected<void, std::string> add(std::string name, std::string_view like, std::span<const int> args,
                                      std::optional<bool> returns_null);
  const ProjectFunction* find(std::string_view name) const;
  bool empty() const { return functions_.empty(); }
  // Changes whenever a declaration does: part of the analysis cache's key.
  std::uint64_t digest() const { return digest_; }

 private:
  std::map<std::string, ProjectFunction, std::less<>> functions_;
  std::string canonical_;  // every declaration, in a fixed spelling, for the digest
  std::uint64_t digest_ = 0;
};

}  // namespace oxidize::hazards
