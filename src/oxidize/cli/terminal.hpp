#pragma once
// Writing to the user's terminal: warnings, the progress line, and the end of
// stdout's output (a closed pipe, `oxidize scan | head`, is not an error).
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "oxidize/pipeline/scan.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::cli {

// `oxidize: warning: PATH: message`, one line, path escaped.
void print_warning(const model::Warning& warning);
// `oxidize: error: message`, one line.
void print_error(std::string_view message);

// True when colour may be used on this stream (a terminal, and NO_COLOR unset).
bool use_color(std::FILE* stream);

// Flushes a command's output. Returns false after a real write error, which
// it reports (`oxidize: error: cannot write the output: REASON`); a closed
// pipe (EPIPE) counts as success.
bool flush_output(util::Output& out);

// A progress line on stderr, refreshed from its own thread while alive, when
// stderr is a terminal. Erased on destruction.
class ProgressLine {
 public:
  ProgressLine(pipeline::Progress& progress, bool enabled);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace oxidize::cli
