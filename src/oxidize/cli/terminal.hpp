#pragma once
// Writing to the user's terminal: warnings, the progress line, and the end of
// stdout's output (a closed pipe, `oxidize scan | head`, is not an error).
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "oxidize/pipeline/scan.hpp"
#include "oxidize/util/output.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

// `oxidize: warning: PATH: message`, one line, path escaped.
void print_warning(const model::Warning& warning);
// `oxidize: error: message`, one line.
void print_error(std::string_view message);

// --color: auto (the default), always or never.
enum class ColorMode : unsigned char { automatic, always, never };
std::optional<ColorMode> color_mode_from_name(std::string_view name);
// The mode use_color() follows; set once, while parsing the command line.
void set_color_mode(ColorMode mode);

// Whether to colour: as `mode` says, and in auto mode when NO_COLOR is unset
// or empty, TERM is not "dumb" and the stream is a terminal. Pure, for tests.
bool color_wanted(ColorMode mode, const char* no_color, const char* term, bool terminal);

// True when colour may be used on this stream: color_wanted() with the
// --color mode, the environment and the stream.
bool use_color(std::FILE* stream);

// Flushes a command's output. Returns false after a real write error, which
// it reports (`oxidize: error: cannot write the output: REASON`); a closed
// pipe (EPIPE) counts as success.
bool flush_output(util::Output& out);

// A status line on stderr, refreshed every 200 ms from its own thread while
// alive, when stderr is a terminal and `enabled`. Erased on destruction.
// `status` is called on that thread: it reads atomic counters only.
class StatusLine {
 public:
  StatusLine(std::function<std::string()> status, bool enabled);
  ~StatusLine();
  StatusLine(const StatusLine&) = delete;
  StatusLine& operator=(const StatusLine&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The scan's progress line: files, megabytes and throughput so far.
class ProgressLine {
 public:
  ProgressLine(pipeline::Progress& progress, bool enabled);

 private:
  util::Stopwatch clock_;
  StatusLine line_;
};

}  // namespace oxidize::cli
