#pragma once
// A JSON document written as it goes, byte for byte what
// ordered_json::dump(2, ' ', false, error_handler_t::replace) writes for the
// whole document: the skeleton (the objects and arrays that may grow with the
// tree) by hand, and each value inside it (a file, a function, a finding) built
// as a small ordered_json and dumped by nlohmann at its depth, so that escaping
// and number formatting stay nlohmann's. Memory is bounded by the largest
// single value, not by the document.
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "oxidize/util/output.hpp"

namespace oxidize::report {

class JsonWriter {
 public:
  explicit JsonWriter(util::Output& out) : out_(out) {}

  // Open an object or array: the document itself, a member's value after
  // key(), or an element of the enclosing array.
  void begin_object();
  void begin_array();
  // Closes the innermost open object or array.
  void end();
  // The next member of the enclosing object: its value follows.
  void key(std::string_view name);
  // A whole value: a member's after key(), or an element of the enclosing array.
  void value(const nlohmann::ordered_json& v);
  void member(std::string_view name, const nlohmann::ordered_json& v) {
    key(name);
    value(v);
  }
  // Ends the document (dump() + "\n", as the renderers always wrote it).
  void finish();

 private:
  struct Level {
    bool object;
    bool empty = true;  // `[]` and `{}` stay on one line, as nlohmann writes them
  };
  // The separator and indentation before an array element; nothing after key().
  void start_value();
  void newline_and_indent(std::size_t depth);

  util::Output& out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace oxidize::report
