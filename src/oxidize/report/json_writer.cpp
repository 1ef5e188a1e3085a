#include "oxidize/report/json_writer.hpp"

#include <algorithm>
#include <cassert>
#include <string>

namespace oxidize::report {

using nlohmann::ordered_json;

namespace {

constexpr int k_indent = 2;  // the renderers' dump(2)

std::string dump(const ordered_json& v, int indent) {
  // The replace handler is a second guard: renderers pass valid UTF-8 already.
  return v.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

void JsonWriter::begin_object() {
  start_value();
  out_.write('{');
  levels_.push_back({true});
}

void JsonWriter::begin_array() {
  start_value();
  out_.write('[');
  levels_.push_back({false});
}

void JsonWriter::end() {
  assert(!levels_.empty() && !after_key_);
  const Level closed = levels_.back();
  levels_.pop_back();
  if (!closed.empty) newline_and_indent(levels_.size());
  out_.write(closed.object ? '}' : ']');
}

void JsonWriter::key(std::string_view name) {
  assert(!levels_.empty() && levels_.back().object && !after_key_);
  Level& level = levels_.back();
  if (!level.empty) out_.write(',');
  level.empty = false;
  newline_and_indent(levels_.size());
  out_.write(dump(ordered_json(std::string(name)), -1));  // escaped as nlohmann escapes keys
  out_.write(": ");
  after_key_ = true;
}

void JsonWriter::value(const ordered_json& v) {
  start_value();
  if (out_.stopped()) return;  // nobody will read it: skip the dump
  const std::string text = dump(v, k_indent);
  // nlohmann lays the value out as if it were the document, from column 0.
  // JSON strings hold no raw newline (it is escaped), so every newline in the
  // dump is a line break of that layout: indent each to this depth.
  const std::string_view view = text;
  const std::size_t depth = levels_.size();
  std::size_t from = 0;
  for (std::size_t nl = view.find('\n'); nl != std::string_view::npos; nl = view.find('\n', from)) {
    out_.write(view.substr(from, nl - from));
    newline_and_indent(depth);
    from = nl + 1;
  }
  out_.write(view.substr(from));
}

void JsonWriter::finish() {
  assert(levels_.empty());
  out_.write('\n');
}

void JsonWriter::start_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;  // the document itself
  assert(!levels_.back().object);  // in an object, key() comes first
  Level& level = levels_.back();
  if (!level.empty) out_.write(',');
  level.empty = false;
  newline_and_indent(levels_.size());
}

void JsonWriter::newline_and_indent(std::size_t depth) {
  static constexpr std::string_view k_spaces = "                                ";
  out_.write('\n');
  for (std::size_t n = depth * k_indent; n > 0;) {
    const std::size_t chunk = std::min(n, k_spaces.size());
    out_.write(k_spaces.substr(0, chunk));
    n -= chunk;
  }
}

}  // namespace oxidize::report
