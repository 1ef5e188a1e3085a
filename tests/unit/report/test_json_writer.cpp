#include "oxidize/report/json_writer.hpp"

#include <gtest/gtest.h>

#include <cerrno>

#include <nlohmann/json.hpp>

namespace oxidize::report {
namespace {

using nlohmann::ordered_json;

std::string dump_whole(const ordered_json& doc) {
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

// Writes `v` through the writer: objects and arrays down to `split` levels by
// hand, everything below as whole values, the way the renderers mix the two.
void stream(JsonWriter& json, const ordered_json& v, int split) {
  if (split > 0 && v.is_object()) {
    json.begin_object();
    for (const auto& [key, item] : v.items()) {
      json.key(key);
      stream(json, item, split - 1);
    }
    json.end();
  } else if (split > 0 && v.is_array()) {
    json.begin_array();
    for (const auto& item : v) stream(json, item, split - 1);
    json.end();
  } else {
    json.value(v);
  }
}

std::string dump_streamed(const ordered_json& doc, int split) {
  util::StringOutput out;
  JsonWriter json(out);
  stream(json, doc, split);
  json.finish();
  return out.text();
}

ordered_json sample() {
  ordered_json doc;
  doc["schema_version"] = 1;
  doc["tool"] = {{"name", "oxidize"}, {"version", "0.1.0"}};
  doc["empty_array"] = ordered_json::array();
  doc["empty_object"] = ordered_json::object();
  doc["numbers"] = {-3, 0, 18446744073709551615ULL, 2.5, 0.1, 1e300, 7.0};
  doc["null"] = nullptr;
  doc["flags"] = {true, false};
  // Newlines, quotes, backslashes, control characters and UTF-8 in strings
  // must not be mistaken for the layout's line breaks.
  doc["text"] = "line one\nline two\t\"quoted\" \\ \x1b[31m caf\xc3\xa9 \xe2\x82\xac";
  ordered_json files = ordered_json::array();
  for (int i = 0; i < 3; ++i) {
    ordered_json f;
    f["path"] = "src/f" + std::to_string(i) + ".c\n";
    f["functions"] = i == 1 ? ordered_json::array() : ordered_json::array({{{"function", "main"}, {"ccn", i}}});
    f["nested"] = {{"a", {{"b", {{"c", ordered_json::array({ordered_json::object(), ordered_json::array()})}}}}}};
    files.push_back(std::move(f));
  }
  doc["files"] = std::move(files);
  doc["warnings"] = ordered_json::array();
  return doc;
}

TEST(JsonWriter, StreamedBytesAreThoseOfTheWholeDump) {
  const ordered_json doc = sample();
  const std::string whole = dump_whole(doc);
  for (int split = 0; split <= 6; ++split) EXPECT_EQ(dump_streamed(doc, split), whole) << "split " << split;
}

TEST(JsonWriter, EmptyContainersAndScalarsAtTheTop) {
  for (const ordered_json& doc : {ordered_json::object(), ordered_json::array(), ordered_json(42),
                                  ordered_json("x"), ordered_json::array({ordered_json::array()})}) {
    for (int split = 0; split <= 2; ++split) EXPECT_EQ(dump_streamed(doc, split), dump_whole(doc)) << doc.dump();
  }
}

TEST(JsonWriter, InvalidUtf8IsReplacedAsInTheWholeDump) {
  ordered_json doc;
  doc["bad"] = ordered_json::array({std::string("a\xff\xfe" "b"), std::string("\xc3")});
  doc[std::string("key\xff")] = 1;
  const std::string whole = dump_whole(doc);
  EXPECT_NE(whole.find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
  for (int split = 0; split <= 2; ++split) EXPECT_EQ(dump_streamed(doc, split), whole);
}

TEST(JsonWriter, CarriesOnQuietlyWhenTheReaderIsGone) {
  // A closed reader stops the Output; the writer then skips the dumps but
  // keeps its state, so that a renderer can carry on to the end.
  class Closed : public util::Output {
    int deliver(std::string_view) override { return EPIPE; }
  } out;
  JsonWriter json(out);
  json.begin_object();
  json.key("a");
  json.begin_array();
  out.write(std::string(util::Output::k_buffer_bytes, ' '));  // fills the buffer: it is delivered, and refused
  EXPECT_TRUE(out.stopped());
  json.value(ordered_json::array({1, 2, 3}));
  json.end();
  json.end();
  json.finish();
  EXPECT_TRUE(out.ok());
}

}  // namespace
}  // namespace oxidize::report
