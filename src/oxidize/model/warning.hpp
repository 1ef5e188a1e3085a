#pragma once
// A problem met on the way that did not stop the run: a file skipped, an
// object unreadable. Printed on stderr as it happens and kept in the snapshot.
#include <string>

namespace oxidize::model {

struct Warning {
  std::string path;  // relative to the root; empty when no path applies
  std::string message;
  auto operator<=>(const Warning&) const = default;
};

}  // namespace oxidize::model
