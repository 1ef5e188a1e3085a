#pragma once
// Why a file met by the walk or the read was not scanned: one enum counts
// every reason, so the snapshot keeps one counter per reason.
#include <cstdint>
#include <string_view>

namespace oxidize::discover {

// Why something found during the walk was not scanned.
enum class Skip : std::uint8_t {
  symlink,            // a symlink, not followed (no warning: the default)
  not_regular,        // FIFO, socket or device with a source extension
  unreadable_dir,     // a directory that cannot be listed
  symlink_loop,       // a followed symlink to a directory already entered
  dangling_symlink,   // a followed symlink whose target does not exist
  path_too_long,      // beyond PATH_MAX
  not_source,         // a file named on the command line that is not C, C++ or Rust (see --ext)
  // Set by the file callback (scan/), listed here so that one enum counts all.
  unreadable_file,
  vanished,
  too_large,
  binary,
  count_
};

std::string_view skip_key(Skip why);

}  // namespace oxidize::discover
